import type { Bot } from "grammy";
import { createAssistant } from "../answer/create-assistant.js";
import type { BotContext } from "../bot/context.js";
import { createBot } from "../bot/create-bot.js";
import { launchBot } from "../bot/launch.js";
import { ConfigError, type Config } from "../config.js";
import { ReportIntake } from "../intake/report-intake.js";
import { logger } from "../logger.js";
import { createRecords } from "../records/create-records.js";
import type { CliContext } from "./context.js";
import { onStopSignal } from "./process-policy.js";

/** `bot`: opens the library, then runs the Telegram bot until SIGINT/SIGTERM. */
export async function botCommand(ctx: CliContext): Promise<void> {
  const { config } = ctx;
  if (!config.telegram.token) {
    throw new ConfigError(["TELEGRAM_BOT_TOKEN：未设置。请向 @BotFather 申请机器人，把令牌写入 .env 或环境变量"]);
  }
  logger.info({ corpusDir: ctx.corpusDir, indexDir: ctx.indexDir }, "正在加载报告库与索引…");
  const assistant = await createAssistant(ctx);
  const records = createRecords(config, logger);
  try {
    await runUntilStopped(
      createBot({ config, assistant, intake: new ReportIntake(ctx.corpusDir, assistant), logger, records }),
      config,
    );
  } finally {
    await records.close();
  }
}

async function runUntilStopped(bot: Bot<BotContext>, config: Config): Promise<void> {
  const running = await launchBot(bot, config, logger);
  let shutdown: (signal: NodeJS.Signals) => void = () => undefined;
  const stopped = new Promise<void>((resolve) => {
    shutdown = (signal) => {
      logger.info({ signal }, "正在停止机器人…");
      running
        .stop()
        .catch((error: unknown) => logger.error({ err: error }, "停止机器人时出错"))
        .finally(resolve);
    };
  });
  const undo = onStopSignal(shutdown);
  try {
    await Promise.race([stopped, running.crashed]);
    logger.info("机器人已停止");
  } finally {
    undo();
  }
}
