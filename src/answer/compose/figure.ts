import type { Report } from "../../corpus/report.js";
import { CitationList } from "../citations.js";
import type { Evidence } from "../evidence.js";
import {
  focus,
  givesAskedFigure,
  keyFigure,
  type ScoredSpan,
  scoreSentences,
  withFollowingFigures,
  withItemBody,
} from "../figure-sentences.js";
import { listOf, reportLabel } from "../frame.js";
import type { Span } from "../sentences.js";
import { answered, type ComposeInput, type Draft } from "./draft.js";
import { refusal } from "./refusal.js";

/**
 * The least weighted share of the question's terms a sentence (with its heading) must contain to count
 * as stating the figure asked for. Calibrated on the evaluation set (`npm run eval`).
 */
const MIN_COVERAGE = 0.6;
/** The share the sentence must cover in its own words: a heading alone does not name the measure. */
const MIN_OWN = 0.3;

/** A figure's answer: the clause that states it, the figure exact, in the first sentence; one per report across reports. */
export function composeFigure(input: ComposeInput): Draft {
  const found = figureSpans(input);
  if (found.length === 0) return refusal(input, { why: mentionsTheme(input) ? "no-figure" : "silent" });
  const groups = byReport(found);
  const [first, second] = groups;
  const u = input.understanding;
  const across = u.across || (u.filters.regions.length !== 1 && second !== undefined && second.best >= first!.best - 0.15);
  const citations = new CitationList();
  if (!across) {
    const picks = pick(first!, input);
    return answered(
      "figure",
      `${reportLabel(first!.report)}：${picks.map((p) => citations.quote(p.ev, p.quote)).join("；")}`,
      citations,
    );
  }
  const lines: string[] = [];
  const figures: string[] = [];
  for (const group of groups.slice(0, 12)) {
    const [p] = pick(group, input);
    if (!p) continue;
    const n = citations.add(p.ev, p.quote);
    const figure = keyFigure(p.quote, input.theme.terms, u.unit);
    if (figure) figures.push(`${reportLabel(group.report)} ${figure}[${n}]`);
    lines.push(`· ${reportLabel(group.report)}：${p.quote.text}[${n}]`);
  }
  const silent = input.scope.filter((r) => !groups.some((g) => g.report === r));
  const head = figures.length > 1 ? `数字对照：${figures.join("；")}。` : `以下 ${lines.length} 份报告给出了相关数字：`;
  const tail = silent.length ? `\n${listOf(silent.map(reportLabel))}报告未提及。` : "";
  return answered("figure", `${head}\n${lines.join("\n")}${tail}`, citations);
}

/** Sentences of the sections in scope that state a figure of the kind asked, best first. */
export function figureSpans(input: ComposeInput, minCoverage = MIN_COVERAGE): ScoredSpan[] {
  const u = input.understanding;
  // Across reports (哪个区…最多), the parts a question joins are alternatives; one figure answers all of them otherwise.
  const across = u.kind === "ranking" || u.kind === "comparison";
  return scoreSentences(candidates(input), {
    terms: input.theme.terms,
    facets: across && input.theme.facets.length > 1 ? input.theme.facets : [],
    context: input.theme.context,
    wantsFigure: true,
    unit: u.unit,
    preferredKind: u.kind === "problems" || u.kind === "plans" ? u.kind : null,
  }).filter(
    (s) =>
      s.coverage >= minCoverage &&
      s.own >= MIN_OWN &&
      givesAskedFigure(s.span.text, u.unit) &&
      // An event of 2022 told in the 2023 report: only a sentence naming 2022 answers for 2022.
      u.mentionedYears.every((y) => `${s.evidence.section.path.join("")}${s.span.text}`.includes(`${y}年`)),
  );
}

/** The sections to look in: every section of a small scope, else the retrieved ones. */
export function candidates(input: ComposeInput): Evidence[] {
  if (input.scope.length > 12) return input.retrieved;
  const rank = new Map(input.retrieved.map((ev) => [ev.section.id, ev.rank]));
  return input.scope.flatMap((report) =>
    report.sections.map((section) => ({ report, section, rank: rank.get(section.id) ?? input.retrieved.length + 10 })),
  );
}

/** Whether a sentence covers the question without stating a figure (for "it is mentioned, but no figure is given"). */
function mentionsTheme(input: ComposeInput): boolean {
  const scoring = { terms: input.theme.terms, facets: [], context: [], wantsFigure: false, unit: null, preferredKind: null };
  return scoreSentences(candidates(input), scoring).some((s) => s.coverage >= MIN_COVERAGE);
}

export interface ReportGroup {
  report: Report;
  best: number;
  spans: ScoredSpan[];
}

export function byReport(scored: ScoredSpan[]): ReportGroup[] {
  const groups = new Map<string, ReportGroup>();
  for (const s of scored) {
    const id = s.evidence.report.id;
    const group = groups.get(id) ?? { report: s.evidence.report, best: s.score, spans: [] };
    group.spans.push(s);
    groups.set(id, group);
  }
  return [...groups.values()].sort((a, b) => b.best - a.best);
}

/** The best sentence of a report (and a second when the question asks for two figures), as focused quotes. */
function pick(group: ReportGroup, input: ComposeInput): { ev: Evidence; quote: Span }[] {
  const two = /各|分别|和|及|与/.test(input.understanding.question) ? 2 : 1;
  const floor = group.best * 0.85;
  const chosen: ScoredSpan[] = [];
  for (const s of group.spans) {
    if (chosen.length >= two || s.score < floor) break;
    if (chosen.some((c) => c.evidence.section.id === s.evidence.section.id && c.span.start === s.span.start)) continue;
    chosen.push(s);
  }
  const terms = input.theme.terms;
  const general = input.understanding.unit === null && /数据|数字/.test(input.understanding.question);
  return chosen
    .sort((a, b) => a.evidence.section.start + a.span.start - (b.evidence.section.start + b.span.start))
    .map((s) => {
      const { text, heading } = s.evidence.section;
      const item = withItemBody(text, s.span, heading);
      const quote = item === s.span ? focus(text, s.span, terms, true) : item;
      return { ev: s.evidence, quote: general ? withFollowingFigures(text, quote) : quote };
    });
}
