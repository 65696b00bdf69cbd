import { join } from "node:path";

/**
 * The page's TypeScript (web/) bundled into one script. esbuild is a development dependency: this runs
 * from source and at build time (`npm run build:web`), never in a production install.
 */
export async function bundleWeb(root: string): Promise<string> {
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    entryPoints: [join(root, "web/app.ts")],
    bundle: true,
    minify: true,
    format: "iife",
    // Browsers on government desktops are often a few years old.
    target: ["es2020", "chrome87", "firefox90", "safari15"],
    charset: "utf8",
    legalComments: "none",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}
