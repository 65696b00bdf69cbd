import { Composer } from "grammy";
import { RecordsUnavailableError, type Vote, type VoteOutcome } from "../../records/records.js";
import { FEEDBACK_DATA } from "../callback-data.js";
import type { BotContext, BotServices } from "../context.js";

const REPLIES: Record<VoteOutcome, (vote: Vote) => string> = {
  recorded: (vote) => (vote === "up" ? "感谢反馈 👍" : "感谢反馈，我们会改进 🙏"),
  changed: (vote) => `已改为 ${vote === "up" ? "👍" : "👎"}，感谢反馈`,
  unchanged: (vote) => `您已评价过这条回答（${vote === "up" ? "👍" : "👎"}）`,
  "unknown-answer": () => "找不到这条回答的记录，无法评价。",
};

/** The 👍/👎 buttons under an answer: one vote per user per answer, a second press changes it. */
export function feedbackFeature(services: BotServices): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.callbackQuery(FEEDBACK_DATA, async (ctx) => {
    const [, answerId = "", vote] = ctx.match as [string, string, Vote];
    let outcome: VoteOutcome;
    try {
      outcome = await services.records.recordVote(answerId, { userId: ctx.from.id, chatId: ctx.chatId ?? null }, vote);
    } catch (error) {
      if (!(error instanceof RecordsUnavailableError)) throw error;
      await ctx.answerCallbackQuery({ text: "暂时无法保存反馈，请稍后再试。" });
      return;
    }
    ctx.logger.info({ answerId, vote, outcome }, "收到反馈");
    await ctx.answerCallbackQuery({ text: REPLIES[outcome](vote) });
  });
  return feature;
}
