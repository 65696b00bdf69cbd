import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BODY_LIMIT } from "../../src/server/create-server.js";
import { FakeAssistant } from "../bot/fake-assistant.js";
import { post, readEvents, startTestServer, type TestServer } from "./harness.js";

const FIGURE = "鱼峰区2023年共收到多少件行政复议申请？";
const ASK_JSON_KEYS = ["question", "status", "kind", "answer", "citations", "mode", "ms"].sort();

describe("JSON API", () => {
  let server: TestServer;
  let assistant: FakeAssistant;

  beforeAll(async () => {
    assistant = new FakeAssistant();
    server = await startTestServer(assistant);
  });
  afterAll(() => server.stop());

  it("GET /healthz says how much the library holds", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", reports: 2, sections: 3 });
  });

  it("POST /api/ask returns exactly the ask --json object, with the figure and its citation", async () => {
    const response = await post(`${server.url}/api/ask`, { question: FIGURE });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown> & {
      answer: string;
      citations: { sectionId: string; quote: string }[];
    };
    expect(Object.keys(body).sort()).toEqual(ASK_JSON_KEYS);
    expect(body.status).toBe("answered");
    expect(body.answer).toContain("70件");
    expect(body.citations[0]).toMatchObject({ n: 1, sectionId: "yufeng-2023-4", region: "鱼峰区", year: 2023 });
    expect(response.headers.get("x-answer-id")).toMatch(/^[\w-]{6,}$/);
  });

  it("streams the answer as Server-Sent Events: draft text, the ask --json object, then the record id", async () => {
    const response = await post(`${server.url}/api/ask`, { question: FIGURE, stream: true });
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = await readEvents(response);
    expect(events.map((e) => e.event)).toEqual(["delta", "delta", "delta", "answer", "recorded"]);
    const draft = events
      .filter((e) => e.event === "delta")
      .map((e) => (JSON.parse(e.data) as { text: string }).text)
      .join("");
    const answer = JSON.parse(events[3]!.data) as { answer: string };
    expect(draft).toBe(answer.answer);
    expect(Object.keys(answer).sort()).toEqual(ASK_JSON_KEYS);
  });

  it("stores 👍/👎 on a page answer in the same records as the bot's, one vote per answer", async () => {
    const answerId = (await post(`${server.url}/api/ask`, { question: FIGURE })).headers.get("x-answer-id")!;
    const before = await server.records.feedbackStats();
    for (const vote of ["up", "down"]) expect((await post(`${server.url}/api/feedback`, { answerId, vote })).status).toBe(200);
    const after = await server.records.feedbackStats();
    // The second vote replaced the first.
    expect(after.down - before.down).toBe(1);
    expect(after.up - before.up).toBe(0);
    expect(after.recentDown[0]).toMatchObject({ question: FIGURE });
    const unknown = await post(`${server.url}/api/feedback`, { answerId: "nope", vote: "up" });
    expect(unknown.status).toBe(404);
  });

  it("earlier questions make the conversation, so a follow-up is asked with its history", async () => {
    assistant.asked.length = 0;
    await post(`${server.url}/api/ask`, { question: "那东湖区呢？", history: [FIGURE] });
    expect(assistant.asked).toEqual([{ question: "那东湖区呢？", turnsBefore: 1 }]);
  });

  it("region and year filters scope the question unless it names its own", async () => {
    assistant.asked.length = 0;
    await post(`${server.url}/api/ask`, { question: "共收到多少件行政复议申请？", filters: { region: "鱼峰区", year: 2023 } });
    await post(`${server.url}/api/ask`, { question: "东湖区有哪些调解做法？", filters: { region: "鱼峰区" } });
    expect(assistant.asked.map((a) => a.question)).toEqual(["鱼峰区2023年共收到多少件行政复议申请？", "东湖区有哪些调解做法？"]);
  });

  it("lists reports, shows one, and opens a cited section by id", async () => {
    const reports = (await (await fetch(`${server.url}/api/reports`)).json()) as { id: string }[];
    expect(reports.map((r) => r.id)).toEqual(["yufeng-2023", "donghu-2022"]);
    const one = await fetch(`${server.url}/api/reports/donghu-2022`);
    expect(((await one.json()) as { region: string }).region).toBe("东湖区");
    const section = (await (await fetch(`${server.url}/api/sections/yufeng-2023-4`)).json()) as { text: string; path: string[] };
    expect(section.text).toContain("全区共收到行政复议申请70件");
    expect(section.path).toHaveLength(2);
    for (const path of ["/api/reports/nope", "/api/sections/nope"]) {
      const missing = await fetch(`${server.url}${path}`);
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as { error: { message: string } }).error.message).toContain("nope");
    }
  });

  it("exports an answer as a Word document and as Markdown", async () => {
    const answer = await (await post(`${server.url}/api/ask`, { question: FIGURE })).json();
    const docx = await post(`${server.url}/api/export`, { format: "docx", answer });
    expect(docx.headers.get("content-type")).toContain("wordprocessingml");
    expect(docx.headers.get("content-disposition")).toContain(".docx");
    expect(
      Buffer.from(await docx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe("PK");
    const md = await post(`${server.url}/api/export`, { format: "markdown", answer });
    const text = await md.text();
    expect(text).toContain(`# ${FIGURE}`);
    expect(text).toMatch(/- \[1\] 鱼峰区 2023年 · .*：“.*70件/);
  });

  describe("bad input gets the right status, a Chinese message, and the server keeps serving", () => {
    const cases: [string, () => Promise<Response>, number, RegExp][] = [
      ["malformed JSON", () => post(`${server.url}/api/ask`, "{question:"), 400, /不是有效的 JSON/],
      ["a wrong type", () => post(`${server.url}/api/ask`, { question: 42 }), 400, /question/],
      ["an empty question", () => post(`${server.url}/api/ask`, { question: "  " }), 400, /问题不能为空/],
      ["a too long question", () => post(`${server.url}/api/ask`, { question: "问".repeat(1001) }), 400, /问题太长/],
      ["a 1 MB body", () => post(`${server.url}/api/ask`, { question: "x".repeat(1024 * 1024) }), 413, /请求体太大/],
      ["an unknown route", () => fetch(`${server.url}/api/nothing`), 404, /没有这个地址/],
      ["a wrong method", () => fetch(`${server.url}/api/ask`), 404, /没有这个地址/],
      [
        "a text body",
        () => fetch(`${server.url}/api/ask`, { method: "POST", headers: { "content-type": "text/plain" }, body: "hi" }),
        400,
        /请求体有误/,
      ],
      ["a bad export format", () => post(`${server.url}/api/export`, { format: "pdf", answer: {} }), 400, /format/],
    ];
    it.each(cases)("%s", async (_name, send, status, message) => {
      const response = await send();
      expect(response.status).toBe(status);
      const body = (await response.json()) as { error: { message: string; type: string; code: string } };
      expect(body.error.message).toMatch(message);
      expect(body.error.type).toBeTruthy();
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    });

    it("the body limit is well below 1 MB", () => expect(BODY_LIMIT).toBeLessThan(1024 * 1024));
  });
});

describe("a notice with the answer", () => {
  class FallbackAssistant extends FakeAssistant {
    override async *askStream(question: string) {
      const answer = await this.ask(question);
      yield { type: "answer" as const, answer: { ...answer, notice: "大模型服务出错，以下是离线检索的回答。" } };
    }
  }
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(new FallbackAssistant());
  });
  afterAll(() => server.stop());

  it("comes as its own event, so the answer event stays the ask --json object", async () => {
    const events = await readEvents(await post(`${server.url}/api/ask`, { question: FIGURE, stream: true }));
    expect(events.map((e) => e.event)).toEqual(["notice", "answer", "recorded"]);
    expect(JSON.parse(events[0]!.data)).toEqual({ notice: "大模型服务出错，以下是离线检索的回答。" });
    expect(Object.keys(JSON.parse(events[1]!.data) as object).sort()).toEqual(ASK_JSON_KEYS);
  });
});
