import { autoRetry } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import { Bot, type BotError, session } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { newConversation } from "../answer/answer.js";
import type { Assistant } from "../answer/assistant.js";
import type { Config } from "../config.js";
import { ReportIntake } from "../intake/report-intake.js";
import type { Logger } from "../logger.js";
import type { Records } from "../records/records.js";
import { AccessPolicy, accessGate } from "./access.js";
import { isAddressedToBot } from "./addressing.js";
import type { BotContext, BotServices } from "./context.js";
import { adminFeature } from "./features/admin.js";
import { feedbackFeature } from "./features/feedback.js";
import { helpFeature } from "./features/help.js";
import { questionFeature } from "./features/question.js";
import { reportsFeature } from "./features/reports.js";
import { resetFeature } from "./features/reset.js";
import { sourcesFeature } from "./features/sources.js";
import { startFeature } from "./features/start.js";
import { summaryFeature } from "./features/summary.js";
import { uploadFeature } from "./features/upload.js";
import { AnswersInFlight, type BotLimits, DEFAULT_LIMITS, rateLimits } from "./limits.js";

export interface BotDeps {
  config: Config;
  assistant: Assistant;
  /**
   * Adds report files sent by admins; pass the one the HTTP server uses when both run, so changes queue
   * together. Defaults to one over CORPUS_DIR.
   */
  intake?: ReportIntake;
  logger: Logger;
  /** Downloads a file from Telegram; stood in by tests. */
  fetchFile?: (filePath: string) => Promise<Uint8Array>;
  /** Answers sent, feedback and conversation state (shared with the other surfaces of the process). */
  records: Records;
  /** Known bot identity: skips the getMe call (tests). */
  botInfo?: UserFromGetMe;
  limits?: Partial<BotLimits>;
  streamEditIntervalMs?: number;
}

export const APOLOGY = "抱歉，处理您的消息时出了点问题，请稍后再试。";

/**
 * Builds the bot without starting it or touching the network: launching (polling or webhook)
 * is launchBot's job, so tests can drive this bot with handleUpdate and a fake API.
 */
export function createBot(deps: BotDeps): Bot<BotContext> {
  const { config, logger } = deps;
  const token = config.telegram.token;
  if (!token) throw new Error("TELEGRAM_BOT_TOKEN 未设置");
  const limits: BotLimits = { ...DEFAULT_LIMITS, ...deps.limits };
  const bot = new Bot<BotContext>(token, {
    client: { apiRoot: config.telegram.apiRoot },
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
  });
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }));

  const services: BotServices = {
    config,
    assistant: deps.assistant,
    access: new AccessPolicy(config.telegram),
    records: deps.records,
    answering: new AnswersInFlight(limits.answersPerUser),
    intake: deps.intake ?? new ReportIntake(config.corpusDir, deps.assistant),
    fetchFile: deps.fetchFile ?? ((filePath) => downloadFile(config, filePath)),
    streamEditIntervalMs: deps.streamEditIntervalMs ?? 1_000,
  };

  bot.use(async (ctx, next) => {
    ctx.logger = logger.child({ updateId: ctx.update.update_id, chatId: ctx.chat?.id, userId: ctx.from?.id });
    const started = performance.now();
    await next();
    ctx.logger.debug({ ms: Math.round(performance.now() - started) }, "消息处理完毕");
  });
  // Before everything else, the access check included: a flood costs a counter.
  bot.use(...rateLimits(limits));
  // Updates of one chat are handled in order; different chats run concurrently (runner).
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));

  const guarded = bot.errorBoundary(apologize);
  guarded.use(accessGate(services.access));
  // The chat's conversation, loaded before and saved after each update (survives restarts).
  guarded.use(
    session({ initial: newConversation, storage: deps.records.conversations, getSessionKey: (ctx) => ctx.chat?.id.toString() }),
  );
  guarded.use(
    startFeature(),
    helpFeature(services),
    reportsFeature(services),
    summaryFeature(services),
    resetFeature(),
    adminFeature(services),
    sourcesFeature(services),
    feedbackFeature(services),
    uploadFeature(services),
    questionFeature(services),
  );

  // Last resort for errors outside the boundary (e.g. in the logger middleware): never crash the runner.
  bot.catch((error) => logger.error({ err: error.error, updateId: error.ctx.update.update_id }, "处理消息出错"));
  return bot;
}

/** Telegram serves a bot's files at {apiRoot}/file/bot{token}/{file_path}. */
async function downloadFile(config: Config, filePath: string): Promise<Uint8Array> {
  const response = await fetch(`${config.telegram.apiRoot}/file/bot${config.telegram.token}/${filePath}`, {
    signal: AbortSignal.timeout(60_000),
  });
  if (!response.ok) throw new Error(`file download failed: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Error boundary: log the failure with the update, tell the user briefly, keep the bot running. */
async function apologize(error: BotError<BotContext>): Promise<void> {
  const ctx = error.ctx;
  ctx.logger.error({ err: error.error }, "处理消息出错");
  try {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: APOLOGY });
    else if (ctx.chat && isAddressedToBot(ctx)) await ctx.reply(APOLOGY);
  } catch (replyError) {
    ctx.logger.warn({ err: replyError }, "无法发送致歉消息");
  }
}
