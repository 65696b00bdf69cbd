import type { Report, Section } from "../corpus/report.js";
import { reportMatches } from "../search/filters.js";
import type { AnswerStatus, Citation } from "./answer.js";
import { CitationList } from "./citations.js";
import {
  coverage,
  type Evidence,
  focus,
  ITEM_OPENER,
  type QueryTerm,
  scoreSentences,
  type ScoredSpan,
  withItemBody,
} from "./evidence.js";
import { clauses, figuresIn, sentences, type Span } from "./sentences.js";
import type { Understanding } from "./understand.js";

/** The offline answerer: quotes the sentences that answer, each with a citation, or says the library does not. */

export interface Draft {
  status: AnswerStatus;
  answer: string;
  citations: Citation[];
}

/**
 * The least weighted share of the question's terms a sentence (with its heading) must contain to count
 * as evidence. Calibrated on the evaluation set (`npm run eval`).
 */
export const MIN_COVERAGE = 0.6;

const PER_INTENT: Record<Understanding["intent"], number> = {
  figure: 1,
  practice: 3,
  lookup: 2,
  problems: 5,
  plans: 5,
  summary: 2,
};

const KIND_FOR_INTENT: Partial<Record<Understanding["intent"], Section["kind"]>> = {
  problems: "problems",
  plans: "plans",
};

export function reportLabel(report: Pick<Report, "region" | "issuer" | "title" | "year">): string {
  const name = report.region ?? report.issuer ?? report.title ?? "未知地区";
  return report.year === null ? name : `${name}（${report.year}年）`;
}

export function notFound(understanding: Understanding, library: Report[]): Draft {
  const held = library
    .slice(0, 12)
    .map((r) => reportLabel(r))
    .join("、");
  const reason = understanding.outOfLibrary ? `${understanding.outOfLibrary}。` : "";
  return {
    status: "not_found",
    answer: `资料库中的报告没有提到这一点，无法给出有依据的回答。${reason}现有报告：${held}${library.length > 12 ? " 等" : ""}。`,
    citations: [],
  };
}

export function answerExtractively(
  understanding: Understanding,
  evidence: Evidence[],
  terms: QueryTerm[],
  library: Report[],
): Draft {
  if (understanding.outOfLibrary) return notFound(understanding, library);
  const part = KIND_FOR_INTENT[understanding.intent];
  if (part) {
    if (understanding.topic.replace(PART_WORDS, "").replace(/\s/g, "").length < 2) return listPart(part, understanding, library);
    // 合法性审核方面存在哪些问题: the topic is 合法性审核, looked for in the problems part.
    terms = terms.filter((t) => !PART_WORD.test(t.term));
    const ofPart = evidence.filter((ev) => ev.section.kind === part);
    if (ofPart.length > 0) evidence = ofPart;
  }
  if (terms.length === 0) return notFound(understanding, library);
  if ((understanding.intent === "practice" || understanding.intent === "lookup") && !understanding.crossReport) {
    const outline = headedPart(terms, evidence);
    if (outline) return listHeadedPart(outline);
  }
  const wantsFigure = understanding.intent === "figure" || /多少|几/.test(understanding.question);
  const scored = scoreSentences(evidence, {
    terms,
    wantsFigure,
    unit: /(?:多少|几)([件个项次名人家起宗场期份条批所户张元])/.exec(understanding.question)?.[1] ?? null,
    preferredKind: part ?? null,
  }).filter((s) => s.coverage >= MIN_COVERAGE);
  if (scored.length === 0) return notFound(understanding, library);

  const byReport = groupByReport(scored);
  const [first, second] = byReport;
  const grouped =
    understanding.crossReport ||
    (understanding.filters.regions.length !== 1 && second !== undefined && second.best >= first!.best - 0.15);
  const citations = new CitationList();
  const answer = grouped
    ? composeGrouped(understanding, byReport, terms, wantsFigure, citations, library)
    : composeSingle(understanding, first!, terms, wantsFigure, citations);
  return { status: "answered", answer, citations: citations.items };
}

interface HeadedPart {
  report: Report;
  heading: string;
  children: Section[];
}

/**
 * 营商环境方面有哪些举措？ — when a retrieved section's heading names the whole topic and the section
 * has sub-sections ((二)优化提升法治化营商环境 › 1.… 2.…), those sub-sections are the answer.
 */
function headedPart(terms: QueryTerm[], evidence: Evidence[]): HeadedPart | null {
  for (const ev of evidence.slice(0, 3)) {
    const path = ev.section.path;
    for (let depth = path.length; depth >= 1; depth--) {
      const heading = path[depth - 1]!;
      if (coverage(heading, terms) < 1) continue;
      const children = ev.report.sections.filter(
        (s) => s.path.length === depth + 1 && path.slice(0, depth).every((h, i) => s.path[i] === h),
      );
      if (children.length >= 2) return { report: ev.report, heading, children };
    }
  }
  return null;
}

function listHeadedPart({ report, heading, children }: HeadedPart): Draft {
  const citations = new CitationList();
  const lines = partItems(children).map(
    ({ section, quote }, i) => `${i + 1}. ${quote.text}[${citations.add({ rank: 1, section, report }, quote)}]`,
  );
  return { status: "answered", answer: `${reportLabel(report)}「${heading}」：\n${lines.join("\n")}`, citations: citations.items };
}

/** Words that only say which part of a report is asked for (存在哪些问题 / 下一步工作计划). */
const PART_WORDS = /共性|突出|普遍|存在|问题|不足|短板|差距|薄弱|困难|下一步|工作|计划|打算|安排|明年|今后|未来|有何|重点|主要/g;
const PART_WORD = new RegExp(`^(?:${PART_WORDS.source})$`);


/**
 * 存在哪些问题？ / 下一步有什么计划？ — the items of that part of each report in scope, in order:
 * each sub-section's opening, or the sentences of a part written as one paragraph.
 */
function listPart(kind: Section["kind"], understanding: Understanding, library: Report[]): Draft {
  const inScope = library.filter((r) => reportMatches(r, understanding.filters));
  const citations = new CitationList();
  const blocks: string[] = [];
  for (const report of inScope.slice(0, 10)) {
    const sections = report.sections.filter((sec) => sec.kind === kind);
    const items = partItems(sections).slice(0, inScope.length > 1 ? 4 : 8);
    if (items.length === 0) continue;
    const lines = items.map(({ section, quote }, i) => `${i + 1}. ${quote.text}[${citations.add({ rank: 1, section, report }, quote)}]`);
    blocks.push(`${reportLabel(report)}${kind === "problems" ? "报告列出的问题" : "报告的工作计划"}：\n${lines.join("\n")}`);
  }
  if (blocks.length === 0) return notFound(understanding, library);
  return { status: "answered", answer: blocks.join("\n\n"), citations: citations.items };
}

/** The longest an item quote grows by taking in the sentences after its opening one. */
const ITEM_CHARS = 150;

function partItems(sections: Section[]): { section: Section; quote: Span }[] {
  const items: { section: Section; quote: Span }[] = [];
  // A part with sub-sections lists its items there; its own opening paragraph only introduces them.
  const listed = sections.some((sec) => sec.path.length > 1) ? sections.filter((sec) => sec.path.length > 1) : sections;
  for (const section of listed) {
    const spans = sentences(section.text)
      .flatMap(splitFraming)
      // Parent headings repeat in the text; a sub-section's own heading is its item title and stays.
      .filter((sp) => !parents(section).some((heading) => heading.startsWith(sp.text.replace(/[。；;]$/, ""))))
      // 主要有以下几方面： only announces the list.
      .filter((sp) => !/[:：]$/.test(sp.text));
    const numbered = spans.some((sp) => ITEM_OPENER.test(sp.text));
    const grouped: Span[] = [];
    for (const sp of spans) {
      const last = grouped.at(-1);
      const opensItem = !numbered || ITEM_OPENER.test(sp.text);
      if (opensItem) grouped.push(sp);
      else if (last && sp.end - last.start <= ITEM_CHARS) grouped[grouped.length - 1] = { ...last, end: sp.end };
      // Sentences before the first numbered item only frame the list (总体看…但也存在一些不足).
    }
    // A sub-section (一)… is one item: its heading sentence and what follows it.
    const chosen = section.path.length > 1 ? grouped.slice(0, 1) : grouped;
    for (const sp of chosen) {
      const end = Math.min(sp.end, sp.start + ITEM_CHARS * 2);
      items.push({ section, quote: { text: section.text.slice(sp.start, end), start: sp.start, end } });
    }
  }
  return items;
}

function parents(section: Section): string[] {
  return section.path.length > 1 ? section.path.slice(0, -1) : section.path;
}

/** 主要表现在：一是… → the framing before the colon is dropped, the item after it kept. */
function splitFraming(sp: Span): Span[] {
  const m = /^(.*?(?:表现在|如下|以下几方面|主要有)[^:：]*[:：])\s*/.exec(sp.text);
  if (!m || m[0].length === sp.text.length) return [sp];
  const start = sp.start + m[0].length;
  return [{ text: sp.text.slice(m[0].length), start, end: sp.end }];
}

interface ReportGroup {
  report: Report;
  best: number;
  spans: ScoredSpan[];
}

function groupByReport(scored: ScoredSpan[]): ReportGroup[] {
  const groups = new Map<string, ReportGroup>();
  for (const s of scored) {
    const id = s.evidence.report.id;
    const group = groups.get(id) ?? { report: s.evidence.report, best: s.score, spans: [] };
    group.spans.push(s);
    groups.set(id, group);
  }
  return [...groups.values()].sort((a, b) => b.best - a.best);
}

/** The best spans of one report, in reading order, without overlapping sentences. */
function pick(group: ReportGroup, count: number, terms: QueryTerm[], wantsFigure: boolean): { ev: Evidence; quote: Span }[] {
  const floor = group.best * 0.7;
  const chosen: ScoredSpan[] = [];
  for (const s of group.spans) {
    if (chosen.length >= count || s.score < floor) break;
    if (chosen.some((c) => c.evidence.section.id === s.evidence.section.id && c.span.start === s.span.start)) continue;
    chosen.push(s);
  }
  const quotes = chosen
    .sort((a, b) => a.evidence.section.start + a.span.start - (b.evidence.section.start + b.span.start))
    .map((s) => {
      const { text, heading } = s.evidence.section;
      const item = withItemBody(text, s.span, heading);
      return { ev: s.evidence, quote: item === s.span ? focus(text, s.span, terms, wantsFigure) : item };
    });
  // A sentence already inside an item quote is not quoted again.
  return quotes.filter(
    (q) => !quotes.some((o) => o !== q && o.ev.section.id === q.ev.section.id && o.quote.start <= q.quote.start && o.quote.end >= q.quote.end),
  );
}

/** The figure a quote gives for the question: the first number in the clause that best covers the terms. */
function keyFigure(quote: Span, terms: QueryTerm[]): string | undefined {
  let best: { figure: string; score: number } | undefined;
  for (const clause of clauses(quote)) {
    const figure = figuresIn(clause.text)[0];
    const score = coverage(clause.text, terms);
    if (figure && (!best || score > best.score)) best = { figure, score };
  }
  return best?.figure;
}

function composeSingle(
  understanding: Understanding,
  group: ReportGroup,
  terms: QueryTerm[],
  wantsFigure: boolean,
  citations: CitationList,
): string {
  const picks = pick(group, PER_INTENT[understanding.intent], terms, wantsFigure);
  const label = reportLabel(group.report);
  const lines = picks.map(({ ev, quote }) => `${quote.text}[${citations.add(ev, quote)}]`);
  if (lines.length === 1) return `${label}：${lines[0]}`;
  return `${label}：\n${lines.map((l, i) => `${i + 1}. ${l}`).join("\n")}`;
}

function composeGrouped(
  understanding: Understanding,
  groups: ReportGroup[],
  terms: QueryTerm[],
  wantsFigure: boolean,
  citations: CitationList,
  library: Report[],
): string {
  const perReport = understanding.intent === "problems" || understanding.intent === "plans" ? 3 : wantsFigure ? 1 : 2;
  const shown = groups.slice(0, 10);
  const blocks: string[] = [];
  const figures: string[] = [];
  for (const group of shown) {
    const picks = pick(group, perReport, terms, wantsFigure);
    const lines = picks.map(({ ev, quote }) => {
      const n = citations.add(ev, quote);
      const figure = keyFigure(quote, terms);
      if (wantsFigure && figure) figures.push(`${group.report.region ?? reportLabel(group.report)} ${figure}[${n}]`);
      return `· ${quote.text}[${n}]`;
    });
    blocks.push(`【${reportLabel(group.report)}】\n${lines.join("\n")}`);
  }
  const head = `以下 ${shown.length} 份报告有相关内容：`;
  const table = wantsFigure && figures.length > 1 ? `\n数字对照：${figures.join("；")}` : "";
  const inScope = library.filter((r) => reportMatches(r, understanding.filters));
  const silent = inScope.filter((r) => !groups.some((g) => g.report.id === r.id));
  const tail = silent.length > 0 && silent.length <= 10 ? `\n\n未提及：${silent.map(reportLabel).join("、")}。` : "";
  return `${head}${table}\n\n${blocks.join("\n\n")}${tail}`;
}
