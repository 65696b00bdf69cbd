import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Update } from "grammy/types";
import pino from "pino";
import type { Assistant } from "../../src/answer/assistant.js";
import { createBot, type BotDeps } from "../../src/bot/create-bot.js";
import { loadConfig } from "../../src/config.js";
import { SqliteRecords } from "../../src/records/sqlite-records.js";
import { FakeAssistant } from "./fake-assistant.js";
import { BOT_USER, type ApiCall } from "./fake-telegram.js";
import { callbackUpdate, textUpdate, type Chat } from "./updates.js";

export const silentLogger = pino({ level: "silent" });

export interface HarnessOptions {
  env?: Record<string, string>;
  assistant?: Assistant;
  dataDir?: string;
  limits?: BotDeps["limits"];
  intake?: BotDeps["intake"];
  fetchFile?: BotDeps["fetchFile"];
  /** Methods that answer with this Telegram error instead of succeeding. */
  failing?: Record<string, { error_code: number; description: string }>;
}

/**
 * A bot driven in-process with handleUpdate; an API transformer records every outgoing call
 * and answers it like Telegram would, so nothing leaves the process.
 */
export function harness(options: HarnessOptions = {}) {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "bot-test-"));
  const config = loadConfig({ TELEGRAM_BOT_TOKEN: "123456:TEST-token", DATA_DIR: dataDir, ...options.env });
  const assistant = options.assistant ?? new FakeAssistant();
  const records = new SqliteRecords(dataDir, silentLogger);
  const bot = createBot({
    config,
    assistant,
    logger: silentLogger,
    records,
    botInfo: BOT_USER,
    streamEditIntervalMs: 0,
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.intake ? { intake: options.intake } : {}),
    ...(options.fetchFile ? { fetchFile: options.fetchFile } : {}),
  });
  const calls: ApiCall[] = [];
  let messageId = 1;
  bot.api.config.use(async (_prev, method, payload) => {
    const p = payload as unknown as Record<string, unknown>;
    calls.push({ method, payload: p });
    const failure = options.failing?.[method];
    if (failure) return { ok: false, ...failure } as never;
    if (method === "getFile")
      return {
        ok: true,
        result: { file_id: p.file_id, file_unique_id: `u-${String(p.file_id)}`, file_path: `documents/${String(p.file_id)}` },
      } as never;
    const result =
      method === "sendMessage" || method === "editMessageText"
        ? {
            message_id: method === "sendMessage" ? messageId++ : p.message_id,
            date: 0,
            chat: { id: p.chat_id, type: Number(p.chat_id) > 0 ? "private" : "supergroup" },
            from: BOT_USER,
            text: p.text,
          }
        : true;
    return { ok: true, result } as never;
  });

  let updateId = 1;
  const handle = (update: Update) => bot.handleUpdate(update);
  return {
    bot,
    config,
    assistant,
    dataDir,
    records,
    calls,
    send: (userId: number, text: string, chat?: Chat, extra?: Record<string, unknown>) =>
      handle(textUpdate(updateId++, userId, text, chat, extra)),
    press: (userId: number, data: string, chatId?: number) => handle(callbackUpdate(updateId++, userId, data, chatId)),
    handle,
    /** Texts of messages sent (and drafts edited) so far, in order. */
    texts: (method = "sendMessage") => calls.filter((c) => c.method === method).map((c) => String(c.payload.text)),
    callsOf: (method: string) => calls.filter((c) => c.method === method),
    clear: () => calls.splice(0),
  };
}

/** All callback_data values on an inline keyboard. */
export function buttonData(call: ApiCall | undefined): string[] {
  const markup = call?.payload.reply_markup as { inline_keyboard?: { callback_data?: string }[][] } | undefined;
  return (markup?.inline_keyboard ?? []).flat().flatMap((b) => (b.callback_data ? [b.callback_data] : []));
}
