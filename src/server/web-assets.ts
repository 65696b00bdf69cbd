import { existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { UserError } from "../user-error.js";
import type { WebAssets } from "./page-routes.js";

/**
 * Finds the page's files from wherever this module runs: `src/server/` under tsx (dev, tests) or the
 * compiled `dist/…/server/` in production. Run from source, the script is bundled on demand with
 * esbuild, so it is never stale; compiled, it is the file `npm run build:web` made, because production
 * installs have no esbuild.
 */

const PACKAGE_NAME = "fazhi-report-assistant";
export const BUNDLE_PATH = "web/build/app.js";

export function packageRoot(from = import.meta.dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === PACKAGE_NAME)
      return dir;
    if (dirname(dir) === dir) throw new Error(`package root of ${PACKAGE_NAME} not found above ${from}`);
  }
}

export async function loadWebAssets(): Promise<WebAssets> {
  const root = packageRoot();
  const html = await readFile(join(root, "web/index.html"), "utf8");
  if (import.meta.url.endsWith(".ts")) {
    const { bundleWeb } = await import("./web-bundle.js");
    return { html, script: await bundleWeb(root) };
  }
  const bundle = join(root, BUNDLE_PATH);
  if (!existsSync(bundle))
    throw new UserError(`网页脚本未构建：找不到 ${bundle}，请先运行 npm run build:web（或 npm run build）`);
  return { html, script: await readFile(bundle, "utf8") };
}
