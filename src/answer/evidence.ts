import type { Report, Section } from "../corpus/report.js";
import { reportWordings } from "../search/synonyms.js";
import { clauses, figuresIn, sentences, type Span } from "./sentences.js";

/** A retrieved section, with the report it belongs to, ready to be quoted. */
export interface Evidence {
  rank: number;
  section: Section;
  report: Report;
}

/** A query term and the report wordings that count as the same thing (官司 → 诉讼). */
export interface QueryTerm {
  term: string;
  forms: string[];
  weight: number;
}

export function hasSynonyms(term: string): boolean {
  return reportWordings(term).length > 0;
}

/** The forms of a question's term that count as the same thing in a report (官司 → 诉讼). */
export function expandTerm(term: string): string[] {
  const synonyms = reportWordings(term);
  // A single character matches inside unrelated words (输 in 运输), so only its synonyms count.
  return term.length === 1 && synonyms.length ? synonyms : [term, ...synonyms];
}

/** How much a figure in a sentence counts when the question asks for one (its absence costs half). */
const FIGURE_WEIGHT = 0.3;
/** A quantity of none, said in words. */
const NONE = /未收到|未发生|未出现|未有|无一|零起|零件|均未/;

export interface ScoredSpan {
  evidence: Evidence;
  span: Span;
  /** Weighted share of the query terms the sentence (with its heading path) contains, 0..1. */
  coverage: number;
  score: number;
}

export function coverage(text: string, terms: QueryTerm[]): number {
  let total = 0;
  let hit = 0;
  for (const t of terms) {
    total += t.weight;
    if (t.forms.some((f) => text.includes(f))) hit += t.weight;
  }
  return total === 0 ? 0 : hit / total;
}

export interface SentenceScoring {
  terms: QueryTerm[];
  wantsFigure: boolean;
  /** The measure word the question asks in (多少件 → 件): a figure in that unit is the likelier answer. */
  unit: string | null;
  /** problems/plans questions prefer those sections; other questions prefer what was done. */
  preferredKind: Section["kind"] | null;
}

export const ITEM_OPENER = /^(?:[一二三四五六七八九十]+是|[(（][一二三四五六七八九十]+[)）]|\d+[.、．])/;

/** A sentence that only restates a heading (一是积极做好行政复议工作。) says little on its own. */
function isHeadingOnly(sentence: string, heading: string): boolean {
  if (heading.length > 0 && sentence.startsWith(heading) && sentence.length <= heading.length + 2) return true;
  return ITEM_OPENER.test(sentence) && sentence.length <= 30 && figuresIn(sentence).length === 0;
}

/** Scores every sentence of every evidence section; the heading path counts as context for coverage. */
export function scoreSentences(evidence: Evidence[], scoring: SentenceScoring): ScoredSpan[] {
  const scored: ScoredSpan[] = [];
  for (const ev of evidence) {
    const context = ev.section.path.join(" ");
    const kind = ev.section.kind;
    const kindBonus = scoring.preferredKind
      ? kind === scoring.preferredKind
        ? 0.25
        : 0
      : kind === "problems" || kind === "plans"
        ? -0.1
        : 0;
    for (const span of sentences(ev.section.text)) {
      if (span.text.length < 6) continue;
      const own = coverage(span.text, scoring.terms);
      const cov = Math.max(own, coverage(`${context} ${span.text}`, scoring.terms) * 0.9);
      // 未收到行政复议申请 answers 收到多少 as well as a number does.
      const figures = figuresIn(span.text);
      const hasFigure = figures.length > 0 || NONE.test(span.text);
      const inUnit = scoring.unit === null || NONE.test(span.text) || figures.some((f) => f.endsWith(scoring.unit!));
      const figureBonus = scoring.wantsFigure
        ? hasFigure
          ? inUnit
            ? FIGURE_WEIGHT
            : FIGURE_WEIGHT / 2
          : -FIGURE_WEIGHT / 2
        : hasFigure
          ? 0.05
          : 0;
      // Low enough to fall below the floor of pick(): a heading is quoted only when nothing else covers the question.
      const brevity = isHeadingOnly(span.text, ev.section.heading) ? -0.6 : 0;
      const score = cov + 0.5 * own + figureBonus + kindBonus + brevity + 0.08 / ev.rank;
      scored.push({ evidence: ev, span, coverage: cov, score });
    }
  }
  return scored.sort((a, b) => b.score - a.score);
}

/** The longest quote focus() gives for a long sentence. */
const FOCUS_CHARS = 150;
/** Sentences this short are quoted whole even for a figure. */
const SHORT_SENTENCE = 40;

/**
 * 二是建立乡镇(街道)职责准入制度。 says what was done, the sentences after it say how: a quote of an
 * item's heading takes in the item's following sentences (up to FOCUS_CHARS, not into the next item).
 */
export function withItemBody(sectionText: string, span: Span, heading: string): Span {
  if (!isHeadingOnly(span.text, heading)) return span;
  let end = span.end;
  for (const next of sentences(sectionText)) {
    if (next.start < span.end) continue;
    if (ITEM_OPENER.test(next.text) || next.end - span.start > FOCUS_CHARS) break;
    end = next.end;
  }
  return { text: sectionText.slice(span.start, end), start: span.start, end };
}

/**
 * The part of a long sentence that matters: the run of clauses from the first to the last one that
 * mentions a query term (or, for figures, a number next to one), within FOCUS_CHARS characters.
 * Always a contiguous slice of the section, so the quote stays verbatim.
 */
export function focus(sectionText: string, span: Span, terms: QueryTerm[], wantsFigure: boolean): Span {
  // A figure is best given with just the clauses that state it (全年共收到行政复议申请70件,受理68件).
  if (span.text.length <= (wantsFigure ? SHORT_SENTENCE : FOCUS_CHARS)) return span;
  const parts = clauses(span);
  const hits = parts.map((c, i) => ({ i, hit: coverage(c.text, terms) > 0, figure: figuresIn(c.text).length > 0 }));
  const withFigures = hits.filter((c) => c.hit && c.figure);
  // For a figure question, the clauses that name the thing and give its number are what matters.
  const relevant = wantsFigure && withFigures.length > 0 ? withFigures : hits.filter((c) => c.hit);
  if (relevant.length === 0) return cut(sectionText, span.start, Math.min(span.end, span.start + FOCUS_CHARS));
  const first = relevant[0]!.i;
  let last = first;
  // Extend over the following relevant clauses (and, for figures, the clause carrying the number).
  for (const r of relevant) if (parts[r.i]!.end - parts[first]!.start <= FOCUS_CHARS) last = r.i;
  if (wantsFigure && figuresIn(slice(sectionText, parts[first]!, parts[last]!)).length === 0) {
    const next = parts[last + 1];
    if (next && next.end - parts[first]!.start <= FOCUS_CHARS + 40) last += 1;
  }
  return cut(sectionText, parts[first]!.start, Math.max(parts[last]!.end, Math.min(span.end, parts[first]!.start + 12)));
}

function slice(text: string, a: Span, b: Span): string {
  return text.slice(a.start, b.end);
}

function cut(text: string, start: number, end: number): Span {
  // Drop trailing clause punctuation so the quote reads as a phrase.
  let e = end;
  while (e > start && /[，,；;：:\s]/.test(text[e - 1]!)) e--;
  return { text: text.slice(start, e), start, end: e };
}
