import type { Report } from "../../corpus/report.js";
import { CitationList } from "../citations.js";
import { inReadingOrder, type ScoredItem, scoreItems } from "../evidence.js";
import { chineseNumber, listOf, reportLabel, scopeLine } from "../frame.js";
import { itemQuote } from "../items.js";
import { outlineOf } from "../report-outline.js";
import { figuresIn } from "../sentences.js";
import { answered, type ComposeInput, type Draft, themeWords } from "./draft.js";
import { keyLine, subHeadings } from "./overview.js";
import { partItems } from "./part-items.js";
import { refusal } from "./refusal.js";
import { itemLines, onTheme, reportsToCover, themedSelection } from "./themed.js";

/** Points per report in each part of an outline over several reports; one report gets more. */
const PER_REPORT = 2;
const ONE_REPORT = 6;
/** A named initiative: “佬倌俚”工作室, “1+3”多元解纷模式, 「…」. */
const NAMED = /[“「][^”」]{2,16}[”」]/;

interface Part {
  title: string;
  points: string[];
}

/**
 * 写一份会议发言提纲: a numbered outline over every report in scope — 主要成效 · 经验做法 · 存在问题 ·
 * 下一步打算, or, when a theme is named, 做法和成效 · 问题 · 打算 on that theme — opening with one line
 * that states the scope and naming the reports silent on the theme. Every point is cited.
 */
export function composeOutline(input: ComposeInput): Draft {
  const reports = reportsToCover(input);
  if (reports.length === 0) return refusal(input, { why: "silent" });
  const themed = input.theme.terms.length > 0;
  const citations = new CitationList();
  const one = reports.length === 1;
  const per = one ? ONE_REPORT : PER_REPORT;

  const measures = themed ? themedMeasures(reports, input, citations, per) : achievements(reports, citations, one);
  const practices = themed ? null : highlights(reports, citations, one ? 4 : 1);
  const problems = partPoints(reports, "problems", input, citations, per);
  const plans = partPoints(reports, "plans", input, citations, per);
  const parts: Part[] = [
    { title: themed ? "主要做法和成效" : "主要成效", points: measures.points },
    ...(practices ? [{ title: "经验做法", points: practices }] : []),
    { title: "存在的问题", points: problems.points },
    { title: "下一步打算", points: plans.points },
  ].filter((p) => p.points.length > 0);
  if (measures.points.length === 0) return refusal(input, { why: "silent" });

  const topic = themeWords(input);
  const silentOnTheme = themed ? reports.filter((r) => measures.silent.includes(r)) : [];
  const scope =
    scopeLine(reports, input.library) +
    (silentOnTheme.length ? `${listOf(silentOnTheme.map(reportLabel))}报告未提及“${topic}”。` : "");
  const body = parts.map((p, i) => `${chineseNumber(i + 1)}、${p.title}\n${p.points.join("\n")}`);
  const notes = [problems, plans]
    .filter((p) => themed && p.silent.length > 0 && p.points.length > 0)
    .map((p) => `（${listOf(p.silent.map(reportLabel))}报告的${p === problems ? "问题" : "下一步安排"}部分未涉及“${topic}”。）`);
  return answered("outline", [scope, ...body, ...notes].join("\n"), citations);
}

/** 主要成效: each report's main headings with their key sentences. */
function achievements(reports: Report[], citations: CitationList, one: boolean): { points: string[]; silent: Report[] } {
  const points: string[] = [];
  let n = 0;
  for (const report of reports) {
    const nodes = outlineOf(report, ["measures"]);
    const lines = nodes.slice(0, one ? nodes.length : 3).flatMap((node) => {
      const key = keyLine(report, node, citations);
      return key ? [`${node.heading}${one ? subHeadings(node) : ""}：${key}`] : [];
    });
    if (one) points.push(...lines.map((l) => `（${chineseNumber(++n)}）${l.replace(/^[一二三四五六七八九十]+[、.．]|^[(（][一二三四五六七八九十]+[)）]/, "")}`));
    else if (lines.length) points.push(`（${chineseNumber(++n)}）${reportLabel(report)}：${lines.join("；")}`);
  }
  return { points, silent: [] };
}

/** 经验做法: the items that name an initiative of their own (“…”工作室, 「…」模式), preferring those with a figure. */
function highlights(reports: Report[], citations: CitationList, per: number): string[] {
  const points: string[] = [];
  let n = 0;
  for (const report of reports) {
    const items = scoreItems(report, { terms: [], facets: [], context: [] }, ["measures"])
      .filter((s) => NAMED.test(s.item.span.text) && !citedAlready(s, citations))
      .map((s) => ({ ...s, score: (figuresIn(s.item.span.text).length ? 1 : 0) + (s.item.numbered ? 0.5 : 0) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, per);
    const lines = inReadingOrder(items).map((s) => cite(s, citations));
    if (lines.length === 0) continue;
    if (reports.length === 1) points.push(...lines.map((l) => `（${chineseNumber(++n)}）${l}`));
    else points.push(`（${chineseNumber(++n)}）${reportLabel(report)}：${lines.join("；")}`);
  }
  return points;
}

function citedAlready(s: ScoredItem, citations: CitationList): boolean {
  const quote = itemQuote(s.item);
  return citations.items.some((c) => c.sectionId === s.item.section.id && (c.quote.includes(quote.text.slice(0, 20)) || quote.text.includes(c.quote.slice(0, 20))));
}

function cite(s: ScoredItem, citations: CitationList): string {
  return citations.quote({ report: s.report, section: s.item.section }, itemQuote(s.item));
}

/** 做法和成效 on the theme: each report's items on it. */
function themedMeasures(
  reports: Report[],
  input: ComposeInput,
  citations: CitationList,
  per: number,
): { points: string[]; silent: Report[] } {
  const points: string[] = [];
  const silent: Report[] = [];
  let n = 0;
  for (const report of reports) {
    const found = onTheme(report, input.theme, ["measures", "intro", "other"]);
    const items = reports.length === 1 ? themedSelection(report, found, per, 2).items : found.slice(0, per);
    if (items.length === 0) {
      silent.push(report);
      continue;
    }
    const lines = itemLines(items, input.theme, citations);
    if (reports.length === 1) points.push(...lines.map((l) => `（${chineseNumber(++n)}）${l}`));
    else points.push(`（${chineseNumber(++n)}）${reportLabel(report)}：${lines.join("；")}`);
  }
  return { points, silent };
}

/** 存在的问题 / 下一步打算: each report's items of that part (on the theme, when one is named). */
function partPoints(
  reports: Report[],
  part: "problems" | "plans",
  input: ComposeInput,
  citations: CitationList,
  per: number,
): { points: string[]; silent: Report[] } {
  const points: string[] = [];
  const silent: Report[] = [];
  let n = 0;
  for (const report of reports) {
    const items = partItems(report, part, input).slice(0, per);
    if (items.length === 0) {
      silent.push(report);
      continue;
    }
    const lines = items.map((it) => citations.quote(it, it.quote));
    if (reports.length === 1) points.push(...lines.map((l) => `（${chineseNumber(++n)}）${l}`));
    else points.push(`（${chineseNumber(++n)}）${reportLabel(report)}：${lines.join("；")}`);
  }
  return { points, silent };
}
