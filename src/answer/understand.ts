import { countDivisionNames } from "../corpus/divisions.js";
import {
  ACROSS_CUE,
  ANAPHORA,
  DIFFERENCE,
  FOLLOW_UP_OPENER,
  KIND_CUES,
  PART_CUES,
  SCOPE_NOT_FIGURE,
} from "../lexicon/question-cues.js";
import { PLANS_QUESTION } from "../lexicon/section-kinds.js";
import { askedUnit } from "../lexicon/units.js";
import { type Filters, parseFilters, settleYears } from "../search/filters.js";
import type { QuestionKind, Turn } from "./answer.js";
import { formsOf, type LibraryFacts } from "./library-facts.js";
import { topicOf } from "./topic.js";

/** What a question asks about that the library does not hold. */
export type OutOfLibrary = { places: string[]; years?: undefined } | { years: number[]; places?: undefined };

/** What the assistant makes of a question before gathering evidence: kind, scope, topic, follow-up. */
export interface Understanding {
  question: string;
  /** The question with a follow-up's missing parts filled in from the previous turn: the search query. */
  resolved: string;
  kind: QuestionKind;
  /** Whether the answer covers every report in scope (各区, 汇总, two regions named, a ranking …). */
  across: boolean;
  filters: Filters;
  /** The question minus places, years, kind words and fillers: what it is about (words, space-separated). */
  topic: string;
  /** A follow-up's earlier topic, which helps choose among sentences but is not required. */
  context: string;
  followUp: boolean;
  /**
   * Whether the topic is the previous turn's, taken for a question that asks a new kind of thing about it
   * (那存在哪些问题？ after a 行政复议 figure): when nothing on that topic answers, the report as a whole may.
   */
  topicInherited: boolean;
  /** Whether the question says what kind of answer it wants (做法, 多少, 提纲 …) rather than leaving it to be guessed. */
  cued: boolean;
  /**
   * Years asked about that no report in scope is about, but that a report mentions (its 2023 report
   * tells of the 2022年度述法工作会议): the evidence must name the year itself.
   */
  mentionedYears: number[];
  /** Whether the question asks for figures (多少, 比例 …), whatever its kind (对比各区的数量). */
  figure: boolean;
  /** The measure word asked in (多少件 → 件, 比例 → %). */
  unit: string | null;
  /** Set when the library cannot hold the answer: the places or years it lacks. */
  outOfLibrary: OutOfLibrary | null;
}

/** Two-digit years as people type them: 16年 → 2016 (not 16年来, 16年间). */
const SHORT_YEAR = /(?<![\d.])([12]\d)年(?![来以间多内前后底初末度])/g;
/** Tokens that end like a place name but are not one (全区, 各区, 社区 …). */
const NOT_A_PLACE =
  /^(?:[全各我本该辖城园社地两市县区省街镇乡村郊片景校哪几这那每]|示范|试点|开发|功能|营商|服务|政务|涉农|非涉农|行政|中国|全国|我国|国家|国内|国外|境外|境内|辖区|城区|景区|园区|片区|社区|街区)/;

/**
 * Place names the question mentions: the names of China's divisions in it (沅江市, 西湖区), and the words
 * jieba tags as places or that end like a district (鱼峰区-like words it leaves untagged).
 */
function placesIn(question: string, facts: LibraryFacts): string[] {
  const places = facts.segmenter
    .tag(question)
    .filter(({ word, tag }) => (tag === "ns" || (word.length >= 3 && /(?:区|县|旗)$/.test(word))) && !NOT_A_PLACE.test(word))
    .map(({ word }) => word);
  return [...new Set([...countDivisionNames(question).keys(), ...places])];
}

/** `t` is the question without its scope words (几个区), which are no figure cue. */
function detectKind(t: string, regionsNamed: number): { kind: QuestionKind; cued: boolean } {
  // 安居和鱼峰…做法上差在哪: with two places named, 差在哪 asks how they differ, not what falls short.
  if (regionsNamed >= 2 && (KIND_CUES.comparison.test(t) || DIFFERENCE.test(t))) return { kind: "comparison", cued: true };
  // 东湖区…在全市排第几: the rank a report gives itself is a figure, not a ranking of the library's reports.
  if (regionsNamed === 1 && KIND_CUES.ranking.test(t) && !ACROSS_CUE.test(t) && !KIND_CUES.comparison.test(t))
    return { kind: "figure", cued: true };
  // 按成绩、问题、打算三块列要点 / 问题和明年计划也带上: a request for several parts of a report is an outline.
  const parts = Object.values(PART_CUES).filter((cue) => cue.test(t)).length;
  if (parts >= 2 && KIND_CUES.outline.test(t) && !KIND_CUES.figure.test(t)) return { kind: "outline", cued: true };
  for (const kind of ["ranking", "comparison", "figure", "problems", "plans", "outline", "overview", "practices"] as const) {
    if (KIND_CUES[kind].test(t)) return { kind, cued: true };
  }
  return { kind: "practices", cued: false };
}

function shortYears(text: string): number[] {
  return [...text.matchAll(SHORT_YEAR)].map((m) => 2000 + Number(m[1]));
}

export function understand(question: string, previous: Turn | undefined, facts: LibraryFacts): Understanding {
  const q = question.trim();
  const text = q.normalize("NFKC");
  const parsed = parseFilters(text, facts.catalog);
  const places = placesIn(text, facts);
  const own: Filters = { ...parsed, years: [...new Set([...parsed.years, ...shortYears(text)])].sort() };
  const unknownPlaces = places.filter((p) => !facts.knowsPlace(p));
  const regions = regionsMeant(text, own.regions, unknownPlaces, facts);
  const asked = text.replace(SCOPE_NOT_FIGURE, " ");
  const { kind: ownKind, cued } = detectKind(asked, regions.length);
  let kind = ownKind;
  const ownAcross = ACROSS_CUE.test(text) || regions.length >= 2 || kind === "ranking";
  let across = ownAcross;
  let topic = topicOf(text, own, places, facts);
  let context = "";
  let filters: Filters = { ...own, regions };
  let followUp = false;
  let topicInherited = false;

  if (previous) {
    const named = regions.length > 0 || unknownPlaces.length > 0;
    // 那水磨沟区呢？ has no topic of its own; 罚了多少钱？ has one (罚 stands for 罚款).
    const elliptical = !topic.split(/[\s|]+/).some((w) => w.length >= 2 || formsOf(w).length > 1);
    // 各区有哪些问题？ names no place or year but asks across reports in its own right: a fresh question.
    const freshAcross = ownAcross && cued && !named && own.years.length === 0 && !FOLLOW_UP_OPENER.test(text);
    if (elliptical && !freshAcross) {
      // 那水磨沟区呢？ / 他们怎么做的？ — the previous question, asked again about the new place, year or kind.
      followUp = true;
      topic = previous.topic;
      if (!cued) kind = previous.kind;
      topicInherited = cued && kind !== previous.kind;
      const changedRegion = named && regions.join() !== previous.regions.join();
      across = ownAcross || (!named && previous.across);
      filters = {
        regions: named ? regions : previous.regions,
        // A new region keeps the old year only when the user repeats it: reports differ in year.
        years: own.years.length ? own.years : changedRegion ? [] : previous.years,
        issuers: own.issuers.length || named ? own.issuers : previous.issuers,
      };
    } else if (!named && !ownAcross) {
      // 其中先复议再起诉的有几宗？ — a new topic about the same report(s); the old topic helps choose.
      // 针对这几条，明年准备咋整改？ — pointing back keeps the old topic as the topic.
      followUp = true;
      if (ANAPHORA.test(text)) topic = [previous.topic, topic].filter(Boolean).join(" | ");
      else context = previous.topic;
      across = previous.across;
      filters = {
        regions: previous.regions,
        years: own.years.length ? own.years : previous.years,
        issuers: own.issuers.length ? own.issuers : previous.issuers,
      };
    }
  }
  const place = filters.regions.join("、");
  const resolved = followUp ? `${place}${filters.years.map((y) => `${y}年`).join("、")}${context} ${topic}`.trim() : q;
  const years = settleYears(filters, facts.reports, kind === "plans" || PLANS_QUESTION.test(text));
  return {
    question: q,
    resolved,
    kind,
    across,
    filters: { ...filters, years: years.years },
    topic,
    context,
    followUp,
    topicInherited,
    cued: cued || followUp,
    mentionedYears: years.mentioned,
    figure: KIND_CUES.figure.test(asked) || (followUp && !cued && previous?.kind === "figure"),
    unit: askedUnit(asked),
    outOfLibrary:
      unknownPlaces.length && regions.length === 0
        ? { places: unknownPlaces }
        : years.missing.length
          ? { years: years.missing }
          : null,
  };
}

/** What a conversation keeps of a turn for the next question. */
export function turnOf(u: Understanding): Turn {
  return {
    question: u.question,
    resolved: u.resolved,
    kind: u.kind,
    across: u.across,
    regions: u.filters.regions,
    years: u.filters.years,
    issuers: u.filters.issuers,
    topic: u.topic,
  };
}

/**
 * The regions a question is about. A district the library lacks, named beside its city (南昌西湖区),
 * is not answered by the city's district that the library has (东湖区).
 */
function regionsMeant(text: string, matched: string[], unknownPlaces: string[], facts: LibraryFacts): string[] {
  const unknownDistrict = unknownPlaces.some((p) => /(?:区|县|旗)$/.test(p) && p.length >= 2);
  if (!unknownDistrict) return matched;
  return matched.filter((region) =>
    facts.catalog.aliases.some(
      (a) => a.regions.includes(region) && facts.namesRegionItself(a.alias, region) && text.includes(a.alias),
    ),
  );
}
