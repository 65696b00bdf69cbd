import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APOLOGY } from "../../src/bot/create-bot.js";
import { startFakeOpenAI, type FakeOpenAI } from "../helpers/fake-openai.js";
import { cliArgs, type Exit, run, start, type Started } from "../helpers/processes.js";
import { FakeTelegram, type ApiCall } from "./fake-telegram.js";
import { buttonData } from "./harness.js";

/**
 * The real program (`start`, run from source) against a fake Bot API on
 * 127.0.0.1, with the shipped corpus, a fresh index folder and a fresh data folder.
 */

const FIGURE_QUESTION = "鱼峰区2023年共收到多少件行政复议申请？";
const QUESTIONS = [FIGURE_QUESTION, "东湖区的“佬倌俚”工作室是什么？", "汇总各区行政复议工作情况"];
/** Every variable the program reads, blanked so a developer's .env cannot leak into the test. */
const BLANK_ENV = Object.fromEntries(
  [
    "BOT_MODE",
    "WEBHOOK_URL",
    "WEBHOOK_SECRET",
    "PORT",
    "ALLOWED_USER_IDS",
    "ALLOWED_CHAT_IDS",
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "LLM_MODEL",
    "EMBEDDING_PROVIDER",
    "EMBEDDING_MODEL",
  ].map((k) => [k, ""]),
);

interface RunningChild {
  telegram: FakeTelegram;
  process: Started;
  stop: () => Promise<void>;
}

/** Starts the program against a fresh fake Bot API and waits until the bot polls. */
async function startBot(env: Record<string, string>): Promise<RunningChild> {
  const telegram = new FakeTelegram();
  const apiRoot = await telegram.start();
  const bot = start(...cliArgs("start"), {
    env: {
      ...process.env,
      ...BLANK_ENV,
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: apiRoot,
      CORPUS_DIR: "corpus",
      INDEX_DIR: mkdtempSync(join(tmpdir(), "bot-e2e-index-")),
      LOG_LEVEL: "info",
      ...env,
    },
  });
  // The first start builds the index; the bot polls once it is ready.
  await Promise.race([
    telegram.waitFor((c) => c.method === "getUpdates", 240_000),
    bot.exited.then(({ code }: Exit) => {
      throw new Error(`the bot exited early (code ${code}):\n${bot.stderr()}`);
    }),
  ]);
  return {
    telegram,
    process: bot,
    stop: async () => {
      await bot.stop();
      await telegram.close();
    },
  };
}

const isReply = (chatId: number) => (c: ApiCall) => c.method === "sendMessage" && c.payload.chat_id === chatId;
const isAnswer = (chatId: number) => (c: ApiCall) => isReply(chatId)(c) && String(c.payload.text).includes("来源");

describe("the bot as a child process", () => {
  let bot: RunningChild;
  let telegram: FakeTelegram;
  const dataDir = mkdtempSync(join(tmpdir(), "bot-e2e-data-"));

  beforeAll(async () => {
    bot = await startBot({ DATA_DIR: dataDir, ADMIN_USER_IDS: "42" });
    telegram = bot.telegram;
  }, 250_000);

  afterAll(() => bot.stop());

  it("registers its commands and answers /start", async () => {
    expect(telegram.calls.some((c) => c.method === "setMyCommands")).toBe(true);
    telegram.sendText(1, "/start");
    const reply = await telegram.waitFor(isReply(1), 20_000);
    expect(String(reply.payload.text)).toContain(FIGURE_QUESTION);
  });

  let answer: ApiCall;

  it("answers a question with the figure and its citation", async () => {
    telegram.sendText(2, FIGURE_QUESTION);
    answer = await telegram.waitFor(isAnswer(2), 60_000);
    const text = String(answer.payload.text);
    expect(text).toMatch(/70\s*件/);
    expect(text).toMatch(/\[1\]/);
    expect(text).toContain("鱼峰区 · 2023年");
    expect(telegram.calls.some((c) => c.method === "sendChatAction" && c.payload.chat_id === 2)).toBe(true);
  }, 70_000);

  it("opens the cited section from its button", async () => {
    const sourceButton = buttonData(answer).find((d) => d.startsWith("s:"));
    expect(sourceButton).toBeDefined();
    const before = telegram.sent(2).length;
    telegram.pressButton(2, sourceButton!);
    await telegram.waitFor((c) => c.method === "answerCallbackQuery", 20_000);
    await telegram.waitFor(() => telegram.sent(2).length > before, 20_000);
    const section = telegram
      .sent(2)
      .slice(before)
      .map((c) => String(c.payload.text))
      .join("\n");
    expect(section).toContain("鱼峰区");
    expect(section).toMatch(/70\s*件/);
  }, 30_000);

  it("stores 👍 feedback with the question and the answer", async () => {
    const up = buttonData(answer).find((d) => d.endsWith(":up"))!;
    telegram.pressButton(2, up);
    await telegram.waitFor((c) => c.method === "answerCallbackQuery" && String(c.payload.text).includes("感谢"), 20_000);
    // As an operator reads it: the feedback command on the same data folder.
    const feedback = await run(...cliArgs("feedback", "--json"), { env: { ...process.env, DATA_DIR: dataDir } });
    expect(feedback.code).toBe(0);
    expect(JSON.parse(feedback.stdout)).toMatchObject({ up: 1, down: 0, votedAnswers: 1 });
  }, 30_000);

  it("answers 20 users asking at once", async () => {
    const users = Array.from({ length: 20 }, (_, i) => 3_000 + i);
    users.forEach((user, i) => telegram.sendText(user, QUESTIONS[i % QUESTIONS.length]!));
    const replies = await Promise.all(users.map((user) => telegram.waitFor(isReply(user), 120_000)));
    for (const reply of replies) expect(reply.payload.text).not.toBe(APOLOGY);
    expect(replies.filter((r) => String(r.payload.text).includes("来源")).length).toBe(20);
  }, 130_000);

  it("survives a 5,000-character message and a blank one, then still answers", async () => {
    telegram.sendText(4, "行政复议".repeat(1_250));
    telegram.sendText(4, "   ");
    await telegram.waitFor(() => telegram.sent(4).length >= 2, 20_000);
    const [long, blank] = telegram.sent(4).map((c) => String(c.payload.text));
    expect(long).toContain("太长");
    expect(blank).toContain("请输入");
    telegram.sendText(4, QUESTIONS[1]!);
    const reply = await telegram.waitFor(isAnswer(4), 60_000);
    expect(String(reply.payload.text)).toContain("佬倌俚");
  }, 90_000);

  it("stops cleanly on SIGTERM within a few seconds", async () => {
    const started = Date.now();
    bot.process.child.kill("SIGTERM");
    const { code } = await bot.process.exited;
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(bot.process.stderr()).not.toMatch(/unhandled|uncaught/i);
  }, 10_000);
});

describe("the bot with an LLM configured", () => {
  let llmBot: RunningChild;
  let openai: FakeOpenAI;

  beforeAll(async () => {
    openai = await startFakeOpenAI();
    llmBot = await startBot({
      DATA_DIR: mkdtempSync(join(tmpdir(), "bot-e2e-llm-data-")),
      LLM_MODEL: "fake-model",
      OPENAI_BASE_URL: openai.baseURL,
      OPENAI_API_KEY: "test-key",
    });
  }, 250_000);

  afterAll(async () => {
    await llmBot.stop();
    await openai.close();
  });

  it("streams the answer into a draft message and edits in the final answer with sources", async () => {
    openai.behave({ kind: "reply", text: "鱼峰区2023年全年共收到行政复议申请70件[1]。", chunkSize: 4 });
    llmBot.telegram.sendText(5, FIGURE_QUESTION);
    const final = await llmBot.telegram.waitFor(
      (c) => c.method === "editMessageText" && c.payload.chat_id === 5 && String(c.payload.text).includes("来源"),
      60_000,
    );
    const [draft] = llmBot.telegram.sent(5);
    expect(String(draft?.payload.text)).toMatch(/▍$/);
    expect(final.payload.message_id).toBeDefined();
    expect(String(final.payload.text)).toMatch(/70\s*件\[1\]/);
    expect(buttonData(final).some((d) => d.startsWith("s:"))).toBe(true);
  }, 70_000);

  it("falls back to the offline answer with a notice when the LLM fails", async () => {
    openai.behave({ kind: "status", status: 500 });
    llmBot.telegram.sendText(6, FIGURE_QUESTION);
    const reply = await llmBot.telegram.waitFor(isAnswer(6), 60_000);
    expect(String(reply.payload.text)).toContain("大模型服务出错");
    expect(String(reply.payload.text)).toMatch(/70\s*件/);
  }, 70_000);
});
