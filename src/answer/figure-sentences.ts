import type { Section } from "../corpus/report.js";
import { TOTAL, unitClass } from "../lexicon/units.js";
import type { Evidence } from "./evidence.js";
import { FACET_SHARE } from "./evidence.js";
import { ITEM_OPENER, itemsOf } from "./items.js";
import { clauses, FIGURE, figuresIn, sentences, type Span } from "./sentences.js";
import { coverage, literalCoverage, proximity, type QueryTerm } from "./terms.js";

/** Choosing the sentence, and within it the clauses, that state a figure a question asks for. */

/** How much a figure in a sentence counts when the question asks for one (its absence costs half). */
const FIGURE_WEIGHT = 0.3;
/** A quantity of none, said in words. */
const NONE = /未收到|未发生|未出现|未有|无一|零起|零件|均未/;

export interface ScoredSpan {
  evidence: Evidence;
  span: Span;
  /** Weighted share of the query terms the sentence (with its heading path) contains, 0..1. */
  coverage: number;
  /** The same, in the sentence's own words only. */
  own: number;
  score: number;
}

export interface SentenceScoring {
  terms: QueryTerm[];
  /**
   * The parts a question joins as alternatives (合同、法制件，哪个区审得最多), each enough on its own;
   * [] when a sentence must cover all the terms.
   */
  facets: QueryTerm[][];
  /** A follow-up's earlier topic: a small bonus, never required. */
  context: QueryTerm[];
  wantsFigure: boolean;
  /** The measure word the question asks in (多少件 → 件): a figure in that unit is the likelier answer. */
  unit: string | null;
  /** problems/plans questions prefer those sections; other questions prefer what was done. */
  preferredKind: Section["kind"] | null;
}

/** A sentence that only restates a heading (一是积极做好行政复议工作。) says little on its own. */
function isHeadingOnly(sentence: string, heading: string): boolean {
  if (heading.length > 0 && sentence.startsWith(heading) && sentence.length <= heading.length + 2) return true;
  return ITEM_OPENER.test(sentence) && sentence.length <= 30 && figuresIn(sentence).length === 0;
}

/** Whether a sentence gives a figure of the kind asked: a count for 多少件, a rate for 比例 (not a rate for a count). */
export function givesAskedFigure(text: string, unit: string | null): boolean {
  const figures = figuresIn(text);
  if (unit === "%") return figures.some((f) => unitClass(f) === "ratio");
  if (NONE.test(text)) return true;
  return figures.some((f) => unitClass(f) !== "ratio");
}

/** Scores every sentence of every evidence section; the heading path counts as context for coverage. */
export function scoreSentences(evidence: Evidence[], scoring: SentenceScoring): ScoredSpan[] {
  const scored: ScoredSpan[] = [];
  const askedClass = scoring.unit ? unitClass(`1${scoring.unit}`) : "";
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
    const items = itemsOf(ev.section);
    for (const span of sentences(ev.section.text)) {
      if (span.text.length < 6) continue;
      // 二是加强行权事项网上运行工作。 titles the figures that follow it, as a heading does.
      const title = items.find((it) => it.numbered && it.lead.start < span.start && it.span.end >= span.end)?.lead.text ?? "";
      const covers = (text: string) =>
        Math.max(coverage(text, scoring.terms), ...scoring.facets.map((facet) => FACET_SHARE * coverage(text, facet)));
      const own = covers(span.text);
      const cov = Math.max(own, covers(`${context} ${title} ${span.text}`) * 0.9);
      // 未收到行政复议申请 answers 收到多少 as well as a number does.
      const figures = figuresIn(span.text);
      const asked = givesAskedFigure(span.text, scoring.unit);
      const inUnit =
        scoring.unit === null ||
        NONE.test(span.text) ||
        figures.some((f) => f.endsWith(scoring.unit!) || unitClass(f) === askedClass);
      const figureBonus = scoring.wantsFigure
        ? asked
          ? inUnit
            ? FIGURE_WEIGHT
            : FIGURE_WEIGHT / 2
          : -FIGURE_WEIGHT / 2
        : figures.length > 0
          ? 0.05
          : 0;
      // Low enough to fall below the floor of a pick: a heading is quoted only when nothing else covers the question.
      const brevity = isHeadingOnly(span.text, ev.section.heading) ? -0.6 : 0;
      const exact = 0.1 * literalCoverage(span.text, scoring.terms);
      const hint = scoring.context.length ? 0.1 * coverage(`${context} ${span.text}`, scoring.context) : 0;
      const phrase = 0.15 * proximity(span.text, scoring.terms) + 0.05 * namedBeforeFigure(span.text, scoring.terms);
      const score = cov + 0.5 * own + exact + phrase + hint + figureBonus + kindBonus + brevity + 0.08 / ev.rank;
      scored.push({ evidence: ev, span, coverage: cov, own, score });
    }
  }
  return scored.sort((a, b) => b.score - a.score);
}

/** The longest quote focus() gives for a long sentence. */
const FOCUS_CHARS = 150;
/** A figure's quote takes in the short clauses after it that give figures too (受理68件,审理办结58件). */
const FIGURE_CLAUSE_CHARS = 24;
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
  if (wantsFigure && figuresIn(sectionText.slice(parts[first]!.start, parts[last]!.end)).length === 0) {
    const next = parts[last + 1];
    if (next && next.end - parts[first]!.start <= FOCUS_CHARS + 40) last += 1;
  }
  // 办件13608件,办结13451件: the figures that follow in the next clauses complete the statement.
  for (let next = parts[last + 1]; wantsFigure && next && figuresIn(next.text).length > 0; next = parts[last + 1]) {
    if (next.text.length > FIGURE_CLAUSE_CHARS || next.end - parts[first]!.start > FOCUS_CHARS + 40) break;
    last += 1;
  }
  return cut(sectionText, parts[first]!.start, Math.max(parts[last]!.end, Math.min(span.end, parts[first]!.start + 12)));
}

function cut(text: string, start: number, end: number): Span {
  // Drop trailing clause punctuation so the quote reads as a phrase.
  let e = end;
  while (e > start && /[，,；;：:\s]/.test(text[e - 1]!)) e--;
  return { text: text.slice(start, e), start, end: e };
}

/** The figure a quote gives for the question: the first number in the clause that best covers the terms. */
export function keyFigure(quote: Span, terms: QueryTerm[], unit: string | null): string | undefined {
  let best: { figure: string; score: number } | undefined;
  for (const clause of clauses(quote)) {
    const figure = figuresIn(clause.text).find((f) => unit !== "%" || unitClass(f) === "ratio");
    const score = coverage(clause.text, terms) + 0.2 * literalCoverage(clause.text, terms);
    if (figure && (!best || score > best.score)) best = { figure, score };
  }
  return best?.figure;
}

/** A clause stating a figure, with how well it names the measure asked. */
export interface MeasureClause {
  quote: Span;
  figure: string;
  score: number;
}

/**
 * The clauses of a sentence that state a figure of the asked kind for the measure asked (进行人民调解3次,
 * not the 12891条 of the same sentence), best first: by how much of the question they name in their own
 * words, as a phrase, in the asked unit, as a total (全年共收到…) rather than a part of one.
 */
export function measureClauses(span: Span, terms: QueryTerm[], unit: string | null): MeasureClause[] {
  const found: MeasureClause[] = [];
  const askedClass = unit ? unitClass(`1${unit}`) : null;
  const parts = clauses(span);
  // 村居法律顾问登记工作台账12891条,…,进行人民调解3次: a sentence names its subject once, in its first
  // clause; the clauses after it list what was counted. The subject's terms do not tell them apart.
  const subject = parts.find((c) => coverage(c.text, terms) > 0);
  const counted = subject ? terms.filter((t) => coverage(subject.text, [t]) === 0) : [];
  // …unless no clause names what is counted: then every term counts (评查行政处罚卷120余卷).
  const listsCounts = parts.filter((c) => figuresIn(c.text).length > 0).length >= 2;
  const measure =
    listsCounts && counted.length && parts.some((c) => c !== subject && coverage(c.text, counted) > 0) ? counted : terms;
  for (const clause of parts) {
    const figure = figuresIn(clause.text).find((f) => (unit === "%" ? unitClass(f) === "ratio" : unitClass(f) !== "ratio"));
    const none = !figure && NONE.test(clause.text);
    if (!figure && !none) continue;
    const own = coverage(clause.text, measure);
    if (own === 0) continue;
    const score =
      own +
      0.2 * proximity(clause.text, measure) +
      0.1 * literalCoverage(clause.text, terms) +
      (figure && askedClass && unitClass(figure) === askedClass ? 0.3 : 0) +
      (TOTAL.test(clause.text) ? 0.15 : 0);
    found.push({ quote: trimClause(clause), figure: figure ?? "0", score });
  }
  return found.sort((a, b) => b.score - a.score);
}

function trimClause(clause: Span): Span {
  const text = clause.text.replace(/[，,；;：:、。]+$/, "");
  return { text, start: clause.start, end: clause.start + text.length };
}

/**
 * 有具体数据吗: a question for the figures in general gets the statement with the figures after it
 * (…10件14人；…合同诈骗案件7件14人,保险诈骗案件2件2人), up to FOCUS_CHARS, not into the next item.
 */
export function withFollowingFigures(sectionText: string, span: Span): Span {
  let end = span.end;
  for (const next of sentences(sectionText)) {
    if (next.start < end) continue;
    if (ITEM_OPENER.test(next.text) || figuresIn(next.text).length === 0 || next.end - span.start > FOCUS_CHARS) break;
    end = next.end;
  }
  return end === span.end ? span : cut(sectionText, span.start, end);
}

/** How close before a figure the question's terms stand: 持有执法证人员共1578人, not 全区共175人参考. */
const BEFORE_FIGURE = 8;

/** 1 when a term ends within BEFORE_FIGURE characters before a figure of the sentence, else 0. */
function namedBeforeFigure(text: string, terms: QueryTerm[]): number {
  for (const m of text.matchAll(FIGURE)) {
    const before = text.slice(Math.max(0, m.index - BEFORE_FIGURE), m.index);
    if (/^(?:19|20)\d{2}$/.test(m[0])) continue;
    if (terms.some((t) => t.forms.some((f) => before.includes(f)))) return 1;
  }
  return 0;
}
