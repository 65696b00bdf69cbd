import { existsSync } from "node:fs";
import { join } from "node:path";
import { logger } from "../logger.js";
import { createRecords } from "../records/create-records.js";
import { feedbackLines } from "../records/feedback-report.js";
import { RECORDS_FILE } from "../records/sqlite-records.js";
import { type CliContext, printJson } from "./context.js";

/** `feedback [--json]`: what users thought of the answers (DATA_DIR's or DATABASE_URL's records), with the latest 👎. */
export async function feedbackCommand(opts: { json: boolean }, ctx: CliContext): Promise<void> {
  const { dataDir, databaseUrl } = ctx.config;
  // Reading must not create an empty database where there is none.
  if (!databaseUrl && !existsSync(join(dataDir, RECORDS_FILE))) {
    if (opts.json) printJson({ answers: 0, notFound: 0, votedAnswers: 0, up: 0, down: 0, recentDown: [] });
    else process.stdout.write(`还没有回答记录（数据目录 ${dataDir}，可用环境变量 DATA_DIR 指定）。\n`);
    return;
  }
  const records = createRecords(ctx.config, logger);
  try {
    const stats = await records.feedbackStats();
    if (opts.json) printJson(stats);
    else process.stdout.write(`${feedbackLines(stats).join("\n")}\n`);
  } finally {
    await records.close();
  }
}
