import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT, run } from "./helpers/processes.js";

/**
 * The package as it is installed and run in production: the compiled build run by plain node (the
 * worker thread's compiled entry included), install scripts approved, a lock file for every platform.
 */

const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as {
  private: boolean;
  engines: { node: string };
  bin: Record<string, string>;
  scripts: Record<string, string>;
  allowScripts: Record<string, boolean>;
  dependencies: Record<string, string>;
};
const out = `.build-test-${process.pid}`;
const built = join(PROJECT_ROOT, out);
let scratch: string;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), "packaging-"));
  const build = await run(process.execPath, ["scripts/build.mjs", out], { timeoutMs: 180_000 });
  expect(build.stderr + build.stdout).toBe("");
  expect(build.code).toBe(0);
}, 200_000);

afterAll(() => {
  rmSync(built, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

describe("the compiled build", () => {
  it("answers with plain node, no TypeScript tooling involved", async () => {
    expect(existsSync(join(built, "search/domain-dict.txt"))).toBe(true);
    const ask = await run(process.execPath, [
      join(built, "cli/main.js"),
      "ask",
      "--json",
      "--index",
      join(scratch, "index"),
      "鱼峰区2023年共收到多少件行政复议申请？",
    ]);
    expect(ask.code).toBe(0);
    expect(JSON.parse(ask.stdout).answer).toContain("70件");
    const help = await run(process.execPath, [join(built, "cli/main.js"), "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("用法：");
  }, 60_000);

  it("updates an open library in its compiled worker thread", async () => {
    const corpusDir = join(scratch, "corpus");
    cpSync(join(PROJECT_ROOT, "corpus"), corpusDir, { recursive: true });
    const script = `
      import { appendFileSync } from "node:fs";
      import { loadConfig } from ${JSON.stringify(join(built, "config.js"))};
      import { openLibrary } from ${JSON.stringify(join(built, "search/library.js"))};
      const library = await openLibrary({ corpusDir: ${JSON.stringify(corpusDir)}, indexDir: ${JSON.stringify(join(scratch, "live-index"))}, config: loadConfig({}) });
      appendFileSync(${JSON.stringify(join(corpusDir, readdirSync(corpusDir)[0]!))}, "\\n六、其他\\n全年开展“法治夜校”活动99场。\\n");
      const summary = await library.update();
      const hit = (await library.search("法治夜校活动开展了多少场", { k: 1 })).results[0];
      process.stdout.write(JSON.stringify({ updated: summary.updated.length, text: hit.text }));
    `;
    writeFileSync(join(scratch, "update.mjs"), script);
    const result = await run(process.execPath, [join(scratch, "update.mjs")]);
    expect(result.stderr).not.toMatch(/Error/);
    expect(JSON.parse(result.stdout)).toMatchObject({ updated: 1, text: expect.stringContaining("99场") });
  }, 60_000);
});

describe("package.json", () => {
  it("is private, needs a Node that has what the code uses, and runs the build in production", () => {
    expect(pkg.private).toBe(true);
    expect(pkg.engines.node).toBe(">=20.12");
    expect(pkg.scripts.start).toMatch(/^node dist\//);
    expect(Object.values(pkg.bin).every((bin) => bin.startsWith("dist/"))).toBe(true);
    expect(Object.keys(pkg.dependencies)).not.toContain("tsx");
  });

  it("approves the install script of every installed package that has one (npm prints no warning)", () => {
    const withScripts: string[] = [];
    const visit = (dir: string) => {
      for (const name of readdirSync(dir)) {
        if (name.startsWith(".")) continue;
        if (name.startsWith("@")) {
          visit(join(dir, name));
          continue;
        }
        const manifest = join(dir, name, "package.json");
        if (!existsSync(manifest)) continue;
        const { name: pkgName, scripts = {} } = JSON.parse(readFileSync(manifest, "utf8")) as {
          name: string;
          scripts?: Record<string, string>;
        };
        // npm runs `node-gyp rebuild` for a package with binding.gyp and no install script of its own.
        if (scripts.preinstall || scripts.install || scripts.postinstall || existsSync(join(dir, name, "binding.gyp")))
          withScripts.push(pkgName);
        if (existsSync(join(dir, name, "node_modules"))) visit(join(dir, name, "node_modules"));
      }
    };
    visit(join(PROJECT_ROOT, "node_modules"));
    expect(withScripts.length).toBeGreaterThan(0);
    expect(withScripts.filter((name) => pkg.allowScripts[name] !== true)).toEqual([]);
  });

  it("has a lock file that holds every platform's optional packages", async () => {
    const check = await run(process.execPath, ["scripts/check-lock.mjs"]);
    expect(check.stderr).toBe("");
    expect(check.code).toBe(0);
  });
});
