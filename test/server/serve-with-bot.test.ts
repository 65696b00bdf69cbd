import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FakeTelegram } from "../bot/fake-telegram.js";
import { post } from "./harness.js";

/** `npm start` with both TELEGRAM_BOT_TOKEN and HTTP_PORT: one process, one assistant, both surfaces. */

const ROOT = join(import.meta.dirname, "../..");
const FIGURE = "鱼峰区2023年共收到多少件行政复议申请？";
const workDir = mkdtempSync(join(tmpdir(), "serve-with-bot-"));
const telegram = new FakeTelegram();

afterAll(async () => {
  await telegram.close();
  rmSync(workDir, { recursive: true, force: true });
});

describe("npm start with a bot token and an HTTP port", () => {
  it("answers on Telegram and over HTTP, and stops both on SIGTERM with exit code 0", async () => {
    const apiRoot = await telegram.start();
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "start"], {
      cwd: ROOT,
      detached: true,
      stdio: ["ignore", "ignore", "pipe"],
      env: {
        ...process.env,
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_API_ROOT: apiRoot,
        BOT_MODE: "polling",
        HTTP_PORT: "0",
        HTTP_HOST: "",
        API_KEYS: "",
        LLM_MODEL: "",
        CORPUS_DIR: "corpus",
        INDEX_DIR: join(workDir, "index"),
        DATA_DIR: join(workDir, "data"),
        LOG_LEVEL: "info",
      },
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      let stderr = "";
      const url = await new Promise<string>((resolve, reject) => {
        child.stderr.on("data", (chunk: Buffer) => {
          stderr += chunk.toString("utf8");
          const started = /HTTP 服务已启动：(http:\/\/[\d.:]+)/.exec(stderr);
          if (started) resolve(started[1]!);
        });
        void exited.then((code) => reject(new Error(`start exited early (${code}):\n${stderr}`)));
      });
      await telegram.waitFor((c) => c.method === "getUpdates", 60_000);
      const http = (await (await post(`${url}/api/ask`, { question: FIGURE })).json()) as { answer: string };
      expect(http.answer).toContain("70件");
      telegram.sendText(5, FIGURE);
      const reply = await telegram.waitFor(
        (c) => c.method === "sendMessage" && c.payload.chat_id === 5 && String(c.payload.text).includes("来源"),
        30_000,
      );
      expect(String(reply.payload.text)).toContain("70件");
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(-child.pid!, "SIGKILL");
        await exited;
      }
    }
  }, 120_000);
});
