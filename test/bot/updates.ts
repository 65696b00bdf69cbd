import type { Update } from "grammy/types";

/** Builders for the updates Telegram would deliver, shared by the in-process tests and the fake server. */

export type Chat = { id: number; type: "private" } | { id: number; type: "group" | "supergroup"; title: string };

let nextMessageId = 1_000;

export function textMessage(userId: number, text: string, chat?: Chat, extra: Record<string, unknown> = {}) {
  const command = /^\/\S+/.exec(text);
  return {
    message_id: nextMessageId++,
    date: Math.floor(Date.now() / 1000),
    chat: chat ?? { id: userId, type: "private" as const, first_name: `用户${userId}` },
    from: { id: userId, is_bot: false, first_name: `用户${userId}` },
    text,
    ...(command ? { entities: [{ type: "bot_command" as const, offset: 0, length: command[0].length }] } : {}),
    ...extra,
  };
}

export function textUpdate(
  updateId: number,
  userId: number,
  text: string,
  chat?: Chat,
  extra: Record<string, unknown> = {},
): Update {
  return { update_id: updateId, message: textMessage(userId, text, chat, extra) } as Update;
}

export function callbackUpdate(updateId: number, userId: number, data: string, chatId = userId): Update {
  return {
    update_id: updateId,
    callback_query: {
      id: `cb${updateId}`,
      from: { id: userId, is_bot: false, first_name: `用户${userId}` },
      chat_instance: "1",
      data,
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat:
          chatId > 0
            ? { id: chatId, type: "private", first_name: `用户${userId}` }
            : { id: chatId, type: "supergroup", title: "测试群" },
        text: "…",
      },
    },
  };
}
