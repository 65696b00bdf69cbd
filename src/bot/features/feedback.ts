import { Composer } from "grammy";
import { FEEDBACK_DATA, type Vote } from "../callback-data.js";
import type { BotContext, BotServices } from "../context.js";

/** The 👍/👎 buttons under an answer: stored durably with the question and the answer. */
export function feedbackFeature(services: BotServices): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.callbackQuery(FEEDBACK_DATA, async (ctx) => {
    const [, answerId = "", vote] = ctx.match;
    const record = await services.feedback.recordVote(answerId, vote as Vote, {
      chatId: ctx.chatId ?? ctx.from.id,
      userId: ctx.from.id,
    });
    if (!record) {
      await ctx.answerCallbackQuery({ text: "找不到这条回答的记录，无法评价。" });
      return;
    }
    ctx.logger.info({ answerId, vote }, "收到反馈");
    await ctx.answerCallbackQuery({ text: vote === "up" ? "感谢反馈 👍" : "感谢反馈，我们会改进 🙏" });
  });
  return feature;
}
