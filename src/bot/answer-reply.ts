import { InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import type { Answer, Citation, Conversation } from "../answer/answer.js";
import { RecordsUnavailableError } from "../records/records.js";
import { feedbackData, sectionData } from "./callback-data.js";
import type { BotContext, BotServices } from "./context.js";
import { citationsBySection, renderAnswer, renderDraft, sectionButtonLabel } from "./render.js";
import { keepTyping } from "./typing.js";

/**
 * Asks the assistant (streaming through message edits when an LLM is configured), stores the
 * answer for feedback, and sends it as HTML with a button per cited section and 👍/👎.
 */
export async function replyWithAnswer(ctx: BotContext, services: BotServices, question: string): Promise<void> {
  const chatId = ctx.chatId;
  if (chatId === undefined) return;
  const userId = ctx.from?.id ?? chatId;
  if (!services.answering.enter(userId)) {
    await ctx.reply("您的上一个问题还在处理中，请稍候再问。");
    return;
  }
  const conversation = ctx.session;
  const stopTyping = keepTyping(ctx);
  let result: { answer: Answer; draft?: Message.TextMessage };
  try {
    result = services.config.llm
      ? await streamAnswer(ctx, services, question, conversation)
      : { answer: await services.assistant.ask(question, conversation) };
  } finally {
    stopTyping();
    services.answering.leave(userId);
  }
  const { answer, draft } = result;
  ctx.logger.info({ status: answer.status, mode: answer.mode, ms: answer.ms, citations: answer.citations.length }, "已回答");
  let answerId: string | null = null;
  try {
    answerId = await services.records.recordAnswer({ answer, surface: "telegram", chatId, userId: ctx.from?.id ?? null });
  } catch (error) {
    // A full or read-only disk costs the feedback buttons, never the answer (the records report it once).
    if (!(error instanceof RecordsUnavailableError)) throw error;
  }
  await sendHtml(ctx, renderAnswer(answer), answerKeyboard(answer.citations, answerId), draft);
}

async function streamAnswer(
  ctx: BotContext,
  services: BotServices,
  question: string,
  conversation: Conversation,
): Promise<{ answer: Answer; draft?: Message.TextMessage }> {
  let text = "";
  let draft: Message.TextMessage | undefined;
  let lastShown = 0;
  for await (const event of services.assistant.askStream(question, conversation)) {
    if (event.type === "answer") return { answer: event.answer, draft };
    text += event.text;
    if (!text.trim() || Date.now() - lastShown < services.streamEditIntervalMs) continue;
    lastShown = Date.now();
    try {
      if (draft) await ctx.api.editMessageText(draft.chat.id, draft.message_id, renderDraft(text), { parse_mode: "HTML" });
      else draft = await ctx.reply(renderDraft(text), { parse_mode: "HTML", ...replyTo(ctx) });
    } catch (error) {
      // A failed draft edit only costs the live preview; the final answer is still sent.
      ctx.logger.warn({ err: error }, "流式草稿更新失败");
    }
  }
  throw new Error("answer stream ended without a final answer");
}

/** One button per cited section (citations of the same section share it), then 👍/👎 when the answer was stored. */
export function answerKeyboard(citations: Citation[], answerId: string | null): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const group of citationsBySection(citations)) {
    const data = group[0] && sectionData(group[0].sectionId);
    if (data) keyboard.text(sectionButtonLabel(group), data).row();
  }
  if (answerId === null) return keyboard;
  const up = feedbackData(answerId, "up");
  const down = feedbackData(answerId, "down");
  if (up && down) keyboard.text("👍 有帮助", up).text("👎 没帮助", down);
  return keyboard;
}

/** In groups the first message quotes the question, so it is clear whom the bot answers. */
function replyTo(ctx: BotContext): { reply_parameters?: { message_id: number; allow_sending_without_reply: boolean } } {
  const messageId = ctx.message?.message_id;
  if (ctx.chat?.type === "private" || messageId === undefined) return {};
  return { reply_parameters: { message_id: messageId, allow_sending_without_reply: true } };
}

/**
 * Sends HTML messages in order with the keyboard on the last one; the first replaces the
 * streaming draft when there is one.
 */
export async function sendHtml(
  ctx: BotContext,
  messages: string[],
  keyboard?: InlineKeyboard,
  draft?: Message.TextMessage,
): Promise<void> {
  for (const [i, html] of messages.entries()) {
    const markup = i === messages.length - 1 && keyboard ? { reply_markup: keyboard } : {};
    const options = { parse_mode: "HTML" as const, link_preview_options: { is_disabled: true }, ...markup };
    if (i === 0 && draft) {
      try {
        await ctx.api.editMessageText(draft.chat.id, draft.message_id, html, options);
        continue;
      } catch (error) {
        ctx.logger.warn({ err: error }, "替换草稿失败，改为发送新消息");
      }
    }
    await ctx.reply(html, { ...options, ...(i === 0 ? replyTo(ctx) : {}) });
  }
}
