import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { escapeHtml } from "../render.js";

export const EXAMPLE_QUESTIONS = [
  "鱼峰区2023年共收到多少件行政复议申请？",
  "东湖区的“佬倌俚”工作室是什么？",
  "汇总各区行政复议工作情况",
];

export function examplesHtml(): string {
  return EXAMPLE_QUESTIONS.map((q) => `• ${escapeHtml(q)}`).join("\n");
}

export function startFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command("start", async (ctx) => {
    const html = [
      "您好！我是<b>法治报告问答助手</b>。",
      "我能回答各地《法治政府建设年度报告》中的问题：具体数字、典型做法、存在问题、下一步计划，也能汇总、对比各区情况。每个结论都标注来源 [n]，点按钮即可查看报告原文。",
      `可以直接这样问：\n${examplesHtml()}`,
      "常用命令：\n/reports 查看报告库\n/summary 主题 — 汇总各区情况（可用于会议发言）\n/compare 主题 — 对比各区做法\n/reset 清空对话上下文\n/help 使用说明",
    ].join("\n\n");
    await ctx.reply(html, { parse_mode: "HTML" });
  });
  return feature;
}
