import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { fuzzHttp, trickle } from "../helpers/http-fuzz.js";
import { cliArgs, start, type Started } from "../helpers/processes.js";
import { FakeAssistant } from "../bot/fake-assistant.js";
import { startTestServer, type TestServer } from "./harness.js";

/** `serve` under attack: 1,000 malformed and hostile requests on its API routes, then real questions. */

const KEY = "fuzz-key-0123456789abcdef";
const FIGURE = "鱼峰区2023年共收到多少件行政复议申请？";

describe("serve, the running program, under 1,000 hostile requests", () => {
  let server: Started;
  let url: string;

  beforeAll(async () => {
    const work = mkdtempSync(join(tmpdir(), "serve-fuzz-"));
    server = start(...cliArgs("serve"), {
      env: {
        ...process.env,
        HTTP_PORT: "0",
        HTTP_HOST: "127.0.0.1",
        API_KEYS: KEY,
        HTTP_RATE_LIMIT: "1000000",
        TELEGRAM_BOT_TOKEN: "",
        LLM_MODEL: "",
        OPENAI_BASE_URL: "",
        INDEX_DIR: join(work, "index"),
        DATA_DIR: join(work, "data"),
        LOG_LEVEL: "info",
      },
    });
    await vi.waitFor(
      () => {
        if (server.child.exitCode !== null) throw new Error(`serve exited early:\n${server.stderr()}`);
        const started = /HTTP 服务已启动：(http:\/\/[\d.:]+)/.exec(server.stderr());
        expect(started).not.toBeNull();
        url = started![1]!;
      },
      { timeout: 120_000, interval: 100 },
    );
  }, 150_000);

  afterAll(async () => {
    await server.stop();
  });

  it.each(["/api/ask", "/v1/chat/completions"])(
    "stays up on %s, never answers 5xx, and then answers a real question",
    async (path) => {
      const report = await fuzzHttp(`${url}${path}`, { count: 1_000, authHeaders: { Authorization: `Bearer ${KEY}` } });
      expect(report.sent).toBe(1_000);
      expect(server.child.exitCode).toBeNull();
      expect(Object.keys(report.outcomes).filter((o) => o.startsWith("5"))).toEqual([]);
      // Malformed, unauthenticated, of the wrong type: refused with the right status.
      for (const status of ["400", "401", "415"])
        expect(report.outcomes[status], JSON.stringify(report.outcomes)).toBeGreaterThan(0);

      const response = await fetch(`${url}/api/ask`, {
        method: "POST",
        headers: { "content-type": "application/json", Authorization: `Bearer ${KEY}` },
        body: JSON.stringify({ question: FIGURE }),
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { answer: string }).answer).toContain("70件");
      expect(server.stderr()).not.toMatch(/uncaught|未预期的错误/i);
    },
    180_000,
  );
});

describe("serve's timeouts", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(new FakeAssistant(), {}, { limits: { headersTimeoutMs: 400, requestTimeoutMs: 800 } });
  });

  afterAll(async () => {
    await server.stop();
  });

  it("cuts off a client that sends its headers a byte at a time (slowloris), and keeps serving", async () => {
    const { answer, ms } = await trickle(Number(new URL(server.url).port), "POST /api/ask HTTP/1.1\r\nHost: x\r\n", "a");
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(ms).toBeLessThan(5_000);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("cuts off a client that trickles its body", async () => {
    const head = "POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n";
    const { answer, ms } = await trickle(Number(new URL(server.url).port), head, " ");
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(ms).toBeLessThan(5_000);
  });
});
