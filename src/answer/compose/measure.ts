import type { Report } from "../../corpus/report.js";
import { measureVerbs, sameMeasure, valueOf } from "../../lexicon/units.js";
import type { Evidence } from "../evidence.js";
import { measureClauses } from "../figure-sentences.js";
import type { Span } from "../sentences.js";
import type { ComposeInput } from "./draft.js";
import { byReport, figureSpans } from "./figure.js";

/**
 * One measure across reports, for rankings and comparison tables: each report's figure for what the
 * question counts, and which of them measure the same thing — one unit class (场次 with 次, 件 with 份)
 * and one verb (收到 is not 受理).
 */

/** Reports' figures need the measure named around them, though less strictly than a single figure does. */
const ACROSS_COVERAGE = 0.5;
/** How much worse than a report's best figure one of the shared measure may name the question. */
const CLOSE = 0.5;
/** Candidate figures kept per report, to find one of the shared measure. */
const PER_REPORT = 6;

export interface MeasuredFigure {
  report: Report;
  ev: Evidence;
  /** The clause stating the figure (共收到行政复议申请247宗), verbatim. */
  quote: Span;
  /** 247宗; "0" for a quantity of none said in words (未收到). */
  figure: string;
  value: number;
  verbs: string[];
  score: number;
}

export interface Measured {
  /** One figure per report that gives one, best matching first. */
  figures: MeasuredFigure[];
  /** Whether a figure measures the shared measure (else it is named as another measure). */
  comparable: (f: MeasuredFigure) => boolean;
  /** Reports in scope that give no figure for the measure. */
  silent: Report[];
}

export function measureAcross(input: ComposeInput): Measured {
  const candidates = byReport(figureSpans(input, ACROSS_COVERAGE)).map((group) => ({
    report: group.report,
    entries: entriesOf(group.spans, input),
  }));
  const withFigures = candidates.filter((c) => c.entries.length > 0);
  const verb = sharedVerb(
    withFigures.map((c) => c.entries),
    input.understanding.question,
  );
  const ofVerb = (e: MeasuredFigure) => verb === null || e.verbs.includes(verb);
  const reference = sharedFigure(
    withFigures.map((c) => c.entries.find(ofVerb) ?? c.entries[0]!),
    input.understanding.unit,
  );
  const comparable = (e: MeasuredFigure) => ofVerb(e) && (e.value === 0 || sameMeasure(e.figure, reference));
  // Each report's best figure of the shared measure, unless it names the measure much worse than the
  // report's best figure does; then that one, named as another measure.
  const figures = withFigures.map((c) => {
    const best = c.entries.find(ofVerb) ?? c.entries[0]!;
    const match = c.entries.find(comparable);
    return match && match.score >= best.score - CLOSE ? match : best;
  });
  const silent = input.scope.filter((r) => !withFigures.some((c) => c.report === r));
  return { figures, comparable, silent };
}

/** A report's figures for the measure, best first: the best clauses of its best sentences. */
function entriesOf(spans: ReturnType<typeof figureSpans>, input: ComposeInput): MeasuredFigure[] {
  const entries: MeasuredFigure[] = [];
  for (const s of spans.slice(0, PER_REPORT)) {
    for (const c of measureClauses(s.span, input.theme.terms, input.understanding.unit).slice(0, 2)) {
      if (entries.some((e) => e.ev.section.id === s.evidence.section.id && e.quote.start === c.quote.start)) continue;
      entries.push({
        report: s.evidence.report,
        ev: s.evidence,
        quote: c.quote,
        figure: c.figure,
        value: c.figure === "0" ? 0 : valueOf(c.figure),
        verbs: measureVerbs(c.quote.text),
        score: s.score + c.score,
      });
    }
  }
  return entries.sort((a, b) => b.score - a.score);
}

/**
 * The verb of the shared measure: the question's own (收到的行政复议申请), else the one that most reports'
 * best figures use; null when no verb is shared.
 */
function sharedVerb(perReport: MeasuredFigure[][], question: string): string | null {
  const asked = measureVerbs(question).find((v) => perReport.some((entries) => entries.some((e) => e.verbs.includes(v))));
  if (asked) return asked;
  const votes = new Map<string, number>();
  for (const entries of perReport) {
    const best = entries[0]!.score;
    // A report votes for each verb among its figures that stand close to its best one.
    const verbs = new Set(entries.filter((e) => e.score >= best - 0.3).flatMap((e) => e.verbs));
    for (const v of verbs) votes.set(v, (votes.get(v) ?? 0) + 1);
  }
  const top = [...votes].sort((a, b) => b[1] - a[1])[0];
  return top && top[1] >= 2 ? top[0] : null;
}

/** A figure of the shared measure: in the unit asked for, else the one most reports' figures share (ties: the best-matching). */
function sharedFigure(entries: MeasuredFigure[], unit: string | null): string {
  if (unit && entries.some((e) => sameMeasure(e.figure, `1${unit}`))) return `1${unit}`;
  const counted = entries.filter((e) => e.value !== 0);
  if (counted.length === 0) return entries[0]?.figure ?? "";
  const shared = (e: MeasuredFigure) => counted.filter((o) => sameMeasure(o.figure, e.figure)).length;
  return [...counted].sort((a, b) => shared(b) - shared(a) || b.score - a.score)[0]!.figure;
}
