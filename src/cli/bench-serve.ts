import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { latency } from "../eval/latency.js";

/**
 * `npm run bench:serve`: the server as users run it (`serve`, its own process, shipped reports, offline
 * answers) and REQUESTS streamed /v1/chat/completions requests sent at once over loopback. Prints p50/p95
 * time to the first content token and to the end of the stream, and how many requests failed.
 */

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const QUESTIONS = [
  "鱼峰区2023年共收到多少件行政复议申请？",
  "东湖区的“佬倌俚”工作室是什么？",
  "各区在述法工作上有哪些做法？",
  "汇总各区行政复议工作情况，用于会议发言",
  "哪个区的行政复议案件最多？",
];

interface Timing {
  firstToken: number;
  end: number;
}

async function startServer(indexDir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "serve"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "pipe"],
    env: {
      ...process.env,
      HTTP_PORT: "0",
      HTTP_HOST: "127.0.0.1",
      HTTP_RATE_LIMIT: "1000000",
      API_KEYS: "",
      LLM_MODEL: "",
      CORPUS_DIR: "corpus",
      INDEX_DIR: indexDir,
      DATA_DIR: join(indexDir, "data"),
      LOG_LEVEL: "info",
    },
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let stderr = "";
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
      const started = /HTTP 服务已启动：(http:\/\/[\d.:]+)/.exec(stderr);
      if (started) resolve(started[1]!);
    });
    void exited.then(() => reject(new Error(`serve exited:\n${stderr}`)));
  });
  return {
    url,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** One streamed completion: times to the first content delta and to [DONE]; throws on anything wrong. */
async function streamOnce(url: string, question: string): Promise<Timing> {
  const started = performance.now();
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "fazhi-assistant", stream: true, messages: [{ role: "user", content: question }] }),
  });
  if (response.status !== 200 || !response.body) throw new Error(`HTTP ${response.status}`);
  let firstToken = 0;
  let text = "";
  const decoder = new TextDecoder();
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    text += decoder.decode(chunk, { stream: true });
    if (!firstToken && text.includes('"content":"') && /"content":"[^"]/.test(text)) firstToken = performance.now() - started;
  }
  if (!text.trimEnd().endsWith("data: [DONE]")) throw new Error("stream ended without [DONE]");
  return { firstToken, end: performance.now() - started };
}

const indexDir = mkdtempSync(join(tmpdir(), "bench-serve-"));
const server = await startServer(indexDir);
try {
  // One request first, so the measured ones do not include loading jieba and friends.
  await streamOnce(server.url, QUESTIONS[0]!);
  const wallStart = performance.now();
  const results = await Promise.allSettled(
    Array.from({ length: REQUESTS }, (_, i) => streamOnce(server.url, QUESTIONS[i % QUESTIONS.length]!)),
  );
  const wall = performance.now() - wallStart;
  const ok = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  const errors = results.flatMap((r) => (r.status === "rejected" ? [String((r.reason as Error).message)] : []));
  const first = latency(ok.map((t) => t.firstToken));
  const end = latency(ok.map((t) => t.end));
  const ms = (n: number) => `${n.toFixed(0)} 毫秒`;
  process.stdout.write(
    [
      `并发流式请求：${REQUESTS} 个（/v1/chat/completions，stream: true，本机回环，离线回答）`,
      `错误：${errors.length}${errors.length ? `（${[...new Set(errors)].join("；")}）` : ""}`,
      `首个内容片段：p50 ${ms(first.p50)}，p95 ${ms(first.p95)}，最长 ${ms(first.max)}`,
      `完整回答：p50 ${ms(end.p50)}，p95 ${ms(end.p95)}，最长 ${ms(end.max)}`,
      `总用时 ${ms(wall)}，吞吐 ${(ok.length / (wall / 1000)).toFixed(0)} 请求/秒`,
    ].join("\n") + "\n",
  );
  if (errors.length) process.exitCode = 1;
} finally {
  await server.stop();
  rmSync(indexDir, { recursive: true, force: true });
}
