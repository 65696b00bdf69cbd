import { afterEach, describe, expect, it } from "vitest";
import { GatedAssistant } from "./gated-assistant.js";
import { post, readEvents, startTestServer, type TestServer } from "./harness.js";

const FIGURE = "鱼峰区2023年共收到多少件行政复议申请？";
const chat = (stream: boolean) => ({ model: "fazhi-assistant", stream, messages: [{ role: "user", content: FIGURE }] });

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("answers in flight", () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it("a client that hangs up mid-stream stops the answer, and the server keeps serving", async () => {
    const assistant = new GatedAssistant();
    server = await startTestServer(assistant);
    for (const [path, body] of [
      ["/v1/chat/completions", chat(true)],
      ["/api/ask", { question: FIGURE, stream: true }],
    ] as const) {
      const controller = new AbortController();
      const before = assistant.ended;
      const response = await fetch(`${server.url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        signal: controller.signal,
      });
      const reader = response.body!.getReader();
      await reader.read();
      controller.abort();
      assistant.release();
      await until(() => assistant.ended === before + 1);
      assistant.close();
    }
    assistant.release();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await post(`${server.url}/api/ask`, { question: FIGURE })).status).toBe(200);
  });

  it("on stop, answers in flight finish before the server closes, and new requests are refused", async () => {
    const assistant = new GatedAssistant();
    server = await startTestServer(assistant);
    const url = server.url;
    const streamed = post(`${url}/v1/chat/completions`, chat(true));
    const plain = post(`${url}/api/ask`, { question: FIGURE });
    await until(() => assistant.started === 1 && assistant.asked.length === 0);
    const stopping = server.stop();
    server = undefined;
    await new Promise((r) => setTimeout(r, 100));
    assistant.release();
    const [s, p] = await Promise.all([streamed, plain]);
    const events = await readEvents(s);
    expect(events.at(-1)!.data).toBe("[DONE]");
    expect(events.map((e) => e.data).join("")).toContain("70件");
    expect(((await p.json()) as { answer: string }).answer).toContain("70件");
    await stopping;
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it("a stop that waits too long closes the connections anyway", async () => {
    const assistant = new GatedAssistant();
    server = await startTestServer(assistant, {}, { graceMs: 200 });
    const stuck = post(`${server.url}/api/ask`, { question: FIGURE }).catch((error: Error) => error);
    await until(() => assistant.asked.length === 0 && assistant.started === 0);
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await server.stop();
    server = undefined;
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await stuck).toBeInstanceOf(Error);
    assistant.release();
  });
});
