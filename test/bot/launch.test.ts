import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/create-bot.js";
import { BotLaunchError, launchBot, type RunningBot } from "../../src/bot/launch.js";
import { loadConfig } from "../../src/config.js";
import { SqliteRecords } from "../../src/records/sqlite-records.js";
import { FakeAssistant } from "./fake-assistant.js";
import { BOT_USER, DEFAULT_METHODS, FakeTelegram } from "./fake-telegram.js";
import { silentLogger } from "./harness.js";
import { textUpdate } from "./updates.js";

let telegram: FakeTelegram | undefined;
let running: RunningBot | undefined;

afterEach(async () => {
  await running?.stop();
  await telegram?.close();
  running = undefined;
  telegram = undefined;
});

async function setup(env: Record<string, string> = {}, methods = DEFAULT_METHODS) {
  telegram = new FakeTelegram(undefined, methods);
  const apiRoot = await telegram.start();
  const config = loadConfig({
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: apiRoot,
    DATA_DIR: mkdtempSync(join(tmpdir(), "bot-launch-")),
    ...env,
  });
  const bot = createBot({
    config,
    assistant: new FakeAssistant(),
    logger: silentLogger,
    records: new SqliteRecords(config.dataDir, silentLogger),
  });
  return { telegram, config, bot };
}

describe("API resilience", () => {
  it("retries sends after 429 and 5xx (auto-retry)", { timeout: 20_000 }, async () => {
    const { telegram, bot } = await setup();
    bot.botInfo = BOT_USER;
    telegram.failNext("sendMessage", {
      error_code: 429,
      description: "Too Many Requests: retry after 0",
      parameters: { retry_after: 0 },
    });
    telegram.failNext("sendMessage", { error_code: 502, description: "Bad Gateway" });
    await bot.handleUpdate(textUpdate(1, 1, "/start"));
    expect(telegram.sent(1)).toHaveLength(3);
    expect(telegram.calls.filter((c) => c.method === "sendMessage" && String(c.payload.text).includes("抱歉"))).toEqual([]);
  });
});

describe("long polling", () => {
  it("starts even when the command menu cannot be registered, answers, and stops within seconds", async () => {
    const { telegram, config, bot } = await setup(
      {},
      DEFAULT_METHODS.filter((m) => m !== "setMyCommands"),
    );
    running = await launchBot(bot, config, silentLogger);
    expect(telegram.calls.map((c) => c.method)).toEqual(expect.arrayContaining(["getMe", "setMyCommands", "deleteWebhook"]));
    telegram.sendText(1, "/start");
    await telegram.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === 1);
    const started = Date.now();
    await running.stop();
    running = undefined;
    expect(Date.now() - started).toBeLessThan(3_500);
  });

  it("reports a second instance polling with the same token instead of hanging", async () => {
    const { telegram, config, bot } = await setup();
    telegram.failNext("getUpdates", { error_code: 409, description: "Conflict: terminated by other getUpdates request" });
    running = await launchBot(bot, config, silentLogger);
    await expect(running.crashed).rejects.toThrow(/409 Conflict/);
  });

  it("a wrong token fails at start with a clear message", async () => {
    const { config } = await setup();
    const bot = createBot({
      config: { ...config, telegram: { ...config.telegram, token: "1:wrong" } },
      assistant: new FakeAssistant(),
      logger: silentLogger,
      records: new SqliteRecords(config.dataDir, silentLogger),
    });
    await expect(launchBot(bot, config, silentLogger)).rejects.toThrow(BotLaunchError);
    await expect(launchBot(bot, config, silentLogger)).rejects.toThrow(/TELEGRAM_BOT_TOKEN/);
  });
});

describe("webhook", () => {
  it("sets the webhook with a secret and accepts only requests that carry it", async () => {
    const { telegram, config, bot } = await setup({
      BOT_MODE: "webhook",
      WEBHOOK_URL: "https://bot.example.gov.cn/telegram/hook",
      WEBHOOK_SECRET: "s3cret_token",
      PORT: "0",
    });
    running = await launchBot(bot, config, silentLogger);
    const port = running.port!;
    const setWebhook = await telegram.waitFor((c) => c.method === "setWebhook");
    expect(setWebhook.payload).toMatchObject({ url: "https://bot.example.gov.cn/telegram/hook", secret_token: "s3cret_token" });

    const url = `http://127.0.0.1:${port}/telegram/hook`;
    const body = JSON.stringify(textUpdate(1, 1, "/start"));
    const post = (headers: Record<string, string>, to = url) =>
      fetch(to, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
    expect((await post({})).status).toBe(401);
    expect((await post({ "X-Telegram-Bot-Api-Secret-Token": "wrong" })).status).toBe(401);
    expect((await post({ "X-Telegram-Bot-Api-Secret-Token": "s3cret_token" }, `http://127.0.0.1:${port}/other`)).status).toBe(
      404,
    );
    expect(telegram.sent(1)).toEqual([]);

    expect((await post({ "X-Telegram-Bot-Api-Secret-Token": "s3cret_token" })).status).toBe(200);
    await telegram.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === 1);
  });
});
