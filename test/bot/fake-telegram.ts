import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Update } from "grammy/types";
import { callbackUpdate, textUpdate, type Chat } from "./updates.js";

/**
 * A Bot API stand-in on 127.0.0.1: enough of Telegram for the bot to poll, send, edit and
 * answer button presses. Methods outside `methods` get Telegram's 404 reply, as a limited
 * emulator would. Every call is recorded for assertions.
 */

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
}

export const BOT_USER = {
  id: 999_000,
  is_bot: true as const,
  first_name: "法治报告助手",
  username: "fazhi_test_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

export const DEFAULT_METHODS = [
  "getMe",
  "getUpdates",
  "sendMessage",
  "editMessageText",
  "answerCallbackQuery",
  "deleteWebhook",
  "sendChatAction",
  "setMyCommands",
  "setWebhook",
];

type Failure = { error_code: number; description: string; parameters?: { retry_after?: number } };

export class FakeTelegram {
  readonly calls: ApiCall[] = [];
  private readonly methods: Set<string>;
  private readonly failures = new Map<string, Failure[]>();
  private readonly queue: Update[] = [];
  private waiters: (() => void)[] = [];
  private nextUpdateId = 1;
  private nextMessageId = 1;
  private server: Server | undefined;
  private listeners: ((call: ApiCall) => void)[] = [];

  constructor(
    readonly token = "123456:TEST-token",
    methods: string[] = DEFAULT_METHODS,
  ) {
    this.methods = new Set(methods);
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.wake();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The next call(s) of `method` fail with this Telegram error. */
  failNext(method: string, failure: Failure, times = 1): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...Array<Failure>(times).fill(failure)]);
  }

  push(update: Omit<Update, "update_id">): number {
    const update_id = this.nextUpdateId++;
    this.queue.push({ update_id, ...update });
    this.wake();
    return update_id;
  }

  sendText(userId: number, text: string, chat?: Chat): number {
    const { update_id: _, ...update } = textUpdate(0, userId, text, chat);
    return this.push(update);
  }

  pressButton(userId: number, data: string, chatId = userId): number {
    const { update_id: _, ...update } = callbackUpdate(0, userId, data, chatId);
    return this.push(update);
  }

  /** Resolves with the first recorded call (past or future) matching `predicate`. */
  waitFor(predicate: (call: ApiCall) => boolean, timeoutMs = 10_000): Promise<ApiCall> {
    const found = this.calls.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners = this.listeners.filter((l) => l !== listener);
        reject(
          new Error(`timed out waiting for a matching API call; calls so far: ${this.calls.map((c) => c.method).join(", ")}`),
        );
      }, timeoutMs);
      const listener = (call: ApiCall) => {
        if (!predicate(call)) return;
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== listener);
        resolve(call);
      };
      this.listeners.push(listener);
    });
  }

  sent(chatId: number): ApiCall[] {
    return this.calls.filter((c) => c.method === "sendMessage" && c.payload.chat_id === chatId);
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? "");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const payload = (body ? JSON.parse(body) : {}) as Record<string, unknown>;
    const reply = (status: number, json: unknown) => {
      if (res.destroyed) return;
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(json));
    };
    if (!match || match[1] !== this.token) return reply(401, { ok: false, error_code: 401, description: "Unauthorized" });
    const method = match[2]!;
    const call = { method, payload };
    this.calls.push(call);
    for (const listener of [...this.listeners]) listener(call);
    const failure = this.failures.get(method)?.shift();
    if (failure) return reply(failure.error_code, { ok: false, ...failure });
    if (!this.methods.has(method)) return reply(404, { ok: false, error_code: 404, description: "Not Found" });
    reply(200, { ok: true, result: await this.result(method, payload) });
  }

  private async result(method: string, payload: Record<string, unknown>): Promise<unknown> {
    switch (method) {
      case "getMe":
        return BOT_USER;
      case "getUpdates":
        return this.updates(payload);
      case "sendMessage":
      case "editMessageText":
        return {
          message_id: method === "sendMessage" ? this.nextMessageId++ : payload.message_id,
          date: Math.floor(Date.now() / 1000),
          chat: { id: payload.chat_id, type: Number(payload.chat_id) > 0 ? "private" : "supergroup" },
          from: BOT_USER,
          text: payload.text,
          ...(payload.reply_markup ? { reply_markup: payload.reply_markup } : {}),
        };
      default:
        return true;
    }
  }

  /** Long poll, but short: waits at most one second for new updates. */
  private async updates(payload: Record<string, unknown>): Promise<Update[]> {
    const offset = Number(payload.offset ?? 0);
    const drop = () => {
      while (this.queue.length > 0 && this.queue[0]!.update_id < offset) this.queue.shift();
    };
    drop();
    if (this.queue.length === 0 && Number(payload.timeout ?? 0) > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1_000);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      drop();
    }
    return this.queue.slice(0, Number(payload.limit ?? 100));
  }
}
