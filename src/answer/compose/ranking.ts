import type { Report } from "../../corpus/report.js";
import { measureVerbs, sameMeasure, valueOf } from "../../lexicon/units.js";
import { CitationList } from "../citations.js";
import type { Evidence } from "../evidence.js";
import { measureClauses } from "../figure-sentences.js";
import { authorOf, listOf, reportLabel } from "../frame.js";
import type { Span } from "../sentences.js";
import { answered, type ComposeInput, type Draft } from "./draft.js";
import { byReport, figureSpans } from "./figure.js";
import { refusal } from "./refusal.js";

/** A ranking needs the measure named around the figure, though less strictly than a single figure does. */
const RANK_COVERAGE = 0.5;
/** How much worse than a report's best figure one of the ranked measure may name the question. */
const CLOSE = 0.5;
/** Candidate figures kept per report, to find one of the ranked measure. */
const PER_REPORT = 6;

interface Entry {
  report: Report;
  ev: Evidence;
  quote: Span;
  figure: string;
  value: number;
  verbs: string[];
  score: number;
}

/**
 * 哪个区最多: the answer in the first sentence, then the others in order, each cited. Only figures of one
 * measure are ranked — one unit class, one verb (收到 is not 受理) — and a report whose figure is of
 * another measure is named as not comparable; the reports without the measure are named too.
 */
export function composeRanking(input: ComposeInput): Draft {
  const candidates = byReport(figureSpans(input, RANK_COVERAGE)).map((group) => ({ report: group.report, entries: entriesOf(group.spans, input) }));
  const withFigures = candidates.filter((c) => c.entries.length > 0);
  if (withFigures.length === 0) return refusal(input, { why: "silent" });

  const verb = rankedVerb(withFigures.map((c) => c.entries), input.understanding.question);
  const ofVerb = (e: Entry) => verb === null || e.verbs.includes(verb);
  const reference = rankedFigure(withFigures.map((c) => c.entries.find(ofVerb) ?? c.entries[0]!), input.understanding.unit);
  const comparable = (e: Entry) => ofVerb(e) && (sameMeasure(e.figure, reference) || e.value === 0);
  // Each report's best figure of the ranked measure, unless it names the measure much worse than the
  // report's best figure does; then that one, named as another measure.
  const picked = withFigures.map((c) => {
    const best = c.entries.find(ofVerb) ?? c.entries[0]!;
    const match = c.entries.find(comparable);
    return match && match.score >= best.score - CLOSE ? match : best;
  });
  const fewest = /最少|最低|最小|最慢|倒数/.test(input.understanding.question);
  const ranked = picked.filter(comparable).sort((a, b) => (fewest ? a.value - b.value : b.value - a.value));
  const others = picked.filter((e) => !comparable(e));
  if (ranked.length === 0) return refusal(input, { why: "silent" });

  const citations = new CitationList();
  const [winner, ...rest] = ranked;
  const lines = [`${authorOf(winner!.report)}${fewest ? "最少" : "最多"}：${reportLabel(winner!.report)}报告${citations.quote(winner!.ev, winner!.quote)}。`];
  if (rest.length) lines.push(`其后依次为${rest.map((e) => `${reportLabel(e.report)}${e.figure}[${citations.add(e.ev, e.quote)}]`).join("、")}。`);
  for (const e of others) {
    lines.push(`${reportLabel(e.report)}报告给出的是另一口径的数字（${citations.quote(e.ev, e.quote)}），未列入排名。`);
  }
  const silent = input.scope.filter((r) => !withFigures.some((c) => c.report === r));
  if (silent.length) lines.push(`${listOf(silent.map(reportLabel))}报告未提及。`);
  if (rest.length === 0) lines.push("只有这一份报告给出了可比的数字，无从排序。");
  return answered("ranking", lines.join("\n"), citations);
}

/** A report's figures for the measure, best first: the best clauses of its best sentences. */
function entriesOf(spans: ReturnType<typeof figureSpans>, input: ComposeInput): Entry[] {
  const entries: Entry[] = [];
  for (const s of spans.slice(0, PER_REPORT)) {
    for (const c of measureClauses(s.span, input.theme.terms, input.understanding.unit).slice(0, 2)) {
      if (entries.some((e) => e.ev.section.id === s.evidence.section.id && e.quote.start === c.quote.start)) continue;
      const value = c.figure === "0" ? 0 : valueOf(c.figure);
      entries.push({
        report: s.evidence.report,
        ev: s.evidence,
        quote: c.quote,
        figure: c.figure,
        value,
        verbs: measureVerbs(c.quote.text),
        score: s.score + c.score,
      });
    }
  }
  return entries.sort((a, b) => b.score - a.score);
}

/**
 * The verb of the measure ranked: the question's own (收到的行政复议申请), else the one that most reports'
 * best figures use; null when no verb is shared.
 */
function rankedVerb(perReport: Entry[][], question: string): string | null {
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

/** The figure whose measure is ranked: the unit asked for, else the one most reports' figures share (ties: the best-matching). */
function rankedFigure(entries: Entry[], unit: string | null): string {
  if (unit && entries.some((e) => sameMeasure(e.figure, `1${unit}`))) return `1${unit}`;
  const counted = entries.filter((e) => e.value !== 0);
  if (counted.length === 0) return entries[0]?.figure ?? "";
  const shared = (e: Entry) => counted.filter((o) => sameMeasure(o.figure, e.figure)).length;
  return [...counted].sort((a, b) => shared(b) - shared(a) || b.score - a.score)[0]!.figure;
}
