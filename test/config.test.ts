import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("loadConfig", () => {
  it("needs nothing: the default path is offline", () => {
    const config = loadConfig({});
    expect(config.llm).toBeNull();
    expect(config.embedding.provider).toBe("local");
    expect(config.telegram.token).toBeUndefined();
    expect(config.telegram.apiRoot).toBe("https://api.telegram.org");
    expect(config.corpusDir).toBe("corpus");
    expect(config.indexDir).toBe("embeddings");
  });

  it("treats empty values as unset, as .env files write them", () => {
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: "", PORT: " ", LLM_MODEL: "" }).llm).toBeNull();
  });

  it("parses id lists and numbers", () => {
    const config = loadConfig({ ALLOWED_USER_IDS: "1, 2,3", ALLOWED_CHAT_IDS: "-100123", PORT: "3000" });
    expect(config.telegram.allowedUserIds).toEqual([1, 2, 3]);
    expect(config.telegram.allowedChatIds).toEqual([-100123]);
    expect(config.telegram.port).toBe(3000);
  });

  it.each([
    ["PORT", { PORT: "eighty" }],
    ["BOT_MODE", { BOT_MODE: "push" }],
    ["ALLOWED_USER_IDS", { ALLOWED_USER_IDS: "12,abc" }],
    ["TELEGRAM_BOT_TOKEN", { TELEGRAM_BOT_TOKEN: "not-a-token" }],
    ["TELEGRAM_API_ROOT", { TELEGRAM_API_ROOT: "localhost" }],
    ["EMBEDDING_PROVIDER", { EMBEDDING_PROVIDER: "bert" }],
    ["LLM_TIMEOUT_MS", { LLM_TIMEOUT_MS: "soon" }],
    ["WEBHOOK_URL", { BOT_MODE: "webhook" }],
    ["WEBHOOK_URL", { BOT_MODE: "webhook", WEBHOOK_URL: "http://bot.example.gov.cn/hook" }],
    ["OPENAI_BASE_URL", { OPENAI_BASE_URL: "ftp://models.example/v1" }],
    ["OPENAI_API_KEY", { LLM_MODEL: "gpt-4o-mini" }],
  ])("names %s when its value is bad", (name, env) => {
    const found = problems(env);
    expect(found.length).toBeGreaterThan(0);
    expect(found.some((p) => p.startsWith(name))).toBe(true);
  });

  it("takes a PostgreSQL URL for the records and refuses anything else, naming the variable", () => {
    expect(loadConfig({ DATABASE_URL: "postgresql://fazhi:pw@db:5432/fazhi" }).databaseUrl).toBe(
      "postgresql://fazhi:pw@db:5432/fazhi",
    );
    expect(loadConfig({}).databaseUrl).toBeUndefined();
    const [problem] = problems({ DATABASE_URL: "mysql://db/fazhi" });
    expect(problem).toMatch(/^DATABASE_URL=「mysql:\/\/db\/fazhi」：应为 postgres/);
  });

  it("accepts a local model server without a key", () => {
    const config = loadConfig({ LLM_MODEL: "qwen2.5", OPENAI_BASE_URL: "http://127.0.0.1:11434/v1" });
    expect(config.llm).toEqual({ model: "qwen2.5", timeoutMs: 20_000 });
  });
});
