import { Composer } from "grammy";
import { newConversation } from "../../answer/answer.js";
import type { BotContext } from "../context.js";

export function resetFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command("reset", async (ctx) => {
    ctx.session = newConversation();
    await ctx.reply("已清空本对话的上下文，可以开始新的话题。");
  });
  return feature;
}
