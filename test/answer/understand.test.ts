import { beforeAll, describe, expect, it } from "vitest";
import type { Turn } from "../../src/answer/answer.js";
import { LibraryFacts } from "../../src/answer/library-facts.js";
import { turnOf, understand } from "../../src/answer/understand.js";
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

function turnAfter(question: string, previous?: Turn): Turn {
  return turnOf(read(question, previous));
}

describe("understand: kinds of question, from their shape", () => {
  it("reads kind, filters and topic from a figure question", () => {
    const u = read("鱼峰区2023年共收到多少件行政复议申请？");
    expect(u.kind).toBe("figure");
    expect(u.unit).toBe("件");
    expect(u.filters.regions).toEqual(["鱼峰区"]);
    expect(u.filters.years).toEqual([2023]);
    expect(u.topic).toContain("行政复议");
    expect(u.topic).not.toMatch(/鱼峰|2023|多少/);
    expect(u.outOfLibrary).toBeNull();
  });

  it.each([
    ["东湖区有哪些好的经验做法值得学习？", "practices"],
    ["安居区是怎么抓领导干部学法的？", "practices"],
    ["澄海区司法局2023年主要干了哪些事？简要介绍一下。", "overview"],
    ["帮我写一份会议发言提纲，讲讲鱼峰区2023年法治政府建设的成效", "outline"],
    ["按成绩、问题、明年打算三块给我列几条要点", "outline"],
    ["东湖区和鱼峰区的双随机检查情况对比一下", "comparison"],
    ["哪个区的行政复议案件最多？", "ranking"],
    ["几个区里谁收到的行政复议申请最多？排一下。", "ranking"],
    ["鱼峰区2023年存在哪些问题？", "problems"],
    ["鱼峰区自己说还差在哪儿？", "problems"],
    ["澄海区基层普法宣传存在哪些问题？我要写进会议材料", "problems"],
    ["水磨沟区2025年营商环境这块打算咋弄？", "plans"],
    ["水磨沟区行政机关负责人出庭应诉率是多少？", "figure"],
  ])("%s → %s", (question, kind) => {
    expect(read(question).kind).toBe(kind);
  });

  it("does not take scope words or request words for a figure question", () => {
    expect(read("汇总几个区下一步在公共法律服务上的计划").kind).toBe("plans");
    expect(read("水磨沟区抓关键少数学法的成绩，帮我列几条汇报要点").kind).toBe("outline");
    expect(read("帮我把鱼峰区数字政府建设的成效整理成汇报材料").kind).toBe("outline");
  });

  it("tells questions about several reports from questions about one", () => {
    expect(read("各区在述法工作上有哪些做法？").across).toBe(true);
    expect(read("东湖区和鱼峰区在重点领域执法上的做法").across).toBe(true);
    expect(read("鱼峰区2023年共收到多少件行政复议申请？").across).toBe(false);
  });

  it("keeps only what the question is about in its topic", () => {
    expect(read("南昌东湖区在行政应诉这块有啥好做法？").topic).toBe("行政应诉");
    expect(read("东湖区2022年法治政府建设的成效，帮我列个汇报提纲").topic).toBe("");
    // 办件量 is not a word of the reports, 办件 is; 咋弄 is chat.
    expect(read("安居区16年行权事项网上运行，办件量有多少？").topic).toContain("办件");
    expect(read("水磨沟区2025年营商环境这块打算咋弄？").topic).toBe("营商环境");
  });

  it("splits a topic that joins two things into facets", () => {
    expect(read("鱼峰区规范性文件和重大决策是怎么管的？").topic).toBe("规范性文件 | 重大 决策");
  });
});

describe("understand: years and places the library does not hold", () => {
  it.each([
    ["朝阳区2023年共收到多少件行政复议申请？", "朝阳区"],
    ["南昌西湖区2022年行政复议收了多少件？", "西湖区"],
    ["鱼峰区2030年共收到多少件行政复议申请？", "2030"],
  ])("knows the library cannot answer %s", (question, named) => {
    expect(JSON.stringify(read(question).outOfLibrary)).toContain(named);
  });

  it("reads two-digit years", () => {
    expect(read("安居区16年收到多少行政复议申请？").filters.years).toEqual([2016]);
  });

  it("answers next year's plans from this year's report", () => {
    const u = read("水磨沟区2025年工作安排有哪些？");
    expect(u.outOfLibrary).toBeNull();
    expect(u.filters.years).toEqual([2024]);
  });

  it("keeps a year the report only mentions, so that the evidence must name it", () => {
    const u = read("鱼峰区2022年行政诉讼一审收了多少件？");
    expect(u.outOfLibrary).toBeNull();
    expect(u.filters.years).toEqual([]);
    expect(u.mentionedYears).toEqual([2022]);
  });

  it("does not take 各区 or 全区 for unknown places", () => {
    expect(read("汇总各区行政复议工作情况").outOfLibrary).toBeNull();
    expect(read("全区行政执法人员有多少？").outOfLibrary).toBeNull();
  });
});

describe("understand: conversations", () => {
  it("resolves 那水磨沟区呢？ to the previous question about 水磨沟区, without the old year", () => {
    const u = read("那水磨沟区呢？", turnAfter("鱼峰区2023年共收到多少件行政复议申请？"));
    expect(u.followUp).toBe(true);
    expect(u.kind).toBe("figure");
    expect(u.filters.regions).toEqual(["水磨沟区"]);
    expect(u.filters.years).toEqual([]);
    expect(u.resolved).toContain("水磨沟区");
    expect(u.resolved).toContain("行政复议");
  });

  it("keeps the report and the topic for an elliptical question of another kind", () => {
    const u = read("他们是怎么做的？", turnAfter("东湖区2022年收到多少件行政复议申请？"));
    expect(u.filters.regions).toEqual(["东湖区"]);
    expect(u.kind).toBe("practices");
    expect(u.topic).toContain("行政复议");
  });

  it("keeps the report for a new topic, with the old one as context", () => {
    const u = read("其中先复议再起诉的有几宗？", turnAfter("澄海区去年的行政官司一共多少宗？"));
    expect(u.filters.regions).toEqual(["澄海区"]);
    expect(u.topic).toContain("起诉");
    expect(u.context).toContain("官司");
  });

  it("keeps the old topic when the question points back at the last answer", () => {
    const u = read("针对这几条，明年准备咋整改？", turnAfter("水磨沟区2024年报告里说合法性审查有哪些不到位？"));
    expect(u.kind).toBe("plans");
    expect(u.topic).toContain("合法性审查");
  });

  it("starts fresh when a complete question names its own region", () => {
    const u = read("汕头澄海区2023年社区矫正一共列管了多少人？", turnAfter("鱼峰区2023年共收到多少件行政复议申请？"));
    expect(u.filters.regions).toEqual(["澄海区"]);
    expect(u.followUp).toBe(false);
    expect(u.topic).not.toContain("行政复议");
  });
});
