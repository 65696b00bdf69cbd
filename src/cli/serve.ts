import { createAssistant } from "../answer/create-assistant.js";
import { createBot } from "../bot/create-bot.js";
import { FeedbackStore } from "../bot/feedback-store.js";
import { launchBot, type RunningBot } from "../bot/launch.js";
import { ReportIntake } from "../intake/report-intake.js";
import { logger } from "../logger.js";
import { assertSafeListen } from "../server/access.js";
import { feedbackFromStore } from "../server/feedback.js";
import { startServer } from "../server/start-server.js";
import { loadWebAssets } from "../server/web-assets.js";
import type { CliContext } from "./context.js";

/** Used by `serve` when HTTP_PORT is not set. */
export const DEFAULT_HTTP_PORT = 8080;

/**
 * `serve` (and `npm start` with HTTP_PORT): the HTTP server, and with `withBot` the Telegram bot in the
 * same process, sharing one Assistant. SIGINT/SIGTERM stop both; answers in flight finish first.
 */
export async function serveCommand(ctx: CliContext, opts: { withBot: boolean }): Promise<void> {
  const { config } = ctx;
  const http = { ...config.http, port: config.http.port ?? DEFAULT_HTTP_PORT };
  assertSafeListen(http);
  const web = await loadWebAssets();
  logger.info({ corpusDir: ctx.corpusDir, indexDir: ctx.indexDir }, "正在加载报告库与索引…");
  const assistant = await createAssistant(ctx);
  const intake = new ReportIntake(ctx.corpusDir, assistant);
  const server = await startServer(
    {
      http,
      assistant,
      feedback: feedbackFromStore(new FeedbackStore(config.dataDir, logger)),
      intake,
      web,
      logger,
    },
    { port: http.port, host: http.host },
  );
  logger.info({ url: server.url, keys: http.apiKeys.length > 0, admin: http.adminApiKeys.length > 0 }, `HTTP 服务已启动：${server.url}`);
  if (http.apiKeys.length === 0) logger.warn("未设置 API_KEYS：任何能访问该地址的人都可以提问");

  let bot: RunningBot | null = null;
  try {
    if (opts.withBot) bot = await launchBot(createBot({ config, assistant, intake, logger }), config, logger);
  } catch (error) {
    await server.stop();
    throw error;
  }

  let shutdown: (signal: NodeJS.Signals) => void = () => undefined;
  const stopped = new Promise<void>((resolve) => {
    shutdown = (signal) => {
      logger.info({ signal }, "正在停止：等待进行中的回答完成…");
      Promise.all([server.stop(), bot?.stop()])
        .catch((error: unknown) => logger.error({ err: error }, "停止时出错"))
        .finally(resolve);
    };
  });
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
  try {
    await Promise.race([stopped, ...(bot ? [bot.crashed] : [])]);
    logger.info("已停止");
  } finally {
    process.off("SIGINT", shutdown);
    process.off("SIGTERM", shutdown);
  }
}
