import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliArgs, run } from "../helpers/processes.js";

let indexDir: string;

function cli(args: string[], input: string, extraEnv: Record<string, string> = {}) {
  return run(...cliArgs(...args), {
    input,
    env: { ...process.env, INDEX_DIR: indexDir, TELEGRAM_BOT_TOKEN: "", LLM_MODEL: "", ...extraEnv },
  });
}

beforeAll(async () => {
  indexDir = mkdtempSync(join(tmpdir(), "cli-test-"));
  // Build the index once so the commands below measure answering, not indexing.
  expect((await cli(["index"], "")).code).toBe(0);
}, 120_000);

afterAll(() => rmSync(indexDir, { recursive: true, force: true }));

describe("ask / chat / start on the command line", () => {
  it("`echo question | npm run cli -- start` prints the answer with its figure and citation", async () => {
    const { stdout } = await run("sh", ["-c", `echo "鱼峰区2023年共收到多少件行政复议申请？" | npm run --silent cli -- start`], {
      env: { ...process.env, INDEX_DIR: indexDir, TELEGRAM_BOT_TOKEN: "", LLM_MODEL: "" },
    });
    expect(stdout).toContain("70件");
    expect(stdout).toMatch(/\[1\]/);
    expect(stdout).toContain("出处");
    expect(stdout).toContain("鱼峰区 2023年");
  });

  it("ask --json answers each stdin line independently, one JSON value per line", async () => {
    const { stdout } = await cli(["ask", "--json"], "鱼峰区2023年共收到多少件行政复议申请？\n那水磨沟区呢？\n");
    const lines = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(Object.keys(lines[0]).sort()).toEqual(["answer", "citations", "kind", "mode", "ms", "question", "status"]);
    expect(lines[0].answer).toContain("70件");
    // Independent: the second line has no previous turn to follow up on, so it asks about the report as a whole.
    expect(lines[1].kind).toBe("overview");
  });

  it("chat --json treats stdin lines as one conversation", async () => {
    const { stdout } = await cli(["chat", "--json"], "鱼峰区2023年共收到多少件行政复议申请？\n那水磨沟区呢？\n");
    const lines = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[1].status).toBe("answered");
    expect(lines[1].answer).toContain("133件");
    expect(lines[1].citations[0].region).toBe("水磨沟区");
  });

  it("names a missing corpus folder instead of printing a stack trace", async () => {
    const failure = await cli(["ask", "--corpus", "no-such-folder", "测试"], "");
    expect(failure.code).toBe(1);
    expect(failure.stderr).toContain("报告目录不存在：no-such-folder");
    expect(failure.stderr).not.toMatch(/\n\s+at /);
  });

  it("stops with a message naming a bad environment value", async () => {
    const failure = await cli(["ask", "测试"], "", { LLM_TIMEOUT_MS: "soon" });
    expect(failure.code).toBe(2);
    expect(failure.stderr).toContain("LLM_TIMEOUT_MS");
  });
});
