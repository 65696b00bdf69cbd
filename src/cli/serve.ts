import { createAssistant } from "../answer/create-assistant.js";
import { createBot } from "../bot/create-bot.js";
import { launchBot, type RunningBot } from "../bot/launch.js";
import { ReportIntake } from "../intake/report-intake.js";
import { logger } from "../logger.js";
import { assertSafeListen } from "../server/access.js";
import { createRecords } from "../records/create-records.js";
import { feedbackFromRecords } from "../server/feedback.js";
import { startServer } from "../server/start-server.js";
import { loadWebAssets } from "../server/web-assets.js";
import type { CliContext } from "./context.js";
import { onStopSignal } from "./process-policy.js";

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
  // One records store for the page and the bot: votes and conversations land in one place.
  const records = createRecords(config, logger);
  try {
    await serveUntilStopped(ctx, { http, web, assistant, intake, records, withBot: opts.withBot });
  } finally {
    await records.close();
  }
}

async function serveUntilStopped(
  ctx: CliContext,
  deps: {
    http: CliContext["config"]["http"] & { port: number };
    web: Awaited<ReturnType<typeof loadWebAssets>>;
    assistant: Awaited<ReturnType<typeof createAssistant>>;
    intake: ReportIntake;
    records: ReturnType<typeof createRecords>;
    withBot: boolean;
  },
): Promise<void> {
  const { config } = ctx;
  const { http, web, assistant, intake, records } = deps;
  const server = await startServer(
    { http, assistant, feedback: feedbackFromRecords(records), intake, web, logger },
    { port: http.port, host: http.host },
  );
  logger.info(
    { url: server.url, keys: http.apiKeys.length > 0, admin: http.adminApiKeys.length > 0 },
    `HTTP 服务已启动：${server.url}`,
  );
  if (http.apiKeys.length === 0) logger.warn("未设置 API_KEYS：任何能访问该地址的人都可以提问");

  let bot: RunningBot | null = null;
  try {
    if (deps.withBot) bot = await launchBot(createBot({ config, assistant, intake, logger, records }), config, logger);
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
  const undo = onStopSignal(shutdown);
  try {
    await Promise.race([stopped, ...(bot ? [bot.crashed] : [])]);
    logger.info("已停止");
  } finally {
    undo();
  }
}
