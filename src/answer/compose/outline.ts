import type { Report } from "../../corpus/report.js";
import { CitationList } from "../citations.js";
import { chineseNumber, listOf, reportLabel, scopeLine } from "../frame.js";
import { clip, type Located, NAMED, notableSentences } from "../items.js";
import { bareHeading, outlineOf } from "../report-outline.js";
import { sentences, type Span } from "../sentences.js";
import { answered, type ComposeInput, type Draft, themeWords } from "./draft.js";
import { keyLine, subHeadings } from "./overview.js";
import { partItems } from "./part-items.js";
import { refusal } from "./refusal.js";
import { itemLines, onTheme, reportsToCover, themedSelection } from "./themed.js";

/** Points per report in each part of an outline over several reports; one report gets more. */
const PER_REPORT = 2;
const ONE_REPORT = 6;
/** Main headings named per report in an outline over several reports, and how much of each is quoted. */
const HEADINGS_PER_REPORT = 3;
const SHORT_QUOTE = 80;
/** An opening sentence shorter than this is a motto or an address line, not a statement of the year. */
const OPENING_CHARS = 30;
/** ,现将一年来的工作情况汇报如下 — hands over to the report, says nothing itself. */
const HANDOVER = /[,，]?\s*现将[^。]*$/;

/** A sentence without its closing handover clause (…全面提速提质提效,现将工作情况汇报如下。). */
function beforeHandover(span: Span): Span {
  const at = span.text.search(HANDOVER);
  return at < 0 ? span : { text: span.text.slice(0, at), start: span.start, end: span.start + at };
}
/** Initiatives quoted per report under 经验做法. */
const HIGHLIGHTS_ONE = 4;
const HIGHLIGHTS_PER_REPORT = 2;

interface Part {
  title: string;
  points: string[];
}

/** The points of one part, and the reports in scope that have nothing for it. */
interface PartPoints {
  points: string[];
  silent: Report[];
}

/**
 * 写一份会议发言提纲: a numbered outline over every report in scope, opening with one line that states the
 * scope. Without a theme: 总体情况 · 主要成效 · 经验做法 · 存在的问题 · 下一步打算; with one: 主要做法和成效 ·
 * 存在的问题 · 下一步打算 on that theme, naming the reports silent on it. Every point is cited.
 */
export function composeOutline(input: ComposeInput): Draft {
  const reports = reportsToCover(input);
  if (reports.length === 0) return refusal(input, { why: "silent" });
  const themed = input.theme.terms.length > 0;
  const citations = new CitationList();
  const per = reports.length === 1 ? ONE_REPORT : PER_REPORT;
  const point = pointWriter(reports.length === 1);

  // Parts are written in reading order, so that markers number through.
  const opening = themed ? [] : overall(reports, citations, point).points;
  const measures = themed ? themedMeasures(reports, input, citations, per, point) : achievements(reports, citations, point);
  if (measures.points.length === 0) return refusal(input, { why: "silent" });
  const practices = themed ? [] : highlights(reports, citations, point).points;
  const problems = partPoints(reports, "problems", input, citations, per, point);
  const plans = partPoints(reports, "plans", input, citations, per, point);
  const parts: Part[] = [
    { title: "总体情况", points: opening },
    { title: themed ? "主要做法和成效" : "主要成效", points: measures.points },
    { title: "经验做法", points: practices },
    { title: "存在的问题", points: problems.points },
    { title: "下一步打算", points: plans.points },
  ];

  const topic = themeWords(input);
  const scope =
    scopeLine(reports, input.library) +
    (themed && measures.silent.length ? `${listOf(measures.silent.map(reportLabel))}报告未提及“${topic}”。` : "");
  const body = parts
    .filter((p) => p.points.length > 0)
    .map((p, i) => `${chineseNumber(i + 1)}、${p.title}\n${p.points.join("\n")}`);
  const notes = themed
    ? [problems, plans]
        .filter((p) => p.silent.length > 0 && p.points.length > 0)
        .map(
          (p) => `（${listOf(p.silent.map(reportLabel))}报告的${p === problems ? "问题" : "下一步安排"}部分未涉及“${topic}”。）`,
        )
    : [];
  return answered("outline", [scope, ...body, ...notes].join("\n"), citations);
}

/** Numbers the points of a part: one point per line for one report, one line per report for several. */
function pointWriter(one: boolean) {
  return (points: string[], report: Report, lines: string[]) => {
    if (lines.length === 0) return;
    if (one) for (const line of lines) points.push(`（${chineseNumber(points.length + 1)}）${line}`);
    else points.push(`（${chineseNumber(points.length + 1)}）${reportLabel(report)}：${lines.join("；")}`);
  };
}
type PointWriter = ReturnType<typeof pointWriter>;

/** 总体情况: each report's own opening statement. */
function overall(reports: Report[], citations: CitationList, point: PointWriter): PartPoints {
  return pointsPerReport(reports, point, (report) => {
    const intro = report.sections.filter((s) => s.kind === "intro");
    // The opening's first full statement, not a motto (法治兴则国兴) nor 现将…汇报如下.
    const found = intro.flatMap((section) =>
      sentences(section.text)
        .map((span) => beforeHandover(span))
        .filter((span) => span.text.length >= OPENING_CHARS)
        .map((span) => ({ section, span })),
    );
    return found.slice(0, 1).map((f) => quote(report, f, citations, SHORT_QUOTE * 1.5));
  });
}

/** 主要成效: each report's main headings with their most telling sentences. */
function achievements(reports: Report[], citations: CitationList, point: PointWriter): PartPoints {
  const one = reports.length === 1;
  return pointsPerReport(reports, point, (report) => {
    const nodes = outlineOf(report, ["measures"]);
    return nodes.slice(0, one ? nodes.length : HEADINGS_PER_REPORT).flatMap((node) => {
      const key = keyLine(report, node, citations, 1, one ? undefined : SHORT_QUOTE);
      if (!key) return [];
      return [one ? `${bareHeading(node.heading)}${subHeadings(node)}：${key}` : `${bareHeading(node.heading)}——${key}`];
    });
  });
}

/** 经验做法: sentences naming an initiative of the report's own (“…”工作室, 「…」模式), not yet quoted. */
function highlights(reports: Report[], citations: CitationList, point: PointWriter): PartPoints {
  const per = reports.length === 1 ? HIGHLIGHTS_ONE : HIGHLIGHTS_PER_REPORT;
  return pointsPerReport(reports, point, (report) => {
    const measures = report.sections.filter((s) => s.kind === "measures");
    const cited = (text: string) =>
      citations.items.some((c) => c.reportId === report.id && (c.quote.includes(text) || text.includes(c.quote)));
    const found = notableSentences(measures, per, (span) => NAMED.test(span.text) && !cited(span.text));
    return found.map((f) => quote(report, f, citations, SHORT_QUOTE * 1.5));
  });
}

function quote(report: Report, { section, span }: Located, citations: CitationList, chars: number): string {
  return citations.quote({ report, section }, clip(section.text, span, chars));
}

/** 主要做法和成效 on the theme: each report's items on it (one report: its home section first). */
function themedMeasures(
  reports: Report[],
  input: ComposeInput,
  citations: CitationList,
  per: number,
  point: PointWriter,
): PartPoints {
  return pointsPerReport(reports, point, (report) => {
    const found = onTheme(report, input.theme, ["measures", "intro", "other"]);
    const items = reports.length === 1 ? themedSelection(report, found, per, 2).items : found.slice(0, per);
    return itemLines(items, input.theme, citations);
  });
}

/** 存在的问题 / 下一步打算: each report's items of that part (on the theme, when one is named). */
function partPoints(
  reports: Report[],
  part: "problems" | "plans",
  input: ComposeInput,
  citations: CitationList,
  per: number,
  point: PointWriter,
): PartPoints {
  return pointsPerReport(reports, point, (report) =>
    partItems(report, part, input)
      .slice(0, per)
      .map((it) => citations.quote(it, it.quote)),
  );
}

/** The points of a part, report by report, and the reports that have nothing for it. */
function pointsPerReport(reports: Report[], point: PointWriter, linesOf: (report: Report) => string[]): PartPoints {
  const points: string[] = [];
  const silent: Report[] = [];
  for (const report of reports) {
    const lines = linesOf(report);
    if (lines.length === 0) silent.push(report);
    point(points, report, lines);
  }
  return { points, silent };
}
