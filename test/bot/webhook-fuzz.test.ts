import { mkdtempSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { launchBot, type RunningBot } from "../../src/bot/launch.js";
import { createBot } from "../../src/bot/create-bot.js";
import { loadConfig } from "../../src/config.js";
import { SqliteRecords } from "../../src/records/sqlite-records.js";
import { fuzzHttp, trickle } from "../helpers/http-fuzz.js";
import { cliArgs, start, type Started } from "../helpers/processes.js";
import { FakeAssistant } from "./fake-assistant.js";
import { FakeTelegram } from "./fake-telegram.js";
import { silentLogger } from "./harness.js";
import { textUpdate } from "./updates.js";

/** The webhook under attack: 1,000 malformed and hostile requests, then a real update. */

const SECRET = "fuzz_secret-123";
const HOOK_PATH = "/telegram/hook";

describe("the webhook of the running program under 1,000 hostile requests", () => {
  let telegram: FakeTelegram;
  let bot: Started;
  let port: number;

  beforeAll(async () => {
    telegram = new FakeTelegram();
    const apiRoot = await telegram.start();
    bot = start(...cliArgs("start"), {
      env: {
        ...process.env,
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_API_ROOT: apiRoot,
        BOT_MODE: "webhook",
        WEBHOOK_URL: `https://bot.example.gov.cn${HOOK_PATH}`,
        WEBHOOK_SECRET: SECRET,
        PORT: "0",
        ALLOWED_USER_IDS: "",
        ALLOWED_CHAT_IDS: "",
        LLM_MODEL: "",
        OPENAI_BASE_URL: "",
        INDEX_DIR: mkdtempSync(join(tmpdir(), "webhook-fuzz-index-")),
        DATA_DIR: mkdtempSync(join(tmpdir(), "webhook-fuzz-data-")),
        LOG_LEVEL: "info",
      },
    });
    await vi.waitFor(
      () => {
        if (bot.child.exitCode !== null) throw new Error(`the bot exited early:\n${bot.stderr()}`);
        const listening = /"port":(\d+)[^\n]*正在以 Webhook 方式接收消息/.exec(bot.stderr());
        expect(listening).not.toBeNull();
        port = Number(listening![1]);
      },
      { timeout: 120_000, interval: 100 },
    );
  }, 150_000);

  afterAll(async () => {
    await bot.stop();
    await telegram.close();
  });

  it("stays up, never answers 5xx, and then handles a real update", async () => {
    const report = await fuzzHttp(`http://127.0.0.1:${port}${HOOK_PATH}`, {
      count: 1_000,
      authHeaders: { "X-Telegram-Bot-Api-Secret-Token": SECRET },
    });
    expect(report.sent).toBe(1_000);
    expect(bot.child.exitCode).toBeNull();
    expect(Object.keys(report.outcomes).filter((o) => o.startsWith("5"))).toEqual([]);
    // Unauthenticated, malformed, too large: refused with the right status.
    for (const status of ["400", "401", "404", "413"]) expect(report.outcomes[status]).toBeGreaterThan(0);

    const response = await fetch(`http://127.0.0.1:${port}${HOOK_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET },
      body: JSON.stringify(textUpdate(9_999, 77, "/start")),
    });
    expect(response.status).toBe(200);
    await telegram.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === 77, 20_000);
    expect(bot.stderr()).not.toMatch(/uncaught|未预期的错误/i);
  }, 120_000);
});

describe("webhook timeouts", () => {
  let running: RunningBot | undefined;
  let telegram: FakeTelegram;

  beforeAll(async () => {
    telegram = new FakeTelegram();
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: await telegram.start(),
      BOT_MODE: "webhook",
      WEBHOOK_URL: `https://bot.example.gov.cn${HOOK_PATH}`,
      WEBHOOK_SECRET: SECRET,
      PORT: "0",
      DATA_DIR: mkdtempSync(join(tmpdir(), "webhook-timeouts-")),
    });
    const bot = createBot({
      config,
      assistant: new FakeAssistant(),
      logger: silentLogger,
      records: new SqliteRecords(config.dataDir, silentLogger),
    });
    running = await launchBot(bot, config, silentLogger, { http: { headersTimeoutMs: 400, requestTimeoutMs: 800 } });
  });

  afterAll(async () => {
    await running?.stop();
    await telegram.close();
  });

  it("cuts off a client that sends its headers a byte at a time (slowloris)", async () => {
    const { answer, ms } = await trickle(running!.port!, `POST ${HOOK_PATH} HTTP/1.1\r\nHost: x\r\n`, "a");
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(ms).toBeLessThan(5_000);
  });

  it("cuts off a client that trickles its body", async () => {
    const head = `POST ${HOOK_PATH} HTTP/1.1\r\nHost: x\r\nX-Telegram-Bot-Api-Secret-Token: ${SECRET}\r\nContent-Length: 1000\r\n\r\n`;
    const { answer, ms } = await trickle(running!.port!, head, "{");
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(ms).toBeLessThan(5_000);
  });

  it("answers a request line that used to end the process with 404, and keeps serving", async () => {
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(running!.port!, "127.0.0.1", () => socket.write("POST //[ HTTP/1.1\r\nHost: x\r\n\r\n"));
      let text = "";
      socket.on("data", (chunk: Buffer) => (text += chunk.toString("latin1")));
      socket.on("close", () => resolve(text));
      socket.on("error", () => undefined);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 404/);
    const ok = await fetch(`http://127.0.0.1:${running!.port}${HOOK_PATH}`, {
      method: "POST",
      headers: { "X-Telegram-Bot-Api-Secret-Token": SECRET },
      body: JSON.stringify(textUpdate(1, 5, "/start")),
    });
    expect(ok.status).toBe(200);
  });
});
