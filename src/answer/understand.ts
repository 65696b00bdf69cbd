import type { Report } from "../corpus/report.js";
import type { Segmenter } from "../search/segmenter.js";
import { type Catalog, type Filters, parseFilters, settleYears } from "../search/filters.js";
import type { Intent, Turn } from "./answer.js";

/** What the assistant makes of a question before retrieving: intent, filters, topic, follow-up resolution. */

export interface Understanding {
  question: string;
  /** The question with a follow-up's missing parts filled in from the previous turn. */
  resolved: string;
  intent: Intent;
  /** Cross-report request (汇总/对比/各区…): the answer is grouped per report. */
  crossReport: boolean;
  filters: Filters;
  /** The question minus places, years and question words: what it is about. */
  topic: string;
  followUp: boolean;
  /** Set when the library cannot hold the answer (a region or year it lacks): the reason, in Chinese. */
  outOfLibrary: string | null;
}

const INTENT_RULES: [Intent, RegExp][] = [
  // 发现了多少个问题 asks for a figure, so figures are recognised before problems.
  ["figure", /多少|几[件个项次名人家起宗场期份条批所]|几起|几次|几个|数量|最多|最少|最高|最低|排名|比例|比率|[^效]率(?:是|为|达|有|多|\?|？|$)|金额|多大|占比|百分之|几成|总数|人数|件数/],
  ["problems", /问题|不足|短板|差距|薄弱|困难|欠缺|不到位/],
  ["plans", /下一步|计划|打算|安排|明年|今后|未来|将要|将会|准备|规划/],
  ["practice", /做法|措施|举措|经验|怎么|如何|怎样|是什么|有哪些|介绍|特色|亮点|创新|工作室|机制|制度/],
];

const CROSS = /各区|各地|各县|各个|哪些区|哪些地区|哪个区|哪几个|所有报告|各报告|汇总|对比|比较|会议发言|分别|异同|横向|都有|几个区/;
const SUMMARY = /汇总|对比|比较|会议发言|总结|梳理|归纳|异同|横向/;

/** Words that carry no topic: question words, fillers, follow-up openers, request verbs. */
const FILLER = new Set(
  (
    "请问 请 帮我 帮忙 一下 告诉 我 说说 讲讲 介绍 有 有哪些 哪些 做法 措施 举措 经验 方面 具体 主要 工作 开展 " +
    "那么 那 呢 吗 嘛 吧 啊 呀 情况 怎么样 如何 怎样 多少 几 哪个 什么 是否 有没有 有无 是 了 共 总共 一共 " +
    "全年 当年 年度 年 里 中 在 上 关于 用于 会议 发言 汇总 对比 比较 各区 各地 分别 又 还 也 和 与 及 以及 报告 的 地 得 " +
    "期间 作为 能 可以 把 给 打 被 向 对 让 从 到 为 以 有关 相关 进行 其中 目前 现在 还有 已经 哪 哪里 谁 " +
    "数量 数目 总数 多高 多大 多长 多久 多远 多少次 一年 今年 去年 怎么 怎么回事 回事 来 下 一步 下一步 完成 了吗"
  ).split(" "),
);

/** 几件 / 几起 / 几个 …: a question word fused with its measure word. */
const HOW_MANY = /^几[\u4e00-\u9fa5]?$/;
/** 多少份文件 → jieba keeps 份文件: the measure word belongs to the question, not the topic. */
const MEASURE_PREFIX = /^[件个份名人家项次条宗场期张户所批](?=[\u4e00-\u9fa5]{2})/;

const FOLLOW_UP_OPENER = /^(那|那么|还有|另外|再说说|再问|它|他们|该区|这个区|这个地方|同样|同一|换成)/;

/** 2023年 / 2023年度 (Arabic digits, as the reports write years). */
const YEAR = /((?:19|20)\d{2})\s*年?度?/g;

/** Tokens that end like a place name but are not one (全区, 各区, 社区 …). */
const NOT_A_PLACE = /^(?:[全各我本该辖城园社地两市县区省街镇乡村郊片景校]|示范|试点|开发|功能|营商|服务|政务|涉农|非涉农|行政|中国|全国|我国|国家|国内|国外|境外|境内)/;

/** Place names the question mentions (jieba tags them `ns`; 鱼峰区-like words it leaves untagged still end in 区/县/旗). */
function placesIn(question: string, segmenter: Segmenter): string[] {
  const places = segmenter
    .tag(question)
    .filter(({ word, tag }) => (tag === "ns" || (word.length >= 3 && /(?:区|县|旗)$/.test(word))) && !NOT_A_PLACE.test(word))
    .map(({ word }) => word);
  return [...new Set(places)];
}

/** Everything the library knows about places and years, to tell "not in the library" from "not found". */
export class LibraryFacts {
  /** Every name of a place the library holds (鱼峰区, 鱼峰, 柳州市, 柳州 …), longest first. */
  readonly placeNames: string[];

  constructor(
    readonly reports: readonly Report[],
    readonly catalog: Catalog,
    readonly segmenter: Segmenter,
  ) {
    this.placeNames = catalog.aliases.map((a) => a.alias);
  }

  knowsPlace(name: string): boolean {
    return this.placeNames.some(
      (known) => name === known || name.endsWith(known) || known.endsWith(name) || (name.length >= 2 && known.startsWith(name)),
    );
  }

  yearsOf(region: string): number[] {
    return [...new Set(this.reports.flatMap((r) => (r.region === region && r.year !== null ? [r.year] : [])))].sort();
  }
}



function detectIntent(question: string, crossReport: boolean): Intent {
  for (const [intent, pattern] of INTENT_RULES) if (pattern.test(question)) return intent;
  return crossReport ? "summary" : "lookup";
}

/** Strips places, years and question words, leaving what the question is about. */
function topicOf(question: string, filters: Filters, places: string[], facts: LibraryFacts): string {
  // 法治政府建设 is what every report is about, so it narrows nothing.
  let topic = question.replace(YEAR, " ").replaceAll("法治政府建设", " ");
  for (const issuer of filters.issuers) {
    // 澄海司法局 as well as 澄海区司法局: the organ word names the issuer, not the topic.
    topic = topic.replaceAll(issuer, " ").replaceAll(issuer.replace(/^.*?[区县市旗]/, ""), " ");
  }
  for (const place of [...places, ...facts.placeNames]) topic = topic.replaceAll(place, " ");
  return facts.segmenter
    .cut(topic)
    .map((word) => word.replace(MEASURE_PREFIX, ""))
    .filter((word) => /[\u4e00-\u9fa5A-Za-z0-9]/.test(word) && !FILLER.has(word) && !HOW_MANY.test(word))
    .join(" ");
}

export function understand(question: string, previous: Turn | undefined, facts: LibraryFacts): Understanding {
  const q = question.trim();
  const own = parseFilters(q, facts.catalog);
  const places = placesIn(q, facts.segmenter);
  const crossReport = CROSS.test(q);
  let intent = detectIntent(q, crossReport);
  let topic = topicOf(q, own, places, facts);
  let filters = own;
  let resolved = q;
  let followUp = false;

  if (previous) {
    const elliptical = topic.replace(/[^\u4e00-\u9fa5A-Za-z0-9]/g, "").length < 2;
    const opener = FOLLOW_UP_OPENER.test(q);
    if (elliptical) {
      // 那水磨沟区呢？ — the previous question, asked about the new place/year.
      followUp = true;
      topic = previous.topic;
      intent = previous.intent;
      const changedRegion = own.regions.length > 0 && own.regions.join() !== previous.regions.join();
      filters = {
        regions: own.regions.length ? own.regions : previous.regions,
        // A new region keeps the old year only when the user repeats it: reports differ in year.
        years: own.years.length ? own.years : changedRegion ? [] : previous.years,
        issuers: own.issuers,
      };
    } else if (own.regions.length === 0 && !crossReport && (opener || previous.regions.length > 0)) {
      // 那存在什么问题？ — a new topic about the same report(s).
      followUp = opener || own.years.length === 0;
      if (followUp) filters = { regions: previous.regions, years: own.years.length ? own.years : previous.years, issuers: own.issuers };
    }
    if (followUp) {
      const place = filters.regions.join("、");
      const years = filters.years.map((y) => `${y}年`).join("、");
      resolved = `${place}${years}${topic}`;
    }
  }
  filters = settleYears(q, filters, facts.reports);
  // 汇总各区行政复议工作情况 is a summary; 对比各区收到的行政复议申请数量 stays a figure question,
  // 汇总各区存在的问题 a problems one — answered across reports either way.
  if ((intent === "lookup" || intent === "practice") && (crossReport || SUMMARY.test(q))) intent = "summary";

  return {
    question: q,
    resolved,
    intent,
    crossReport: crossReport || SUMMARY.test(q),
    filters,
    topic,
    followUp,
    outOfLibrary: outOfLibrary(places, filters, facts),
  };
}

function outOfLibrary(places: string[], filters: Filters, facts: LibraryFacts): string | null {
  const unknown = places.filter((p) => !facts.knowsPlace(p) && !filters.regions.some((r) => p.endsWith(r) || r.endsWith(p)));
  if (unknown.length && filters.regions.length === 0) return `资料库中没有${unknown.join("、")}的报告`;
  if (!filters.years.length) return null;
  const fits = (have: number[]) => filters.years.some((y) => have.includes(y));
  if (filters.regions.length) {
    const missing = filters.regions.filter((r) => !fits(facts.yearsOf(r)));
    if (missing.length === filters.regions.length) {
      const held = missing.map((r) => `${r}（${facts.yearsOf(r).map((y) => `${y}年`).join("、") || "无"}）`).join("、");
      return `资料库中没有${missing.join("、")}${filters.years.map((y) => `${y}年`).join("、")}的报告，现有：${held}`;
    }
    return null;
  }
  return fits(facts.catalog.years) ? null : `资料库中没有关于${filters.years.map((y) => `${y}年`).join("、")}的报告`;
}
