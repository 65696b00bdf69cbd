import { autoRetry } from "@grammyjs/auto-retry";
import { limit } from "@grammyjs/ratelimiter";
import { sequentialize } from "@grammyjs/runner";
import { Bot, type BotError } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Assistant } from "../answer/assistant.js";
import type { Config } from "../config.js";
import { ReportIntake } from "../intake/report-intake.js";
import type { Logger } from "../logger.js";
import { AccessPolicy, accessGate } from "./access.js";
import { isAddressedToBot } from "./addressing.js";
import type { BotContext, BotServices } from "./context.js";
import { ConversationStore } from "./conversation-store.js";
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
import { FeedbackStore } from "./feedback-store.js";

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
  /** Known bot identity: skips the getMe call (tests). */
  botInfo?: UserFromGetMe;
  /** Questions per user per time frame before the bot asks them to slow down. */
  rateLimit?: { limit: number; timeFrameMs: number };
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
  const bot = new Bot<BotContext>(token, {
    client: { apiRoot: config.telegram.apiRoot },
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
  });
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }));

  const services: BotServices = {
    config,
    assistant: deps.assistant,
    access: new AccessPolicy(config.telegram),
    feedback: new FeedbackStore(config.dataDir, logger),
    conversations: new ConversationStore(),
    intake: deps.intake ?? new ReportIntake(config.corpusDir, deps.assistant),
    fetchFile: deps.fetchFile ?? ((filePath) => downloadFile(config, filePath)),
    streamEditIntervalMs: deps.streamEditIntervalMs ?? 1_000,
  };
  const rate = deps.rateLimit ?? { limit: 6, timeFrameMs: 30_000 };

  // Updates of one chat are handled in order; different chats run concurrently (runner).
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));
  bot.use(async (ctx, next) => {
    ctx.logger = logger.child({ updateId: ctx.update.update_id, chatId: ctx.chat?.id, userId: ctx.from?.id });
    const started = performance.now();
    await next();
    ctx.logger.debug({ ms: Math.round(performance.now() - started) }, "消息处理完毕");
  });

  const guarded = bot.errorBoundary(apologize);
  guarded.use(accessGate(services.access));
  guarded.use(
    limit<BotContext, never>({
      limit: rate.limit,
      timeFrame: rate.timeFrameMs,
      // Only messages meant for the bot cost anything; button presses are cheap.
      keyGenerator: (ctx) => (ctx.message && ctx.from && isAddressedToBot(ctx) ? String(ctx.from.id) : undefined),
      onLimitExceeded: (ctx) => {
        ctx.logger.info("提问过于频繁，已限流");
        void ctx.reply("您提问太快了，请稍等片刻再试。").catch((error: unknown) => {
          ctx.logger.warn({ err: error }, "无法发送限流提示");
        });
      },
    }),
  );
  guarded.use(
    startFeature(),
    helpFeature(services),
    reportsFeature(services),
    summaryFeature(services),
    resetFeature(services),
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
  const response = await fetch(`${config.telegram.apiRoot}/file/bot${config.telegram.token}/${filePath}`, { signal: AbortSignal.timeout(60_000) });
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
