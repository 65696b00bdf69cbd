import { Composer } from "grammy";
import { MAX_QUESTION_CHARS } from "../../answer/question-check.js";
import { replyWithAnswer } from "../answer-reply.js";
import type { BotContext, BotServices } from "../context.js";

/** Meeting summaries: /summary 行政复议 → 汇总各区行政复议情况; /compare 述法 → 对比各区述法. */
const MEETING_COMMANDS = {
  summary: { question: (topic: string) => `汇总各区${topic}情况`, example: "/summary 行政复议" },
  compare: { question: (topic: string) => `对比各区${topic}`, example: "/compare 述法工作" },
} as const;

export function summaryFeature(services: BotServices): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  for (const [command, { question, example }] of Object.entries(MEETING_COMMANDS)) {
    feature.command(command, async (ctx) => {
      const topic = ctx.match.trim();
      if (!topic) {
        await ctx.reply(`请在命令后写上主题，例如：${example}`);
        return;
      }
      if (topic.length > MAX_QUESTION_CHARS) {
        await ctx.reply(`主题太长（${topic.length} 字），请精简到 ${MAX_QUESTION_CHARS} 字以内。`);
        return;
      }
      await replyWithAnswer(ctx, services, question(topic));
    });
  }
  return feature;
}
