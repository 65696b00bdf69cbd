// `npm run build`: compiles src/ to dist/ with tsc, then copies the files the code reads beside itself
// (dictionaries, data) so that dist/ runs on its own with plain `node`. An argument names another output
// folder inside the project (the packaging test builds into a folder of its own).
import { spawnSync } from "node:child_process";
import { cpSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { extname } from "node:path";
import { fileURLToPath } from "node:url";

const root = new URL("../", import.meta.url);
const out = fileURLToPath(new URL(process.argv[2] ?? "dist", root));
rmSync(out, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const compiled = spawnSync(process.execPath, [tsc, "-p", fileURLToPath(new URL("tsconfig.build.json", root)), "--outDir", out], {
  stdio: "inherit",
});
if (compiled.status !== 0) process.exit(compiled.status ?? 1);
cpSync(fileURLToPath(new URL("src/", root)), out, {
  recursive: true,
  filter: (source) => ![".ts", ".mts", ".cts"].includes(extname(source)),
});
// The page's script, bundled with esbuild (a development dependency) now, so production serves a file.
const web = spawnSync(process.execPath, [fileURLToPath(new URL("cli/build-web.js", `file://${out}/`))], { stdio: "inherit" });
if (web.status !== 0) process.exit(web.status ?? 1);
