import { existsSync } from "node:fs";
import { z } from "zod";
import { UserError } from "./user-error.js";

/** Telegram ids are integers (negative for groups); lists are comma separated. */
const idList = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    const ids: number[] = [];
    for (const part of (raw ?? "").split(/[,\s]+/).filter(Boolean)) {
      if (!/^-?\d+$/.test(part)) {
        ctx.addIssue({ code: "custom", message: `「${part}」不是数字 ID（应为逗号分隔的整数）` });
        return z.NEVER;
      }
      ids.push(Number(part));
    }
    return ids;
  });

/** Bearer keys: comma separated; long enough that guessing is hopeless, and safe in a header. */
const keyList = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    const keys = (raw ?? "").split(/[,\s]+/).filter(Boolean);
    const bad = keys.find((key) => !/^[A-Za-z0-9._~+/=-]{16,200}$/.test(key));
    if (bad !== undefined) {
      ctx.addIssue({
        code: "custom",
        message: `密钥「${bad.slice(0, 4)}…」无效：每个密钥至少 16 个字符，只能包含字母、数字和 . _ ~ + / = -`,
      });
      return z.NEVER;
    }
    return keys;
  });

const flag = z
  .enum(["true", "false", "1", "0", "yes", "no"], "应为 true 或 false")
  .optional()
  .transform((v) => v === "true" || v === "1" || v === "yes");

const EnvSchema = z
  .object({
    TELEGRAM_BOT_TOKEN: z
      .string()
      .regex(/^\d+:[\w-]+$/, "格式应为 123456:ABC-DEF…（由 @BotFather 提供）")
      .optional(),
    TELEGRAM_API_ROOT: z.url({ protocol: /^https?$/, error: "应为 http(s) 地址" }).default("https://api.telegram.org"),
    BOT_MODE: z.enum(["polling", "webhook"], "只能是 polling 或 webhook").default("polling"),
    WEBHOOK_URL: z.url({ protocol: /^https$/, error: "应为 https 地址（Telegram 只向 https 推送）" }).optional(),
    WEBHOOK_SECRET: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, "只能包含字母、数字、_ 和 -，长度 1–256")
      .optional(),
    // 0 takes any free port (it is logged): for tests and containers that map ports themselves.
    PORT: z.coerce.number("应为端口号").int().min(0).max(65535).default(8080),
    ALLOWED_USER_IDS: idList,
    ALLOWED_CHAT_IDS: idList,
    ADMIN_USER_IDS: idList,
    OPENAI_API_KEY: z.string().optional(),
    OPENAI_BASE_URL: z.url({ protocol: /^https?$/, error: "应为 http(s) 地址" }).optional(),
    LLM_MODEL: z.string().optional(),
    LLM_TIMEOUT_MS: z.coerce.number("应为毫秒数").int().min(100).max(600_000).default(20_000),
    EMBEDDING_PROVIDER: z.enum(["local", "openai"], "只能是 local 或 openai").default("local"),
    EMBEDDING_MODEL: z.string().default("text-embedding-3-small"),
    CORPUS_DIR: z.string().default("corpus"),
    INDEX_DIR: z.string().default("embeddings"),
    DATA_DIR: z.string().default("data"),
    HTTP_PORT: z.coerce.number("应为端口号").int().min(0).max(65535).optional(),
    HTTP_HOST: z.string().default("127.0.0.1"),
    API_KEYS: keyList,
    ADMIN_API_KEYS: keyList,
    HTTP_ALLOW_NO_KEYS: flag,
    HTTP_RATE_LIMIT: z.coerce.number("应为每分钟请求数").int().min(1).max(1_000_000).default(60),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "应为 postgres:// 或 postgresql:// 地址" }).optional(),
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], "应为 error/warn/info/debug 等日志级别")
      .default("info"),
  })
  .superRefine((env, ctx) => {
    if (env.BOT_MODE === "webhook" && !env.WEBHOOK_URL) {
      ctx.addIssue({ code: "custom", path: ["WEBHOOK_URL"], message: "BOT_MODE=webhook 时必须设置" });
    }
    const remote = !env.OPENAI_BASE_URL || /api\.openai\.com/.test(env.OPENAI_BASE_URL);
    if (remote && !env.OPENAI_API_KEY) {
      if (env.LLM_MODEL) {
        ctx.addIssue({
          code: "custom",
          path: ["OPENAI_API_KEY"],
          message: "设置了 LLM_MODEL 但没有密钥（本地模型服务请同时设置 OPENAI_BASE_URL）",
        });
      }
      if (env.EMBEDDING_PROVIDER === "openai") {
        ctx.addIssue({
          code: "custom",
          path: ["OPENAI_API_KEY"],
          message: "EMBEDDING_PROVIDER=openai 需要密钥（本地服务请设置 OPENAI_BASE_URL）",
        });
      }
    }
  });

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  telegram: {
    token?: string;
    apiRoot: string;
    mode: "polling" | "webhook";
    webhookUrl?: string;
    webhookSecret?: string;
    port: number;
    allowedUserIds: number[];
    allowedChatIds: number[];
    adminUserIds: number[];
  };
  /** OpenAI-compatible endpoint shared by the LLM answerer and the remote embedder. */
  openai: { apiKey?: string; baseURL?: string };
  /** Null when no LLM is configured: answers stay extractive. */
  llm: { model: string; timeoutMs: number } | null;
  embedding: { provider: "local" | "openai"; model: string };
  corpusDir: string;
  indexDir: string;
  http: {
    /** Null when HTTP_PORT is unset: `npm start` then runs no server (`serve` uses 8080). */
    port: number | null;
    host: string;
    apiKeys: string[];
    adminApiKeys: string[];
    /** Listening beyond loopback without API_KEYS, for a deployment behind an authenticating proxy. */
    allowNoKeys: boolean;
    /** Requests per minute per key (or per address without keys) on /api and /v1. */
    rateLimitPerMinute: number;
  };
  /** Where the bot keeps what it answered and the 👍/👎 feedback (JSONL). */
  /** Where the records are kept: answers sent, 👍/👎 feedback, conversation state (SQLite). */
  dataDir: string;
  /** PostgreSQL instead of SQLite, for several replicas. */
  databaseUrl?: string;
  logLevel: Env["LOG_LEVEL"];
}

export class ConfigError extends UserError {
  constructor(readonly problems: string[]) {
    super(`配置有误：\n${problems.map((p) => `  - ${p}`).join("\n")}\n请检查环境变量或 .env 文件（参见 .env.example）。`, 2);
  }
}

/** Parses the environment once into a typed Config; empty values count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? "环境变量");
        const value = present[name];
        return `${name}${value === undefined ? "" : `=「${value}」`}：${issue.message}`;
      }),
    );
  }
  const e = parsed.data;
  return {
    telegram: {
      token: e.TELEGRAM_BOT_TOKEN,
      apiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, ""),
      mode: e.BOT_MODE,
      webhookUrl: e.WEBHOOK_URL,
      webhookSecret: e.WEBHOOK_SECRET,
      port: e.PORT,
      allowedUserIds: e.ALLOWED_USER_IDS,
      allowedChatIds: e.ALLOWED_CHAT_IDS,
      adminUserIds: e.ADMIN_USER_IDS,
    },
    openai: { apiKey: e.OPENAI_API_KEY, baseURL: e.OPENAI_BASE_URL },
    llm: e.LLM_MODEL ? { model: e.LLM_MODEL, timeoutMs: e.LLM_TIMEOUT_MS } : null,
    embedding: { provider: e.EMBEDDING_PROVIDER, model: e.EMBEDDING_MODEL },
    corpusDir: e.CORPUS_DIR,
    indexDir: e.INDEX_DIR,
    http: {
      port: e.HTTP_PORT ?? null,
      host: e.HTTP_HOST,
      apiKeys: e.API_KEYS,
      adminApiKeys: e.ADMIN_API_KEYS,
      allowNoKeys: e.HTTP_ALLOW_NO_KEYS,
      rateLimitPerMinute: e.HTTP_RATE_LIMIT,
    },
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
  };
}

/** Reads ./.env into process.env (without overriding what is already set), if the file exists. */
export function loadDotEnv(file = ".env"): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
