import { existsSync } from "node:fs";
import { join } from "node:path";
import { logger } from "../logger.js";
import { feedbackLines } from "../records/feedback-report.js";
import { RECORDS_FILE, SqliteRecords } from "../records/sqlite-records.js";
import { type CliContext, printJson } from "./context.js";

/** `feedback [--json]`: what users thought of the answers (DATA_DIR's records), with the latest 👎. */
export async function feedbackCommand(opts: { json: boolean }, ctx: CliContext): Promise<void> {
  const { dataDir } = ctx.config;
  if (!existsSync(join(dataDir, RECORDS_FILE))) {
    if (opts.json) printJson({ answers: 0, notFound: 0, votedAnswers: 0, up: 0, down: 0, recentDown: [] });
    else process.stdout.write(`还没有回答记录（数据目录 ${dataDir}，可用环境变量 DATA_DIR 指定）。\n`);
    return;
  }
  const records = new SqliteRecords(dataDir, logger);
  try {
    const stats = await records.feedbackStats();
    if (opts.json) printJson(stats);
    else process.stdout.write(`${feedbackLines(stats).join("\n")}\n`);
  } finally {
    records.close();
  }
}
