import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { LOCK_FILE } from "../../src/search/index-lock.js";
import { cliArgs, run, start } from "../helpers/processes.js";

/** How every command ends: usage errors, help, a closed pipe, signals (exit codes as the README lists them). */

let scratch: string;
let indexDir: string;
const env = () => ({ ...process.env, INDEX_DIR: indexDir, TELEGRAM_BOT_TOKEN: "", LLM_MODEL: "", LOG_LEVEL: "warn" });

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), "process-policy-"));
  indexDir = join(scratch, "index");
  expect((await run(...cliArgs("index"), { env: env() })).code).toBe(0);
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("usage", () => {
  it("refuses an empty question or query with exit code 2 instead of waiting for input", async () => {
    for (const args of [
      ["ask", ""],
      ["ask", "  "],
      ["search", ""],
    ]) {
      const result = await run(...cliArgs(...args), { env: env(), timeoutMs: 20_000 });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/(问题|查询)不能为空/);
    }
  });

  it("prints help in Chinese and says what is wrong with a command line in Chinese (exit 2)", async () => {
    const help = await run(...cliArgs("--help"), { env: env() });
    expect(help.code).toBe(0);
    for (const title of ["用法：", "选项：", "命令：", "显示帮助"]) expect(help.stdout).toContain(title);
    const sub = await run(...cliArgs("ask", "--help"), { env: env() });
    expect(sub.stdout).toContain("回答问题");
    const unknown = await run(...cliArgs("frobnicate"), { env: env() });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("没有命令「frobnicate」");
    const bad = await run(...cliArgs("search", "--k", "x", "行政复议"), { env: env() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("应为正整数");
    expect(unknown.stderr + bad.stderr).not.toMatch(/error:/);
  });
});

describe("output and signals", () => {
  it("ends quietly when the reader of its output goes away (`search … | head -n 1`)", async () => {
    const queries = join(scratch, "queries.txt");
    writeFileSync(queries, "行政复议\n法律明白人\n述法工作\n".repeat(300));
    const [node, args] = cliArgs("search", "--json", "--k", "20");
    const pipeline = `${[node, ...args].map((a) => `'${a}'`).join(" ")} < '${queries}' | head -n 1; echo "status=\${PIPESTATUS[0]}" >&2`;
    const result = await run("bash", ["-c", pipeline], { env: env() });
    expect(JSON.parse(result.stdout).query).toBe("行政复议");
    expect(result.stderr).toContain("status=0");
    expect(result.stderr).not.toMatch(/EPIPE|Error/);
  });

  it.each([
    ["SIGTERM", 143],
    ["SIGINT", 130],
  ] as const)(
    "ends at once on %s while waiting for input, with exit code %i",
    async (signal, code) => {
      const asking = start(...cliArgs("ask"), { env: env() });
      // Ready once it has opened the library: the index lock is released again.
      await vi.waitFor(() => expect(existsSync(join(indexDir, LOCK_FILE))).toBe(false), { timeout: 30_000 });
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      asking.child.kill(signal);
      const exit = await asking.exited;
      expect(exit.code).toBe(code);
      expect(asking.stderr()).not.toMatch(/Error|at /);
    },
    40_000,
  );

  it("releases the index lock when `index` is interrupted, and the next run completes", async () => {
    const corpusDir = join(scratch, "big");
    mkdirSync(corpusDir);
    const seeds = readdirSync("corpus").map((name) => readFileSync(join("corpus", name), "utf8"));
    for (let i = 0; i < 300; i++) writeFileSync(join(corpusDir, `r${i}.txt`), seeds[i % seeds.length]!);
    const bigIndex = join(scratch, "big-index");
    const indexing = start(...cliArgs("index", "--corpus", corpusDir, "--index", bigIndex), { env: env() });
    await vi.waitFor(() => expect(existsSync(join(bigIndex, LOCK_FILE))).toBe(true), { timeout: 30_000, interval: 10 });
    indexing.child.kill("SIGINT");
    expect((await indexing.exited).code).toBe(130);
    expect(existsSync(join(bigIndex, LOCK_FILE))).toBe(false);
    cpSync("corpus", join(corpusDir, "seeds"), { recursive: true });
    const again = await run(...cliArgs("index", "--corpus", corpusDir, "--index", bigIndex), { env: env(), timeoutMs: 120_000 });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("报告 305 份");
  }, 150_000);
});
