#!/usr/bin/env bash
# Makes package-lock.json complete for every platform, reproducibly: `npm run lock` after any change to the
# dependencies in package.json (also after merging someone else's).
#
# Why: npm writes the lock file from the node_modules it just installed, which hold only this machine's
# optional platform packages (rollup's, esbuild's, @napi-rs/canvas's), and `npm ci` on another platform or
# a fresh clone then fails. Resolved again in an empty folder, from package.json and the current lock file
# alone, npm keeps every version already locked and adds whatever is missing, for all platforms.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp package.json "$work/"
[ -f package-lock.json ] && cp package-lock.json "$work/"
(cd "$work" && npm install --package-lock-only --ignore-scripts --no-audit --no-fund --loglevel=error)
node - "$work/package-lock.json" <<'JS'
// Every optional dependency named by a locked package must be locked too (resolved from its folder upwards).
const lock = JSON.parse(require("node:fs").readFileSync(process.argv[2], "utf8"));
const missing = [];
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const dep of Object.keys(entry.optionalDependencies ?? {})) {
    let dir = path;
    let found = false;
    for (;;) {
      if (lock.packages[`${dir ? `${dir}/` : ""}node_modules/${dep}`]) { found = true; break; }
      if (!dir) break;
      const at = dir.lastIndexOf("/node_modules/");
      dir = at < 0 ? "" : dir.slice(0, at);
    }
    if (!found) missing.push(`${path || "(root)"} → ${dep}`);
  }
}
if (missing.length) {
  console.error(`package-lock.json 仍缺少可选依赖：\n  ${missing.join("\n  ")}`);
  process.exit(1);
}
JS
cp "$work/package-lock.json" package-lock.json
echo "package-lock.json 已更新：$(grep -c '"node_modules/' package-lock.json) 个包，各平台的可选依赖齐全。"
