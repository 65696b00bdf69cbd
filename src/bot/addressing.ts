import type { BotContext } from "./context.js";

/**
 * Whether a message is meant for the bot. In private chats every message is; in groups only
 * commands for this bot, messages that @mention it, and replies to its messages.
 */

function isPrivate(ctx: BotContext): boolean {
  return ctx.chat?.type === "private";
}

/** `/cmd` or `/cmd@thisbot` (a bare command in a group may be meant for us). */
export function isCommandForBot(ctx: BotContext): boolean {
  const match = /^\/\w+(?:@(\w+))?/.exec(ctx.message?.text ?? "");
  if (!match) return false;
  return match[1] === undefined || match[1].toLowerCase() === ctx.me.username.toLowerCase();
}

function mentionsBot(ctx: BotContext): boolean {
  const text = ctx.message?.text;
  if (!text) return false;
  const handle = `@${ctx.me.username}`.toLowerCase();
  return (ctx.message?.entities ?? []).some(
    (e) =>
      (e.type === "mention" && text.slice(e.offset, e.offset + e.length).toLowerCase() === handle) ||
      (e.type === "text_mention" && e.user.id === ctx.me.id),
  );
}

function repliesToBot(ctx: BotContext): boolean {
  return ctx.message?.reply_to_message?.from?.id === ctx.me.id;
}

export function isAddressedToBot(ctx: BotContext): boolean {
  if (ctx.callbackQuery) return true;
  if (!ctx.message) return false;
  return isPrivate(ctx) || isCommandForBot(ctx) || mentionsBot(ctx) || repliesToBot(ctx);
}

/** The question in a text message addressed to the bot, with the @mention removed; null otherwise. */
export function questionText(ctx: BotContext): string | null {
  const text = ctx.message?.text;
  if (text === undefined || !isAddressedToBot(ctx)) return null;
  const handle = new RegExp(`@${ctx.me.username}\\b`, "gi");
  return text.replace(handle, " ").trim();
}
