import type { Report, Section } from "../corpus/report.js";
import type { AnswerStatus, Citation } from "./answer.js";
import { type Evidence, focus, type QueryTerm, scoreSentences, type ScoredSpan } from "./evidence.js";
import { figuresIn, type Span } from "./sentences.js";
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

class CitationList {
  readonly items: Citation[] = [];

  add(evidence: Evidence, quote: Span): number {
    const existing = this.items.find((c) => c.sectionId === evidence.section.id && c.quote === quote.text);
    if (existing) return existing.n;
    const n = this.items.length + 1;
    const { report, section } = evidence;
    this.items.push({
      n,
      reportId: report.id,
      sectionId: section.id,
      region: report.region,
      year: report.year,
      title: report.title,
      path: section.path,
      quote: quote.text,
    });
    return n;
  }
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
  if (understanding.outOfLibrary || terms.length === 0) return notFound(understanding, library);
  const wantsFigure = understanding.intent === "figure" || /多少|几/.test(understanding.question);
  const scored = scoreSentences(evidence, {
    terms,
    wantsFigure,
    preferredKind: KIND_FOR_INTENT[understanding.intent] ?? null,
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
  return chosen
    .sort((a, b) => a.evidence.section.start + a.span.start - (b.evidence.section.start + b.span.start))
    .map((s) => ({ ev: s.evidence, quote: focus(s.evidence.section.text, s.span, terms, wantsFigure) }));
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
      const figure = figuresIn(quote.text)[0];
      if (wantsFigure && figure && figures.length < shown.length) figures.push(`${group.report.region ?? reportLabel(group.report)} ${figure}[${n}]`);
      return `· ${quote.text}[${n}]`;
    });
    blocks.push(`【${reportLabel(group.report)}】\n${lines.join("\n")}`);
  }
  const topic = understanding.topic ? `「${understanding.topic}」` : "这一问题";
  const head = `${shown.length} 份报告提到${topic}：`;
  const table = wantsFigure && figures.length > 1 ? `\n数字对照：${figures.join("；")}` : "";
  const inScope = library.filter(
    (r) =>
      (understanding.filters.regions.length === 0 || (r.region !== null && understanding.filters.regions.includes(r.region))) &&
      (understanding.filters.years.length === 0 || (r.year !== null && understanding.filters.years.includes(r.year))),
  );
  const silent = inScope.filter((r) => !groups.some((g) => g.report.id === r.id));
  const tail = silent.length > 0 && silent.length <= 10 ? `\n\n未提及：${silent.map(reportLabel).join("、")}。` : "";
  return `${head}${table}\n\n${blocks.join("\n\n")}${tail}`;
}
