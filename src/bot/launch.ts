import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { run } from "@grammyjs/runner";
import { GrammyError, webhookCallback, type Bot } from "grammy";
import type { Update } from "grammy/types";
import { z } from "zod";
import type { Config } from "../config.js";
import {
  BodyError,
  createHardenedServer,
  DEFAULT_HTTP_LIMITS,
  type HttpLimits,
  readBody,
  respond,
} from "../http/hardened-server.js";
import type { Logger } from "../logger.js";
import { UserError } from "../user-error.js";
import { registerCommands } from "./commands.js";
import type { BotContext } from "./context.js";

export interface RunningBot {
  /** Stops receiving updates and waits (at most `STOP_TIMEOUT_MS`) for updates in progress. */
  stop(): Promise<void>;
  /** Rejects if the bot stops by itself (e.g. the token was revoked); never settles otherwise. */
  crashed: Promise<never>;
  /** The port the webhook server listens on (webhook mode; PORT=0 picks a free one). */
  port?: number;
}

export interface LaunchOptions {
  /** Limits of the webhook server (tests shorten the timeouts). */
  http?: Partial<HttpLimits>;
}

/** grammY's view of one webhook request whose body was read and checked here (no value returned to the server). */
interface CheckedRequest {
  update: Update;
  header: string;
  end: () => void;
  respond: (json: string) => void;
  unauthorized: () => void;
  handlerReturn?: undefined;
}

/** What a webhook body must be before grammY sees it: a JSON object with an update id. */
const UpdateBody = z.looseObject({ update_id: z.number().int() });
const SECRET_HEADER = "x-telegram-bot-api-secret-token";

/** The update types the bot handles; nothing else is delivered. */
const ALLOWED_UPDATES = ["message", "callback_query"] as const;
/** How long start-up waits for Telegram to answer getMe. */
export const CONNECT_TIMEOUT_MS = 20_000;
/** Shutdown must finish within a few seconds even if an answer is still being computed. */
export const STOP_TIMEOUT_MS = 3_000;
/** Telegram retries a webhook call that takes longer than this, so slow answers continue after the reply. */
const WEBHOOK_REPLY_MS = 9_000;

export class BotLaunchError extends UserError {}

/** Connects to Telegram (getMe), registers the command menu and starts long polling or the webhook server. */
export async function launchBot(
  bot: Bot<BotContext>,
  config: Config,
  logger: Logger,
  options: LaunchOptions = {},
): Promise<RunningBot> {
  const telegram = config.telegram;
  try {
    // auto-retry would retry an unreachable server forever; at start a clear failure is better.
    await bot.init(AbortSignal.timeout(CONNECT_TIMEOUT_MS) as Parameters<typeof bot.init>[0]);
  } catch (error) {
    const reason = error instanceof GrammyError ? error.message : `${CONNECT_TIMEOUT_MS / 1000} 秒内未能连上服务器`;
    throw new BotLaunchError(
      `无法连接 Telegram（${telegram.apiRoot}）：${reason}\n请检查 TELEGRAM_BOT_TOKEN 是否正确、网络是否可达（或 TELEGRAM_API_ROOT 是否正确）。`,
    );
  }
  logger.info({ username: bot.botInfo.username, mode: telegram.mode, apiRoot: telegram.apiRoot }, "机器人已连接");
  if (telegram.allowedUserIds.length === 0 && telegram.allowedChatIds.length === 0) {
    logger.warn("未设置 ALLOWED_USER_IDS / ALLOWED_CHAT_IDS：任何人都可以使用本机器人");
  }
  await registerCommands(bot.api, telegram.adminUserIds, logger);
  return telegram.mode === "webhook"
    ? startWebhook(bot, config, logger, { ...DEFAULT_HTTP_LIMITS, ...options.http })
    : startPolling(bot, logger);
}

async function startPolling(bot: Bot<BotContext>, logger: Logger): Promise<RunningBot> {
  try {
    // A webhook left over from an earlier deployment would make getUpdates fail.
    await bot.api.deleteWebhook();
  } catch (error) {
    logger.warn({ err: error }, "deleteWebhook 失败，继续尝试长轮询");
  }
  const runner = run(bot, { runner: { fetch: { allowed_updates: ALLOWED_UPDATES } } });
  logger.info("正在以长轮询方式接收消息");
  const crashed = new Promise<never>((_, reject) => {
    // The runner gives up only on errors it cannot recover from (401, 409) or after hours of failures.
    runner.task()?.catch((error: unknown) => reject(new BotLaunchError(pollingFailure(error))));
  });
  return { stop: () => withTimeout(runner.isRunning() ? runner.stop() : Promise.resolve(), logger), crashed };
}

function pollingFailure(error: unknown): string {
  const code = error instanceof GrammyError ? error.error_code : undefined;
  if (code === 401) return "Telegram 拒绝了令牌（401 Unauthorized），请检查 TELEGRAM_BOT_TOKEN 是否已被撤销。";
  if (code === 409) {
    return "另一个程序正在用同一个令牌接收消息（409 Conflict）：同一令牌只能运行一个机器人实例，或该令牌仍设置着 Webhook。";
  }
  return `接收消息失败，机器人已停止：${error instanceof Error ? error.message : String(error)}`;
}

async function startWebhook(bot: Bot<BotContext>, config: Config, logger: Logger, limits: HttpLimits): Promise<RunningBot> {
  const { webhookUrl } = config.telegram;
  if (!webhookUrl) throw new BotLaunchError("BOT_MODE=webhook 时必须设置 WEBHOOK_URL");
  // Without a configured secret a random one still guarantees that only Telegram can post updates.
  const secretToken = config.telegram.webhookSecret ?? randomBytes(24).toString("hex");
  const path = new URL(webhookUrl).pathname;
  // The body is read and checked here, within limits; grammY gets only a well-formed update.
  const handle = webhookCallback(
    bot,
    (update: Update, header: string, res: ServerResponse): CheckedRequest => ({
      update,
      header,
      end: () => respond(res, 200),
      respond: (json: string) => void res.writeHead(200, { "content-type": "application/json" }).end(json),
      unauthorized: () => respond(res, 401),
    }),
    { secretToken, onTimeout: "return", timeoutMilliseconds: WEBHOOK_REPLY_MS },
  );
  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    // The raw path, not new URL(): a request line like `POST //[ HTTP/1.1` must not throw.
    if (req.method !== "POST" || (req.url ?? "").split("?")[0] !== path) return respond(res, 404);
    const header = req.headers[SECRET_HEADER];
    if (typeof header !== "string" || !sameSecret(header, secretToken)) return respond(res, 401);
    let body: Buffer;
    try {
      body = await readBody(req, limits.maxBodyBytes);
    } catch (error) {
      return respond(res, error instanceof BodyError ? error.status : 400);
    }
    const update = UpdateBody.safeParse(parseJson(body));
    if (!update.success) return respond(res, 400);
    await handle(update.data, header, res);
  };
  const server = createHardenedServer(
    (req, res) => {
      serve(req, res).catch((error: unknown) => {
        logger.error({ err: error }, "Webhook 请求处理失败");
        respond(res, 500);
      });
    },
    limits,
    logger,
  );
  const port = await listen(server, config.telegram.port, logger);
  try {
    await bot.api.setWebhook(webhookUrl, { secret_token: secretToken, allowed_updates: ALLOWED_UPDATES });
  } catch (error) {
    server.close();
    throw new BotLaunchError(`设置 Webhook 失败（${webhookUrl}）：${(error as Error).message}`);
  }
  logger.info({ port, path }, "正在以 Webhook 方式接收消息");
  return {
    port,
    // Telegram retries deliveries on its side; the server has nothing that gives up by itself.
    crashed: new Promise<never>(() => undefined),
    stop: () =>
      withTimeout(
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        }),
        logger,
      ).finally(() => server.closeAllConnections()),
  };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
}

/** Listens on `port` (0: any free port) and resolves with the port taken. */
function listen(server: Server, port: number, logger: Logger): Promise<number> {
  return new Promise((resolve, reject) => {
    const failed = (error: Error) => reject(new BotLaunchError(`无法监听端口 ${port}：${error.message}`));
    server.once("error", failed);
    server.listen(port, () => {
      // Once listening, errors are the running server's: log them instead of rejecting a settled promise.
      server.off("error", failed);
      server.on("error", (error) => logger.error({ err: error }, "Webhook 服务出错"));
      resolve((server.address() as AddressInfo).port);
    });
  });
}

async function withTimeout(stopping: Promise<void>, logger: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), STOP_TIMEOUT_MS);
  });
  const outcome = await Promise.race([stopping.then(() => "stopped" as const), timedOut]);
  clearTimeout(timer);
  if (outcome === "timeout") logger.warn(`${STOP_TIMEOUT_MS / 1000} 秒内仍有消息未处理完，直接退出`);
}
