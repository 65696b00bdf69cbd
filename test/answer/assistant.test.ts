import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newConversation } from "../../src/answer/answer.js";
import type { Assistant } from "../../src/answer/assistant.js";
import { createAssistant } from "../../src/answer/create-assistant.js";
import { loadConfig } from "../../src/config.js";
import { expectGrounded } from "./grounded.js";

let assistant: Assistant;
let indexDir: string;

beforeAll(async () => {
  indexDir = mkdtempSync(join(tmpdir(), "assistant-test-"));
  assistant = await createAssistant({ config: loadConfig({}), corpusDir: "corpus", indexDir });
}, 120_000);

afterAll(() => rmSync(indexDir, { recursive: true, force: true }));

describe("Assistant, offline (extractive)", () => {
  it("answers a figure question with the exact figure and its section", async () => {
    const answer = await assistant.ask("鱼峰区2023年共收到多少件行政复议申请？");
    expect(answer.status).toBe("answered");
    expect(answer.mode).toBe("extractive");
    expect(answer.answer).toContain("70件");
    expect(answer.citations[0]?.region).toBe("鱼峰区");
    expect(answer.citations[0]?.year).toBe(2023);
    expect(answer.citations[0]?.path).toEqual(["一、法治政府建设主要措施和工作成效", "(三)示范创建和法治监督双向发力"]);
    expectGrounded(assistant, answer);
  });

  it("follows up 那水磨沟区呢？ within a conversation", async () => {
    const conversation = newConversation();
    await assistant.ask("鱼峰区2023年共收到多少件行政复议申请？", conversation);
    const answer = await assistant.ask("那水磨沟区呢？", conversation);
    expect(answer.status).toBe("answered");
    expect(answer.answer).toContain("133件");
    expect(answer.citations.length).toBeGreaterThan(0);
    expect(answer.citations.every((c) => c.region === "水磨沟区")).toBe(true);
    expectGrounded(assistant, answer);
    expect(conversation.turns).toHaveLength(2);
  });

  it("keeps the last 10 turns of a conversation", async () => {
    const conversation = newConversation();
    for (let i = 0; i < 12; i++)
      await assistant.ask(i % 2 ? "那水磨沟区呢？" : "鱼峰区2023年共收到多少件行政复议申请？", conversation);
    expect(conversation.turns).toHaveLength(10);
    expect(conversation.turns.at(-1)?.question).toBe("那水磨沟区呢？");
  });

  it("answers a practice question from the right report", async () => {
    const answer = await assistant.ask("东湖区的“佬倌俚”工作室是什么？");
    expect(answer.status).toBe("answered");
    expect(answer.answer).toContain("佬倌俚");
    expect(answer.citations.length).toBeGreaterThan(0);
    expect(answer.citations.every((c) => c.region === "东湖区")).toBe(true);
    expectGrounded(assistant, answer);
  });

  it("writes a meeting outline over every report in scope, every point cited", async () => {
    const answer = await assistant.ask("汇总各区行政复议工作情况，用于会议发言");
    expect(answer.status).toBe("answered");
    expect(answer.kind).toBe("outline");
    expect(answer.answer.split("\n")[0]).toMatch(/^范围：资料库全部5份报告/);
    const regions = new Set(answer.citations.map((c) => c.region));
    expect(regions).toEqual(new Set(["东湖区", "安居区", "澄海区", "鱼峰区", "水磨沟区"]));
    expect(answer.answer).toMatch(/一、[^\n]+\n（一）/);
    expectGrounded(assistant, answer);
  });

  it.each(["鱼峰区2023年的GDP是多少？", "朝阳区2023年共收到多少件行政复议申请？", "鱼峰区2030年共收到多少件行政复议申请？"])(
    "says the library does not answer %s",
    async (question) => {
      const answer = await assistant.ask(question);
      expect(answer.status).toBe("not_found");
      expect(answer.citations).toEqual([]);
      expect(answer.answer).toMatch(/没有/);
      expect(answer.answer).not.toMatch(/\[\d+\]/);
    },
  );

  it("lists the library and opens sections by id", () => {
    const reports = assistant.reports();
    expect(reports.map((r) => r.region).sort()).toEqual(["东湖区", "安居区", "水磨沟区", "澄海区", "鱼峰区"]);
    const stats = assistant.stats();
    expect(stats.reports).toBe(5);
    expect(stats.mode).toBe("extractive");
    expect(assistant.section("no-such-section")).toBeNull();
  });
});
