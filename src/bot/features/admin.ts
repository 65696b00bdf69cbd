import { Composer } from "grammy";
import { feedbackLines } from "../../records/feedback-report.js";
import { type FeedbackStats, RecordsUnavailableError } from "../../records/records.js";
import type { BotContext, BotServices } from "../context.js";
import { escapeHtml, renderStats } from "../render.js";
import { keepTyping } from "../typing.js";

const ADMIN_ONLY = ["reindex", "stats", "feedback"];

export function adminFeature(services: BotServices): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const admins = feature.filter((ctx) => services.access.isAdmin(ctx.from?.id));
  const others = feature.filter((ctx) => !services.access.isAdmin(ctx.from?.id));

  /** The feedback figures, or null when the records cannot be read (the stats then say why). */
  const feedback = async (): Promise<FeedbackStats | null> => {
    try {
      return await services.records.feedbackStats();
    } catch (error) {
      if (error instanceof RecordsUnavailableError) return null;
      throw error;
    }
  };
  const stats = async () => renderStats(services.assistant.stats(), await feedback(), services.records.problem());

  admins.command("reindex", async (ctx) => {
    await ctx.reply("正在重新读取报告目录并更新索引，请稍候…（期间照常回答问题）");
    const stopTyping = keepTyping(ctx);
    try {
      const updated = await services.assistant.reindex();
      ctx.logger.info({ reports: updated.reports, chunks: updated.chunks }, "索引已更新");
      await ctx.reply(`✅ 索引已更新\n\n${await stats()}`, { parse_mode: "HTML" });
    } finally {
      stopTyping();
    }
  });

  admins.command("stats", async (ctx) => {
    await ctx.reply(await stats(), { parse_mode: "HTML" });
  });

  admins.command("feedback", async (ctx) => {
    const figures = await feedback();
    const body = figures ? feedbackLines(figures) : [`无法读取反馈记录：${services.records.problem() ?? "记录数据库不可用"}`];
    await ctx.reply(["📝 <b>反馈统计</b>", ...body.map(escapeHtml)].join("\n"), { parse_mode: "HTML" });
  });

  others.command(ADMIN_ONLY, async (ctx) => {
    await ctx.reply("抱歉，这个命令仅限管理员使用。");
  });
  return feature;
}
