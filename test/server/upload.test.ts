import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Assistant } from "../../src/answer/assistant.js";
import { createAssistant } from "../../src/answer/create-assistant.js";
import { loadConfig } from "../../src/config.js";
import { ReportIntake } from "../../src/intake/report-intake.js";
import { post, startTestServer, type TestServer } from "./harness.js";

/** Adding and removing reports through the server, with the real assistant over a copy of the shipped corpus. */

const ADMIN = "admin-key-0123456789abcdef";
const USER = "user-key-0123456789abcdef";
const FIXTURE = join(import.meta.dirname, "../fixtures/uploads/沅江市2023年法治政府建设报告.txt");
const QUESTION = "沅江市2023年共收到多少件行政复议申请？";
/** Small enough to test the size refusal without sending megabytes. */
const MAX_BYTES = 64 * 1024;

let workDir: string;
let corpusDir: string;
let assistant: Assistant;
let server: TestServer;

function upload(name: string, bytes: Uint8Array, opts: { confirm?: boolean; key?: string } = {}): Promise<Response> {
  const form = new FormData();
  form.append("file", new Blob([bytes]), name);
  return fetch(`${server.url}/api/reports${opts.confirm ? "?confirm=1" : ""}`, {
    method: "POST",
    headers: { authorization: `Bearer ${opts.key ?? ADMIN}` },
    body: form,
  });
}

/** Every file under the corpus folder with its bytes: what "the library is untouched" means. */
function snapshot(): Record<string, string> {
  const files = readdirSync(corpusDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return Object.fromEntries(
    files.map((e) => [join(e.parentPath, e.name), readFileSync(join(e.parentPath, e.name)).toString("base64")]),
  );
}

async function reportCount(): Promise<number> {
  const response = await fetch(`${server.url}/api/reports`, { headers: { authorization: `Bearer ${USER}` } });
  return ((await response.json()) as unknown[]).length;
}

async function ask(question: string): Promise<{ answer: string; status: string; citations: { reportId: string }[] }> {
  const response = await post(`${server.url}/api/ask`, { question }, { authorization: `Bearer ${USER}` });
  return (await response.json()) as { answer: string; status: string; citations: { reportId: string }[] };
}

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), "upload-test-"));
  corpusDir = join(workDir, "corpus");
  cpSync("corpus", corpusDir, { recursive: true });
  assistant = await createAssistant({ config: loadConfig({}), corpusDir, indexDir: join(workDir, "index") });
  server = await startTestServer(
    assistant,
    { API_KEYS: USER, ADMIN_API_KEYS: ADMIN },
    { intake: new ReportIntake(corpusDir, assistant, MAX_BYTES) },
  );
}, 120_000);

afterAll(async () => {
  await server.stop();
  rmSync(workDir, { recursive: true, force: true });
});

describe("adding a report", () => {
  let reportId: string;

  it("shows what an uploaded file holds without storing it", async () => {
    const before = snapshot();
    const response = await upload("沅江市2023年法治政府建设报告.txt", readFileSync(FIXTURE));
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      confirmed: boolean;
      file: string;
      report: {
        id: string;
        region: string;
        year: number;
        issuer: string;
        title: string;
        sections: number;
        warnings: string[];
        outline: unknown[];
      };
    };
    expect(body.confirmed).toBe(false);
    expect(body.report).toMatchObject({ region: "沅江市", year: 2023, issuer: "沅江市人民政府", sections: 5, warnings: [] });
    expect(body.report.title).toContain("法治政府建设");
    expect(body.report.outline).toHaveLength(5);
    expect(body.file).toBe("uploads/沅江市2023年法治政府建设报告.txt");
    expect(snapshot()).toEqual(before);
    reportId = body.report.id;
  });

  it("on confirmation stores and indexes it: questions about it are answered within 10 s", async () => {
    expect((await ask(QUESTION)).status).toBe("not_found");
    const started = performance.now();
    const response = await upload("沅江市2023年法治政府建设报告.txt", readFileSync(FIXTURE), { confirm: true });
    expect(response.status).toBe(200);
    const answer = await ask(QUESTION);
    const seconds = (performance.now() - started) / 1000;
    expect(seconds).toBeLessThan(10);
    expect(answer.status).toBe("answered");
    expect(answer.answer).toContain("136件");
    expect(answer.citations[0]!.reportId).toBe(reportId);
    expect(await reportCount()).toBe(6);
  });

  const refusals: [string, () => Promise<Response>, number, RegExp][] = [
    ["random bytes named .pdf", () => upload("report.pdf", randomBytes(20_000)), 422, /无法读取/],
    ["random bytes named .txt", () => upload("report.txt", randomBytes(20_000)), 422, /无法读取/],
    ["an unsupported type", () => upload("report.exe", randomBytes(100)), 415, /不支持的文件类型/],
    ["an empty file", () => upload("empty.txt", new Uint8Array()), 400, /空/],
    ["a file over the size limit", () => upload("big.txt", Buffer.alloc(MAX_BYTES + 1, "法")), 413, /太大/],
    [
      "text that is no report",
      () =>
        upload(
          "notes.txt",
          Buffer.from(
            "会议通知：请各单位于下周一上午九点到三楼会议室参加工作例会，讨论明年的预算安排和人员调整事项。\n".repeat(5),
          ),
        ),
      422,
      /不像/,
    ],
    ["the same file again", () => upload("沅江市2023年法治政府建设报告.txt", readFileSync(FIXTURE)), 409, /同名文件/],
    ["the same content under another name", () => upload("copy.txt", readFileSync(FIXTURE)), 409, /内容完全相同/],
    [
      "another file of a report the library has",
      () => upload("again.txt", Buffer.concat([readFileSync(FIXTURE), Buffer.from("\n附：本报告已报送。\n")])),
      409,
      /已有沅江市2023年的报告/,
    ],
    ["a user key", () => upload("x.txt", readFileSync(FIXTURE), { key: USER }), 403, /管理权限/],
    [
      "no multipart body",
      () => post(`${server.url}/api/reports`, { file: "x" }, { authorization: `Bearer ${ADMIN}` }),
      400,
      /multipart/,
    ],
  ];
  it.each(refusals)("refuses %s with the reason and leaves the library as it was", async (_name, send, status, reason) => {
    const before = snapshot();
    const response = await send();
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(reason);
    expect(snapshot()).toEqual(before);
    expect(await reportCount()).toBe(6);
  });

  it("removes a report: its file is deleted and it is no longer answered", async () => {
    const response = await fetch(`${server.url}/api/reports/${reportId}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(response.status).toBe(200);
    expect(await reportCount()).toBe(5);
    expect(Object.keys(snapshot()).some((f) => f.includes("沅江"))).toBe(false);
    expect((await ask(QUESTION)).status).toBe("not_found");
    const again = await fetch(`${server.url}/api/reports/${reportId}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(again.status).toBe(404);
  });
});
