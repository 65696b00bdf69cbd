import { Composer } from "grammy";
import type { BotContext, BotServices } from "../context.js";
import { examplesHtml } from "./start.js";

export function helpFeature(services: BotServices): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command("help", async (ctx) => {
    const parts = [
      "<b>使用说明</b>",
      `直接发送问题即可，例如：\n${examplesHtml()}`,
      "• 回答中的 [n] 对应下方「来源」列表（地区 · 年份 · 章节）；点 📄 按钮查看该章节全文。\n• 可以接着追问，例如先问鱼峰区，再问「那水磨沟区呢？」；/reset 清空上下文。\n• 报告中没有的内容，我会直接说明，不会编造数字。\n• 在群组中，请 @我 或回复我的消息提问。\n• 👍/👎 帮助我们改进回答。",
      "<b>命令</b>\n/reports 报告库\n/summary 主题 — 汇总各区情况\n/compare 主题 — 对比各区做法\n/reset 清空对话上下文",
    ];
    if (services.access.isAdmin(ctx.from?.id)) {
      parts.push("<b>管理员命令</b>\n/reindex 重新读取报告目录并更新索引\n/stats 运行状态与统计\n/feedback 反馈统计与最近的 👎");
    }
    await ctx.reply(parts.join("\n\n"), { parse_mode: "HTML" });
  });
  return feature;
}
