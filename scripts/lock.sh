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
node scripts/check-lock.mjs "$work/package-lock.json"
cp "$work/package-lock.json" package-lock.json
echo "package-lock.json 已更新：$(grep -c '"node_modules/' package-lock.json) 个包，各平台的可选依赖齐全。"
