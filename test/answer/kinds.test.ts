import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Answer, newConversation } from "../../src/answer/answer.js";
import type { Assistant } from "../../src/answer/assistant.js";
import { createAssistant } from "../../src/answer/create-assistant.js";
import { MAX_QUESTION_CHARS } from "../../src/answer/question-check.js";
import { loadConfig } from "../../src/config.js";
import { expectGrounded } from "./grounded.js";

/** Each kind of answer on the shipped reports: its form (first sentence, scope, order, citations), not its wording. */

let assistant: Assistant;
let indexDir: string;

beforeAll(async () => {
  indexDir = mkdtempSync(join(tmpdir(), "kinds-test-"));
  assistant = await createAssistant({ config: loadConfig({}), corpusDir: "corpus", indexDir });
}, 120_000);

afterAll(() => rmSync(indexDir, { recursive: true, force: true }));

const regionsCited = (a: Answer) => new Set(a.citations.map((c) => c.region));

describe("practices and overviews", () => {
  it("answers 有哪些经验做法 with the report's own main headings, each with a cited key sentence", async () => {
    const answer = await assistant.ask("东湖区有哪些好的经验做法值得学习？");
    expect(answer.status).toBe("answered");
    for (const heading of [
      "践行习近平法治思想",
      "依法全面履行政府职能",
      "健全行政执法工作机制",
      "完善依法行政体制机制",
      "依法有效化解矛盾纠纷",
    ]) {
      expect(answer.answer).toContain(heading);
    }
    expect([...regionsCited(answer)]).toEqual(["东湖区"]);
    expect(answer.answer).toContain("存在的问题");
    expectGrounded(assistant, answer);
  });

  it("narrows practices to the theme named, with the section whose heading names it", async () => {
    const answer = await assistant.ask("安居区是怎么抓领导干部学法、提高法治素养的？");
    expect(answer.kind).toBe("practices");
    expect(answer.answer).toContain("领导干部法治素养提高");
    expect(answer.answer).toContain("会前学法");
    expect([...regionsCited(answer)]).toEqual(["安居区"]);
    expectGrounded(assistant, answer);
  });

  it("covers every report in scope for 各区 questions and names the silent ones", async () => {
    const answer = await assistant.ask("各区在述法工作上有哪些做法？");
    expect(answer.status).toBe("answered");
    expect(regionsCited(answer).size).toBeGreaterThanOrEqual(3);
    for (const region of regionsCited(answer)) expect(answer.answer).toContain(`【${region}`);
    expect(answer.answer).toMatch(/未提及/);
    expectGrounded(assistant, answer);
  });
});

describe("meeting outlines", () => {
  it("writes a numbered outline of one report: scope first, then 成效 · 问题 · 打算, every point cited", async () => {
    const answer = await assistant.ask("帮我写一份会议发言提纲，讲讲鱼峰区2023年法治政府建设的成效");
    expect(answer.kind).toBe("outline");
    const lines = answer.answer.split("\n");
    expect(lines[0]).toBe("范围：1份报告——鱼峰区2023年。");
    const parts = lines.filter((l) => /^[一二三四五六]、/.test(l));
    expect(parts.slice(0, 2)).toEqual(["一、总体情况", "二、主要成效"]);
    expect(parts.some((p) => p.includes("存在的问题"))).toBe(true);
    expect(parts.at(-1)).toMatch(/下一步打算/);
    // Every point of the outline carries a marker.
    for (const point of lines.filter((l) => /^（[一二三四五六七八九十]+）/.test(l))) expect(point).toMatch(/\[\d+\]/);
    expectGrounded(assistant, answer);
  });

  it("covers all five reports in an outline across the library", async () => {
    const answer = await assistant.ask("写一份各区法治政府建设工作的会议发言提纲");
    expect(answer.status).toBe("answered");
    expect(regionsCited(answer).size).toBe(5);
  });
});

describe("comparisons and rankings", () => {
  it("ranks one measure, answers in the first sentence, and names a different measure instead of ranking it", async () => {
    const answer = await assistant.ask("几个区里谁收到的行政复议申请最多？排一下。");
    expect(answer.kind).toBe("ranking");
    const [first, ...rest] = answer.answer.split("\n");
    expect(first).toMatch(/^澄海区司法局最多：.*247宗\[1\]/);
    expect(rest.join("\n")).toMatch(/鱼峰区2023年70件\[2\]、东湖区2022年24件\[3\]/);
    // 水磨沟区 gives 受理, not 收到: named, not ranked.
    expect(rest.join("\n")).toMatch(/水磨沟区2024年报告给出的是另一口径的数字（2024年累计受理行政复议案件133件\[\d\]）/);
    expectGrounded(assistant, answer);
  });

  it("puts the same theme side by side per region", async () => {
    const answer = await assistant.ask("对比一下东湖区和鱼峰区在重点领域执法上的做法");
    expect(answer.kind).toBe("comparison");
    expect(regionsCited(answer)).toEqual(new Set(["东湖区", "鱼峰区"]));
    expect(answer.answer.indexOf("【东湖区")).toBeLessThan(answer.answer.indexOf("【鱼峰区"));
    expectGrounded(assistant, answer);
  });
});

describe("problems and plans", () => {
  it("lists a report's problems with their count, narrowed to a theme when one is named", async () => {
    const all = await assistant.ask("东湖区2022年报告里自己说了哪些不足？");
    expect(all.kind).toBe("problems");
    expect(all.answer).toMatch(/^东湖区2022年报告列了2条问题：/);
    expect(all.citations).toHaveLength(2);
    const themed = await assistant.ask("东湖区合法性审核那块有啥问题？");
    expect(themed.citations).toHaveLength(1);
    expect(themed.citations[0]?.path.at(-1)).toContain("合法性审核");
    expectGrounded(assistant, themed);
  });

  it("answers next year's plans from the report before it", async () => {
    const answer = await assistant.ask("水磨沟区2025年营商环境这块打算咋弄？");
    expect(answer.kind).toBe("plans");
    expect(answer.answer).toContain("营商环境");
    expect(answer.citations.every((c) => c.year === 2024 && c.path[0]?.includes("2025年工作安排"))).toBe(true);
  });
});

describe("refusals", () => {
  it("does not give another year's figure for a year the library lacks, and says which year it has", async () => {
    const answer = await assistant.ask("鱼峰区2025年收到多少件行政复议申请？");
    expect(answer.status).toBe("not_found");
    expect(answer.kind).toBe("refusal");
    expect(answer.answer).toContain("没有鱼峰区2025年的报告");
    expect(answer.answer).toContain("2023年");
    expect(answer.answer).not.toContain("70");
  });

  it("says the report gives no such figure when it gives only a rate for a count", async () => {
    const answer = await assistant.ask("东湖区2022年政府当被告的官司一共多少件？");
    expect(answer.status).toBe("not_found");
    expect(answer.citations).toEqual([]);
  });

  it("refuses a theme the report never mentions, and points to the reports that do", async () => {
    const answer = await assistant.ask("水磨沟区社区矫正有哪些好的做法？");
    expect(answer.status).toBe("not_found");
    expect(answer.answer).toContain("澄海区司法局2023年");
  });
});

describe("conversation", () => {
  it("starts fresh with a complete question about another region", async () => {
    const conversation = newConversation();
    await assistant.ask("鱼峰区2023年共收到多少件行政复议申请？", conversation);
    const answer = await assistant.ask("澄海区有多少名持证执法人员？", conversation);
    expect(answer.answer).toContain("1578");
    expect([...regionsCited(answer)]).toEqual(["澄海区"]);
  });

  it("answers 那存在哪些问题？ with the report's problems when none are on the earlier topic", async () => {
    const conversation = newConversation();
    await assistant.ask("鱼峰区2023年共收到多少件行政复议申请？", conversation);
    const answer = await assistant.ask("那存在哪些问题？", conversation);
    expect(answer.kind).toBe("problems");
    expect([...regionsCited(answer)]).toEqual(["鱼峰区"]);
  });
});

describe("bad input", () => {
  it.each([
    ["empty", "", /请输入/],
    ["one character", "好", /没有看懂/],
    ["punctuation", "？", /请用中文/],
    ["emoji", "😀😀😀", /请用中文/],
    ["English", "How many administrative reconsideration cases?", /请用中文/],
    ["markup only", "<script>alert(1)</script>", /请用中文/],
    ["10,000 characters", "鱼".repeat(10_000), new RegExp(`${MAX_QUESTION_CHARS}字以内`)],
  ])("answers a %s question with a clear Chinese reply", async (_, question, reply) => {
    const answer = await assistant.ask(question);
    expect(answer.status).toBe("not_found");
    expect(answer.citations).toEqual([]);
    expect(answer.answer).toMatch(reply);
  });

  it("reads a question wrapped in markup", async () => {
    const answer = await assistant.ask("<b>鱼峰区2023年共收到多少件行政复议申请？</b>");
    expect(answer.answer).toContain("70件");
  });
});
