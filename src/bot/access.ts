import type { MiddlewareFn } from "grammy";
import type { Config } from "../config.js";
import { isAddressedToBot } from "./addressing.js";
import type { BotContext } from "./context.js";

/**
 * Who may use the bot. With neither ALLOWED_USER_IDS nor ALLOWED_CHAT_IDS set the bot is open
 * to everyone (a warning is logged at start); admins are always allowed.
 */
export class AccessPolicy {
  private readonly users: Set<number>;
  private readonly chats: Set<number>;
  private readonly admins: Set<number>;

  constructor(telegram: Config["telegram"]) {
    this.users = new Set(telegram.allowedUserIds);
    this.chats = new Set(telegram.allowedChatIds);
    this.admins = new Set(telegram.adminUserIds);
  }

  get isOpen(): boolean {
    return this.users.size === 0 && this.chats.size === 0;
  }

  isAdmin(userId: number | undefined): boolean {
    return userId !== undefined && this.admins.has(userId);
  }

  allows(userId: number | undefined, chatId: number | undefined): boolean {
    if (this.isOpen || this.isAdmin(userId)) return true;
    return (userId !== undefined && this.users.has(userId)) || (chatId !== undefined && this.chats.has(chatId));
  }
}

export function refusalText(userId: number | undefined): string {
  const id = userId === undefined ? "" : `\n如需开通，请把您的用户 ID（${userId}）发给管理员。`;
  return `抱歉，您暂无使用本机器人的权限。${id}`;
}

/** Stops updates from people who are not allowed; answers them politely only when they address the bot. */
export function accessGate(policy: AccessPolicy): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const userId = ctx.from?.id;
    if (policy.allows(userId, ctx.chat?.id)) return next();
    ctx.logger.info({ userId, chatId: ctx.chat?.id }, "拒绝未授权用户");
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: refusalText(userId), show_alert: true });
    else if (ctx.message && isAddressedToBot(ctx)) await ctx.reply(refusalText(userId));
  };
}
