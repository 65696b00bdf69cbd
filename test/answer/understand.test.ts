import { beforeAll, describe, expect, it } from "vitest";
import type { Turn } from "../../src/answer/answer.js";
import { LibraryFacts, understand } from "../../src/answer/understand.js";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import { buildCatalog } from "../../src/search/filters.js";
import { Segmenter } from "../../src/search/segmenter.js";

let facts: LibraryFacts;

beforeAll(async () => {
  const { reports } = await loadCorpus("corpus");
  facts = new LibraryFacts(reports, buildCatalog(reports), Segmenter.load());
});

function read(question: string, previous?: Turn) {
  return understand(question, previous, facts);
}

function turnOf(question: string): Turn {
  const u = read(question);
  return { question, resolved: u.resolved, intent: u.intent, regions: u.filters.regions, years: u.filters.years, topic: u.topic };
}

describe("understand", () => {
  it("reads intent, filters and topic from a figure question", () => {
    const u = read("鱼峰区2023年共收到多少件行政复议申请？");
    expect(u.intent).toBe("figure");
    expect(u.filters.regions).toEqual(["鱼峰区"]);
    expect(u.filters.years).toEqual([2023]);
    expect(u.topic).toContain("行政复议");
    expect(u.topic).not.toMatch(/鱼峰|2023|多少/);
    expect(u.outOfLibrary).toBeNull();
  });

  it.each([
    ["鱼峰区2023年存在哪些问题？", "problems"],
    ["澄海区2024年有什么工作计划？", "plans"],
    ["东湖区的“佬倌俚”工作室是什么？", "practice"],
    ["汇总各区行政复议工作情况，用于会议发言", "summary"],
    ["水磨沟区行政机关负责人出庭应诉率是多少？", "figure"],
  ])("%s → %s", (question, intent) => {
    expect(read(question).intent).toBe(intent);
  });

  it("marks cross-report requests", () => {
    expect(read("各区在述法工作上有哪些做法？").crossReport).toBe(true);
    expect(read("对比各区法律明白人培养情况").crossReport).toBe(true);
    expect(read("鱼峰区2023年共收到多少件行政复议申请？").crossReport).toBe(false);
  });

  it("resolves 那水磨沟区呢？ to the previous question about 水磨沟区, without the old year", () => {
    const u = read("那水磨沟区呢？", turnOf("鱼峰区2023年共收到多少件行政复议申请？"));
    expect(u.followUp).toBe(true);
    expect(u.intent).toBe("figure");
    expect(u.filters.regions).toEqual(["水磨沟区"]);
    expect(u.filters.years).toEqual([]);
    expect(u.resolved).toContain("水磨沟区");
    expect(u.resolved).toContain("行政复议");
  });

  it("keeps the report of the previous turn for a new topic asked with 那/它", () => {
    const u = read("那存在哪些问题？", turnOf("东湖区2022年收到多少件行政复议申请？"));
    expect(u.filters.regions).toEqual(["东湖区"]);
    expect(u.intent).toBe("problems");
  });

  it("does not carry filters into a question that names its own region", () => {
    const u = read("澄海区2023年收到多少件行政复议申请？", turnOf("鱼峰区2023年共收到多少件行政复议申请？"));
    expect(u.filters.regions).toEqual(["澄海区"]);
    expect(u.followUp).toBe(false);
  });

  it.each([
    ["朝阳区2023年共收到多少件行政复议申请？", "朝阳区"],
    ["鱼峰区2030年共收到多少件行政复议申请？", "2030"],
    ["海淀区的述法工作有哪些做法？", "海淀区"],
  ])("knows the library cannot answer %s", (question, named) => {
    expect(read(question).outOfLibrary).toContain(named);
  });

  it("accepts next year's plans from this year's report", () => {
    expect(read("水磨沟区2025年工作安排有哪些？").outOfLibrary).toBeNull();
  });

  it("does not take 各区 or 全区 for unknown places", () => {
    expect(read("汇总各区行政复议工作情况").outOfLibrary).toBeNull();
    expect(read("全区行政执法人员有多少？").outOfLibrary).toBeNull();
  });
});
