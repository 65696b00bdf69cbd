import OpenAI, { APIError } from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MODEL_ID } from "../../src/server/openai-routes.js";
import { FakeAssistant } from "../bot/fake-assistant.js";
import { startTestServer, type TestServer } from "./harness.js";

/** The official openai client, unchanged, against the real server on 127.0.0.1. */

const FIGURE = "鱼峰区2023年共收到多少件行政复议申请？";
const KEY = "test-key-0123456789abcdef";

describe("OpenAI-compatible API", () => {
  let server: TestServer;
  let assistant: FakeAssistant;
  let client: OpenAI;

  beforeAll(async () => {
    assistant = new FakeAssistant();
    server = await startTestServer(assistant, { API_KEYS: KEY });
    client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: KEY, maxRetries: 0 });
  });
  afterAll(() => server.stop());

  it("lists one model", async () => {
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual([MODEL_ID]);
  });

  it("answers with Markdown carrying [n] markers and a 出处 list, with usage and structured citations", async () => {
    const completion = await client.chat.completions.create({ model: MODEL_ID, messages: [{ role: "user", content: FIGURE }] });
    expect(completion.object).toBe("chat.completion");
    const content = completion.choices[0]!.message.content!;
    expect(content).toContain("70件");
    expect(content).toMatch(/\[1\]/);
    expect(content).toContain("**出处**");
    expect(content).toMatch(/- \[1\] 鱼峰区 2023年 · .*“/);
    expect(completion.choices[0]!.finish_reason).toBe("stop");
    expect(completion.usage!.completion_tokens).toBeGreaterThan(10);
    expect(completion.usage!.total_tokens).toBe(completion.usage!.prompt_tokens + completion.usage!.completion_tokens);
    const extra = completion as unknown as { citations: { sectionId: string }[] };
    expect(extra.citations[0]!.sectionId).toBe("yufeng-2023-4");
  });

  it("streams chat.completion.chunk events whose content adds up to the plain reply", async () => {
    const plain = await client.chat.completions.create({ model: MODEL_ID, messages: [{ role: "user", content: FIGURE }] });
    const stream = await client.chat.completions.create({
      model: MODEL_ID,
      messages: [{ role: "user", content: FIGURE }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let content = "";
    const finishes: (string | null)[] = [];
    let usage: OpenAI.CompletionUsage | undefined;
    let chunks = 0;
    for await (const chunk of stream) {
      chunks += 1;
      expect(chunk.object).toBe("chat.completion.chunk");
      content += chunk.choices[0]?.delta.content ?? "";
      if (chunk.choices[0]) finishes.push(chunk.choices[0].finish_reason);
      usage = chunk.usage ?? usage;
    }
    expect(chunks).toBeGreaterThan(3);
    expect(content).toBe(plain.choices[0]!.message.content);
    expect(finishes.at(-1)).toBe("stop");
    expect(usage?.completion_tokens).toBe(plain.usage!.completion_tokens);
  });

  it("the stream ends in data: [DONE]", async () => {
    const response = await fetch(`${server.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${KEY}` },
      body: JSON.stringify({ model: MODEL_ID, stream: true, messages: [{ role: "user", content: FIGURE }] }),
    });
    expect((await response.text()).trimEnd().endsWith("data: [DONE]")).toBe(true);
  });

  it("takes earlier user turns as the conversation, so follow-ups work; system prompts are ignored", async () => {
    assistant.asked.length = 0;
    await client.chat.completions.create({
      model: MODEL_ID,
      messages: [
        { role: "system", content: "你是一个助手" },
        { role: "user", content: FIGURE },
        { role: "assistant", content: "鱼峰区……70件[1]" },
        { role: "user", content: [{ type: "text", text: "那东湖区呢？" }] },
      ],
    });
    expect(assistant.asked).toEqual([{ question: "那东湖区呢？", turnsBefore: 1 }]);
  });

  it("errors have OpenAI's shape and status, which the client turns into its error classes", async () => {
    await expect(
      client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: FIGURE }] }),
    ).rejects.toMatchObject({
      status: 404,
      code: "model_not_found",
    });
    await expect(
      client.chat.completions.create({ model: MODEL_ID, messages: [{ role: "assistant", content: "hi" }] }),
    ).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    await expect(client.chat.completions.create({ model: MODEL_ID, messages: [] })).rejects.toMatchObject({ status: 400 });
    const stranger = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: "wrong-key-0123456789abcdef", maxRetries: 0 });
    await expect(stranger.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    const error = await stranger.models.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).message).toContain("访问密钥无效");
    expect((error as APIError).type).toBe("authentication_error");
  });
});
