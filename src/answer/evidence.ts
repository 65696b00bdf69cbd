import type { Report, Section, SectionKind } from "../corpus/report.js";
import { clip, type Item, ITEM_CHARS, itemQuote, itemsOf, withoutMarker } from "./items.js";
import { sentences, type Span } from "./sentences.js";
import type { Vocabulary } from "./library-facts.js";
import { coverage, facetsOf, literalCoverage, type QueryTerm, termsOf } from "./terms.js";
import type { Understanding } from "./understand.js";

/** A section of a report, ready to be quoted; `rank` is its place among the retrieved sections. */
export interface Evidence {
  rank: number;
  section: Section;
  report: Report;
}

/**
 * What a question is about, as weighted terms; `facets` are the parts it joins (规范性文件 | 重大决策),
 * each enough on its own; `context` (a follow-up's earlier topic) only breaks ties.
 */
export interface Theme {
  terms: QueryTerm[];
  facets: QueryTerm[][];
  context: QueryTerm[];
}

/** Kinds that answer with a whole report, or a whole part of one, when the question names no theme. */
const WHOLE_PART_KINDS: ReadonlySet<string> = new Set(["outline", "overview", "problems", "plans"]);

/**
 * The theme of a question. A request for a whole report or part (an outline, the problems) whose words
 * are none of them a domain term, a word of the reports' headings or a name the user quoted — 三分钟讲清楚,
 * 原因是怎么分析的 — names no theme: the whole report or part answers it.
 */
export function themeOf(u: Understanding, vocabulary: Vocabulary): Theme {
  const terms = termsOf(u.topic, vocabulary);
  const quoted = [...u.question.matchAll(/[“"「『]([^”"」』]+)[”"」』]/g)].map((m) => m[1]!);
  const chat = (t: QueryTerm) => !vocabulary.isDomain(t.term) && !quoted.some((q) => q.includes(t.term));
  if (WHOLE_PART_KINDS.has(u.kind) && !u.figure && terms.length > 0 && terms.every(chat))
    return { terms: [], facets: [], context: [] };
  return { terms, facets: facetsOf(u.topic, vocabulary), context: termsOf(u.context, vocabulary) };
}

/** How much of a joined theme one facet alone is worth. */
export const FACET_SHARE = 0.85;

/** The share of the theme a text covers: all of it, or one of its facets. */
export function themeCoverage(text: string, theme: Theme): number {
  let best = coverage(text, theme.terms);
  if (theme.facets.length > 1) for (const facet of theme.facets) best = Math.max(best, FACET_SHARE * coverage(text, facet));
  return best;
}

export interface ScoredItem {
  item: Item;
  report: Report;
  /** How well the item (with its headings) covers the theme, about 0..1. */
  score: number;
  /** How well the item's heading path alone covers the theme. */
  heading: number;
}

/**
 * The least score of an item that counts as being about the theme: half the theme's weight, in the
 * item's own words or its headings'. Below it the report is taken to be silent on the theme.
 */
export const ON_THEME = 0.5;

/** How well a text covers the theme in its own words, or (worth a little less) with its headings. */
export function textOnTheme(path: string, text: string, theme: Theme): number {
  return Math.max(themeCoverage(text, theme), HEADED_SHARE * themeCoverage(`${path} ${text}`, theme));
}

/** What the theme found only with the help of a heading is worth. */
const HEADED_SHARE = 0.85;

/** Every item of a report's sections of the given kinds, scored against the theme, best first. */
export function scoreItems(report: Report, theme: Theme, kinds: readonly SectionKind[] | null = null): ScoredItem[] {
  const scored: ScoredItem[] = [];
  for (const section of report.sections) {
    if (kinds && !kinds.includes(section.kind)) continue;
    const path = section.path.join(" ");
    const heading = themeCoverage(path, theme);
    for (const item of itemsOf(section)) {
      const text = item.span.text;
      const score =
        textOnTheme(path, text, theme) +
        0.05 * literalCoverage(text, theme.terms) +
        (theme.context.length ? 0.1 * coverage(`${path} ${text}`, theme.context) : 0);
      scored.push({ item, report, score, heading });
    }
  }
  return scored.sort(
    (a, b) => b.score - a.score || a.item.section.start + a.item.span.start - (b.item.section.start + b.item.span.start),
  );
}

/** Items in the order they stand in the report. */
export function inReadingOrder<T extends { item: Item }>(items: T[]): T[] {
  return [...items].sort((a, b) => a.item.section.start + a.item.span.start - (b.item.section.start + b.item.span.start));
}

/** A lead this short (二是认真履行区委依法治区办职责。) titles its item and is quoted with it when it fits. */
const TITLE_CHARS = 30;

/**
 * An item as a verbatim quote on the theme: a short item whole; a long one from its sentence that best
 * covers the theme, widened over neighbouring sentences on the theme (and its title) within the limit.
 */
export function themedQuote(item: Item, theme: Theme, limit = ITEM_CHARS): Span {
  if (item.span.end - item.span.start <= limit || theme.terms.length === 0) return itemQuote(item, limit);
  const text = item.section.text;
  const parts = sentences(text).filter((sp) => sp.start >= item.span.start && sp.end <= item.span.end);
  const scores = parts.map((sp) => themeCoverage(sp.text, theme));
  const best = scores.indexOf(Math.max(...scores));
  if (best <= 0 || scores[best] === 0) return itemQuote(item, limit);
  let first = best;
  let last = best;
  const fits = (a: number, b: number) => parts[b]!.end - parts[a]!.start <= limit;
  while (last + 1 < parts.length && scores[last + 1]! > 0 && fits(first, last + 1)) last++;
  while (first - 1 >= 0 && scores[first - 1]! > 0 && fits(first - 1, last)) first--;
  if (first > 0 && parts[0]!.text.length <= TITLE_CHARS && item.numbered && fits(0, last) && first === 1) first = 0;
  const start = parts[first]!.start;
  return clip(text, withoutMarker({ text: text.slice(start, parts[last]!.end), start, end: parts[last]!.end }), limit);
}
