import { Composer } from "grammy";
import { isAddressedToBot, isCommandForBot, questionText } from "../addressing.js";
import { MAX_QUESTION_CHARS } from "../../answer/question-check.js";
import { replyWithAnswer } from "../answer-reply.js";
import type { BotContext, BotServices } from "../context.js";

/**
 * Plain-text questions (registered last: every command has been matched before). In groups
 * only messages addressed to the bot get here with a question; everything else stays quiet.
 */
export function questionFeature(services: BotServices): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.on("message:text", async (ctx) => {
    const command = /^\/\w+(@\w+)?/.exec(ctx.message.text);
    if (command) {
      // A bare unknown command in a group is probably meant for another bot.
      const forUs = isCommandForBot(ctx) && (ctx.chat.type === "private" || command[1] !== undefined);
      if (forUs) await ctx.reply("没有这个命令。发送 /help 查看可用命令，或直接输入问题。");
      return;
    }
    const question = questionText(ctx);
    if (question === null) return;
    if (!question) {
      await ctx.reply("请输入要查询的问题，例如：鱼峰区2023年共收到多少件行政复议申请？");
      return;
    }
    if (question.length > MAX_QUESTION_CHARS) {
      await ctx.reply(`问题太长（${question.length} 字），请精简到 ${MAX_QUESTION_CHARS} 字以内再发送。`);
      return;
    }
    await replyWithAnswer(ctx, services, question);
  });

  feature.on("message", async (ctx) => {
    if (isAddressedToBot(ctx)) await ctx.reply("目前只能回答文字问题，请直接输入文字。");
  });
  return feature;
}
