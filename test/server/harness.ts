import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Assistant } from "../../src/answer/assistant.js";
import { loadConfig } from "../../src/config.js";
import { ReportIntake } from "../../src/intake/report-intake.js";
import { logger } from "../../src/logger.js";
import type { Records } from "../../src/records/records.js";
import { SqliteRecords } from "../../src/records/sqlite-records.js";
import { feedbackFromRecords } from "../../src/server/feedback.js";
import type { HttpLimits } from "../../src/http/hardened-server.js";
import { startServer, type RunningServer } from "../../src/server/start-server.js";
import { loadWebAssets } from "../../src/server/web-assets.js";

/** The real server on 127.0.0.1, an ephemeral port, a fresh data folder; settings as environment variables. */
export interface TestServer extends RunningServer {
  dataDir: string;
  /** Where the page's answers and votes are kept (the same store as the bot's). */
  records: Records;
}

export async function startTestServer(
  assistant: Assistant,
  env: Record<string, string> = {},
  opts: { corpusDir?: string; graceMs?: number; intake?: ReportIntake; limits?: Partial<HttpLimits> } = {},
): Promise<TestServer> {
  const config = loadConfig({ HTTP_RATE_LIMIT: "10000", LOG_LEVEL: "silent", ...env });
  logger.level = "silent";
  const dataDir = mkdtempSync(join(tmpdir(), "server-test-data-"));
  const records = new SqliteRecords(dataDir, logger);
  const server = await startServer(
    {
      http: config.http,
      assistant,
      feedback: feedbackFromRecords(records),
      intake: opts.intake ?? new ReportIntake(opts.corpusDir ?? mkdtempSync(join(tmpdir(), "server-test-corpus-")), assistant),
      web: await loadWebAssets(),
      logger,
      limits: opts.limits,
    },
    { port: 0, host: "127.0.0.1" },
    opts.graceMs,
  );
  return {
    ...server,
    dataDir,
    records,
    stop: async () => {
      await server.stop();
      await records.close();
    },
  };
}

export function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** Server-Sent Events of a whole response body, as {event, data} pairs. */
export async function readEvents(response: Response): Promise<{ event: string; data: string }[]> {
  const text = await response.text();
  return text
    .split("\n\n")
    .filter((block) => block.trim())
    .map((block) => ({
      event: /^event: (.*)$/m.exec(block)?.[1] ?? "message",
      data: block
        .split("\n")
        .filter((l) => l.startsWith("data: "))
        .map((l) => l.slice(6))
        .join("\n"),
    }));
}
