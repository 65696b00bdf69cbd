import type { Report, Section } from "../corpus/report.js";
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

/**
 * Everyday words mapped to the wording reports use. Domain vocabulary, used both to widen
 * retrieval and to judge whether a sentence covers the question.
 */
const SYNONYMS: Record<string, string[]> = {
  官司: ["诉讼", "应诉"],
  打官司: ["诉讼"],
  输: ["败诉"],
  输掉: ["败诉"],
  赢: ["胜诉"],
  告: ["诉讼", "被告"],
  复议: ["行政复议"],
  收到: ["受理", "接收"],
  案子: ["案件", "案卷"],
  备案: ["报备"],
  审核: ["审查"],
  审查: ["审核"],
  合法性审核: ["合法性审查"],
  合法性审查: ["合法性审核"],
  培育: ["培训", "培养"],
  移交: ["移送"],
  能办: ["可办"],
  比例: ["占比", "率"],
  比率: ["占比", "率"],
  申请: ["案件"],
  受理: ["收到"],
  老百姓: ["群众"],
  百姓: ["群众"],
  市民: ["群众"],
  出庭率: ["出庭应诉率"],
  执法证: ["执法证件", "持证"],
  普法: ["法治宣传", "普法"],
  网办: ["网上办", "全程网办", "网上可办"],
  办事: ["政务服务", "办件"],
  罚款: ["罚没", "罚款金额"],
  考试: ["考法", "考试"],
  律师: ["法律顾问", "律师"],
  信访: ["上访", "信访"],
  短板: ["不足", "问题"],
  不足: ["问题", "短板"],
  问题: ["不足", "短板"],
  明年: ["下一步", "工作计划", "工作安排", "工作打算"],
  计划: ["工作安排", "打算", "下一步"],
  新开: ["新设"],
  开办企业: ["新设企业"],
  法律援助: ["法援", "法律援助"],
};

export function hasSynonyms(term: string): boolean {
  return term in SYNONYMS;
}

export function expandTerm(term: string): string[] {
  const synonyms = SYNONYMS[term] ?? [];
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
  /** problems/plans questions prefer those sections; other questions prefer what was done. */
  preferredKind: Section["kind"] | null;
}

const ITEM_OPENER = /^(?:[一二三四五六七八九十]+是|[(（][一二三四五六七八九十]+[)）]|\d+[.、．])/;

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
      const hasFigure = figuresIn(span.text).length > 0 || NONE.test(span.text);
      const figureBonus = scoring.wantsFigure ? (hasFigure ? FIGURE_WEIGHT : -FIGURE_WEIGHT / 2) : hasFigure ? 0.05 : 0;
      const brevity = isHeadingOnly(span.text, ev.section.heading) ? -0.35 : 0;
      const score = cov + 0.5 * own + figureBonus + kindBonus + brevity + 0.08 / ev.rank;
      scored.push({ evidence: ev, span, coverage: cov, score });
    }
  }
  return scored.sort((a, b) => b.score - a.score);
}

/**
 * The part of a long sentence that matters: the run of clauses from the first to the last one that
 * mentions a query term (or, for figures, a number next to one), within `budget` characters.
 * Always a contiguous slice of the section, so the quote stays verbatim.
 */
export function focus(sectionText: string, span: Span, terms: QueryTerm[], wantsFigure: boolean, budget = 150): Span {
  if (span.text.length <= budget) return span;
  const parts = clauses(span);
  const hits = parts.map((c, i) => ({ i, hit: coverage(c.text, terms) > 0, figure: figuresIn(c.text).length > 0 }));
  const withFigures = hits.filter((c) => c.hit && c.figure);
  // For a figure question, the clauses that name the thing and give its number are what matters.
  const relevant = wantsFigure && withFigures.length > 0 ? withFigures : hits.filter((c) => c.hit);
  if (relevant.length === 0) return cut(sectionText, span.start, Math.min(span.end, span.start + budget));
  const first = relevant[0]!.i;
  let last = first;
  // Extend over the following relevant clauses (and, for figures, the clause carrying the number).
  for (const r of relevant) if (parts[r.i]!.end - parts[first]!.start <= budget) last = r.i;
  if (wantsFigure && figuresIn(slice(sectionText, parts[first]!, parts[last]!)).length === 0) {
    const next = parts[last + 1];
    if (next && next.end - parts[first]!.start <= budget + 40) last += 1;
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
