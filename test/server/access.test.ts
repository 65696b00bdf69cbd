import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { assertSafeListen } from "../../src/server/access.js";
import { FakeAssistant } from "../bot/fake-assistant.js";
import { post, startTestServer, type TestServer } from "./harness.js";

const KEY = "user-key-0123456789abcdef";

describe("access keys", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(new FakeAssistant(), { API_KEYS: `${KEY},other-key-0123456789abcdef` });
  });
  afterAll(() => server.stop());

  it("/api and /v1 need a valid Bearer key", async () => {
    for (const path of ["/api/reports", "/v1/models"]) {
      const none = await fetch(`${server.url}${path}`);
      expect(none.status).toBe(401);
      expect(((await none.json()) as { error: { message: string } }).error.message).toContain("需要访问密钥");
      const wrong = await fetch(`${server.url}${path}`, { headers: { authorization: "Bearer not-the-key-0123456789" } });
      expect(wrong.status).toBe(401);
      const right = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${KEY}` } });
      expect(right.status).toBe(200);
    }
    expect((await post(`${server.url}/api/ask`, { question: "鱼峰区" })).status).toBe(401);
  });

  it("the page and the health check stay open, and the page knows to ask for a key", async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('data-keys="required"');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("adding reports needs an admin key, and is off without ADMIN_API_KEYS", async () => {
    const response = await fetch(`${server.url}/api/reports`, { method: "POST", headers: { authorization: `Bearer ${KEY}` } });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain("ADMIN_API_KEYS");
  });
});

describe("rate limit", () => {
  const OTHER = "other-key-0123456789abcdef";
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(new FakeAssistant(), { HTTP_RATE_LIMIT: "3", API_KEYS: `${KEY},${OTHER}` });
  });
  afterAll(() => server.stop());

  const get = (path: string, key?: string) =>
    fetch(`${server.url}${path}`, key ? { headers: { authorization: `Bearer ${key}` } } : {});

  it("answers 429 with Retry-After past the limit, per key, and not for the page", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await get("/api/reports", KEY)).status);
    expect(statuses).toEqual([200, 200, 200]);
    const limited = await get("/v1/models", KEY);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = (await limited.json()) as { error: { type: string; message: string } };
    expect(body.error.type).toBe("rate_limit_error");
    expect(body.error.message).toMatch(/请求过于频繁/);
    // Another key is another bucket; the page is not limited.
    expect((await get("/api/reports", OTHER)).status).toBe(200);
    expect((await get("/")).status).toBe(200);
  });

  it("counts made-up keys against the address, so guessing is limited too", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await get("/api/reports", `guess-${i}-0123456789abcdef`)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});

describe("where the server may listen", () => {
  const http = (env: Record<string, string>) => loadConfig(env).http;

  it("beyond loopback only with keys or the explicit allow flag", () => {
    expect(() => assertSafeListen(http({ HTTP_HOST: "127.0.0.1" }))).not.toThrow();
    expect(() => assertSafeListen(http({ HTTP_HOST: "::1" }))).not.toThrow();
    expect(() => assertSafeListen(http({ HTTP_HOST: "0.0.0.0" }))).toThrow(ConfigError);
    expect(() => assertSafeListen(http({ HTTP_HOST: "0.0.0.0" }))).toThrow(/HTTP_HOST.*API_KEYS.*HTTP_ALLOW_NO_KEYS/s);
    expect(() => assertSafeListen(http({ HTTP_HOST: "0.0.0.0", API_KEYS: KEY }))).not.toThrow();
    expect(() => assertSafeListen(http({ HTTP_HOST: "10.0.0.5", HTTP_ALLOW_NO_KEYS: "true" }))).not.toThrow();
  });

  it("bad values stop start-up naming the variable", () => {
    expect(() => loadConfig({ HTTP_PORT: "http" })).toThrow(/HTTP_PORT/);
    expect(() => loadConfig({ API_KEYS: "short" })).toThrow(/API_KEYS.*至少 16 个字符/s);
    expect(() => loadConfig({ HTTP_ALLOW_NO_KEYS: "maybe" })).toThrow(/HTTP_ALLOW_NO_KEYS/);
    expect(loadConfig({ HTTP_PORT: "8080", API_KEYS: `${KEY}, other-key-0123456789abcdef` }).http).toMatchObject({
      port: 8080,
      host: "127.0.0.1",
      apiKeys: [KEY, "other-key-0123456789abcdef"],
    });
  });
});

describe("cross-origin clients", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(new FakeAssistant(), { API_KEYS: KEY });
  });
  afterAll(() => server.stop());

  it("may call /v1 from a browser on another origin (preflight, then the keyed request), not /api", async () => {
    const origin = "http://chat.example.internal";
    const preflight = await fetch(`${server.url}/v1/chat/completions`, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization,content-type",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe(origin);
    const models = await fetch(`${server.url}/v1/models`, { headers: { origin, authorization: `Bearer ${KEY}` } });
    expect(models.headers.get("access-control-allow-origin")).toBe(origin);
    const api = await fetch(`${server.url}/api/reports`, { headers: { origin, authorization: `Bearer ${KEY}` } });
    expect(api.headers.get("access-control-allow-origin")).toBeNull();
  });
});
