// Checks that package-lock.json (or the file named) locks every optional dependency of every locked
// package, i.e. all platforms' native packages, so that `npm ci` works on any of them. Exit 1 and a list
// of what is missing otherwise; `npm run lock` mends it.
import { readFileSync } from "node:fs";

const file = process.argv[2] ?? new URL("../package-lock.json", import.meta.url);
const { packages } = JSON.parse(readFileSync(file, "utf8"));
const missing = [];
for (const [path, entry] of Object.entries(packages)) {
  for (const dep of Object.keys(entry.optionalDependencies ?? {})) {
    // Resolved as Node does: from the package's own node_modules upwards.
    let dir = path;
    let found = false;
    for (;;) {
      if (packages[`${dir ? `${dir}/` : ""}node_modules/${dep}`]) {
        found = true;
        break;
      }
      if (!dir) break;
      const at = dir.lastIndexOf("/node_modules/");
      dir = at < 0 ? "" : dir.slice(0, at);
    }
    if (!found) missing.push(`${path || "(root)"} → ${dep}`);
  }
}
if (missing.length > 0) {
  console.error(`package-lock.json 缺少可选依赖（请运行 npm run lock）：\n  ${missing.join("\n  ")}`);
  process.exit(1);
}
