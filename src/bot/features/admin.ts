import { Composer } from "grammy";
import type { BotContext, BotServices } from "../context.js";
import { renderStats } from "../render.js";
import { keepTyping } from "../typing.js";

export function adminFeature(services: BotServices): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const admins = feature.filter((ctx) => services.access.isAdmin(ctx.from?.id));
  const others = feature.filter((ctx) => !services.access.isAdmin(ctx.from?.id));

  admins.command("reindex", async (ctx) => {
    await ctx.reply("正在重新读取报告目录并更新索引，请稍候…");
    const stopTyping = keepTyping(ctx);
    try {
      const stats = await services.assistant.reindex();
      ctx.logger.info({ reports: stats.reports, chunks: stats.chunks }, "索引已更新");
      await ctx.reply(`✅ 索引已更新\n\n${renderStats(stats, await services.feedback.counts())}`, { parse_mode: "HTML" });
    } finally {
      stopTyping();
    }
  });

  admins.command("stats", async (ctx) => {
    await ctx.reply(renderStats(services.assistant.stats(), await services.feedback.counts()), { parse_mode: "HTML" });
  });

  others.command(["reindex", "stats"], async (ctx) => {
    await ctx.reply("抱歉，这个命令仅限管理员使用。");
  });
  return feature;
}
