import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAI, type FakeOpenAI } from "../helpers/fake-openai.js";
import { post, readEvents } from "./harness.js";

/**
 * `npm start` with HTTP_PORT as its own process (its own process group, killed whole at the end), on the
 * shipped reports, with a model endpoint stood in on 127.0.0.1 so an answer can be held in flight.
 */

const ROOT = join(import.meta.dirname, "../..");
const FIGURE = "鱼峰区2023年共收到多少件行政复议申请？";
const REPLY = "鱼峰区2023年全年共收到行政复议申请70件[1]。";
const BLANK_ENV = Object.fromEntries(
  ["TELEGRAM_BOT_TOKEN", "API_KEYS", "ADMIN_API_KEYS", "HTTP_HOST", "EMBEDDING_PROVIDER", "BOT_MODE"].map((k) => [k, ""]),
);

let llm: FakeOpenAI;
let child: ChildProcess;
let exited: Promise<number | null>;
let stderr = "";
let url: string;
const workDir = mkdtempSync(join(tmpdir(), "serve-command-"));

beforeAll(async () => {
  llm = await startFakeOpenAI();
  llm.behave({ kind: "reply", text: REPLY });
  child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "start"], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
    env: {
      ...process.env,
      ...BLANK_ENV,
      HTTP_PORT: "0",
      INDEX_DIR: join(workDir, "index"),
      DATA_DIR: join(workDir, "data"),
      CORPUS_DIR: "corpus",
      OPENAI_BASE_URL: llm.baseURL,
      OPENAI_API_KEY: "sk-test",
      LLM_MODEL: "test-model",
      LOG_LEVEL: "info",
    },
  });
  exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
      const started = /HTTP 服务已启动：(http:\/\/[\d.:]+)/.exec(stderr);
      if (started) resolve(started[1]!);
    });
    void exited.then((code) => reject(new Error(`serve exited early (${code}):\n${stderr}`)));
  });
}, 120_000);

afterAll(async () => {
  if (child.exitCode === null && child.signalCode === null) {
    process.kill(-child.pid!, "SIGKILL");
    await exited;
  }
  await llm.close();
  rmSync(workDir, { recursive: true, force: true });
});

describe("npm start with HTTP_PORT", () => {
  it("serves the page and its script, bundled from source", async () => {
    const page = await fetch(`${url}/`);
    expect(await page.text()).toContain("法治报告问答助手");
    const script = await fetch(`${url}/app.js`);
    expect(script.headers.get("content-type")).toContain("javascript");
    expect((await script.text()).length).toBeGreaterThan(2_000);
  });

  it("gives the same answer on /api/ask and /v1/chat/completions, plain and streamed", async () => {
    const api = (await (await post(`${url}/api/ask`, { question: FIGURE })).json()) as { answer: string; mode: string };
    expect(api.answer).toContain("70件");
    expect(api.mode).toBe("llm");
    const body = { model: "fazhi-assistant", messages: [{ role: "user", content: FIGURE }] };
    const plain = (await (await post(`${url}/v1/chat/completions`, body)).json()) as {
      choices: { message: { content: string } }[];
    };
    const content = plain.choices[0]!.message.content;
    expect(content.startsWith(api.answer)).toBe(true);
    const events = await readEvents(await post(`${url}/v1/chat/completions`, { ...body, stream: true }));
    const streamed = events
      .filter((e) => e.data !== "[DONE]")
      .map((e) => (JSON.parse(e.data) as { choices: { delta: { content?: string } }[] }).choices[0]?.delta.content ?? "")
      .join("");
    expect(streamed).toBe(content);
  });

  it("on SIGTERM lets the answer in flight finish, then exits 0", async () => {
    llm.behave({ kind: "reply", text: REPLY, delayMs: 1_500 });
    const before = llm.requests.length;
    const response = post(`${url}/v1/chat/completions`, {
      model: "fazhi-assistant",
      stream: true,
      messages: [{ role: "user", content: FIGURE }],
    });
    const deadline = Date.now() + 10_000;
    while (llm.requests.length === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    child.kill("SIGTERM");
    const events = await readEvents(await response);
    expect(events.at(-1)!.data).toBe("[DONE]");
    expect(events.map((e) => e.data).join("")).toContain("70件");
    expect(await exited).toBe(0);
    expect(stderr).toContain("已停止");
  }, 30_000);
});
