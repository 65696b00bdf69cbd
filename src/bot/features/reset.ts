import { Composer } from "grammy";
import type { BotContext, BotServices } from "../context.js";

export function resetFeature(services: BotServices): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command("reset", async (ctx) => {
    services.conversations.reset(ctx.chat.id);
    await ctx.reply("已清空本对话的上下文，可以开始新的话题。");
  });
  return feature;
}
