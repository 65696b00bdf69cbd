import { formsOf, type Vocabulary } from "./library-facts.js";

/** A question's term and the report wordings that count as the same thing (官司 → 诉讼), weighted by rarity. */
export interface QueryTerm {
  term: string;
  forms: string[];
  weight: number;
  /**
   * The known words a long term is made of (基层法治 → 基层 + 法治): a text with all of them, apart,
   * covers most of the term (夯实基层乡村法治基础).
   */
  parts?: string[];
}

/** What a text holding a term's parts, but not the term, is worth. */
const PARTS_SHARE = 0.8;

/** Single characters that carry no topic on their own. */
const FUNCTION_CHARS =
  /^[的了是在和与及或等个件次项年月日中上下里有无把被将对为从向就都也还又再很最更已可能会要该其各全本我区市县]$/;
const HAN = /^[\u4e00-\u9fa5]$/;

/**
 * The terms of a topic (words separated by spaces; `|` between the facets of 规范性文件和重大决策).
 * Runs of single characters jieba could not segment are joined back into the words the library knows
 * (镇/街 → 镇街, 佬/倌/俚 → 佬倌俚), and a word the library never uses is read as the known words it is made
 * of (办件量 → 办件, 复议应诉 → 复议 + 应诉).
 */
export function termsOf(topic: string, vocabulary: Vocabulary): QueryTerm[] {
  return facetsOf(topic, vocabulary)
    .flat()
    .filter((t, i, all) => all.findIndex((o) => o.term === t.term) === i);
}

/** The terms of each facet of a topic (规范性文件 | 重大 决策); one facet when the topic joins nothing. */
export function facetsOf(topic: string, vocabulary: Vocabulary): QueryTerm[][] {
  return topic
    .split("|")
    .map((facet) => facetTerms(facet, vocabulary))
    .filter((terms) => terms.length > 0);
}

function facetTerms(facet: string, vocabulary: Vocabulary): QueryTerm[] {
  const words = facet.split(/\s+/).filter(Boolean);
  const merged: string[] = [];
  let run = "";
  const flush = () => {
    merged.push(...knownParts(run, vocabulary, true));
    run = "";
  };
  for (const w of words) {
    if (HAN.test(w) && !FUNCTION_CHARS.test(w) && formsOf(w).length === 1) {
      run += w;
      continue;
    }
    flush();
    merged.push(...(w.length >= 3 && !vocabulary.knows(w) ? knownParts(w, vocabulary, false) : [w]));
  }
  flush();

  const terms = new Map<string, QueryTerm>();
  for (const term of merged) {
    if (!/[\u4e00-\u9fa5A-Za-z0-9]/.test(term)) continue;
    if ((term.length < 2 && formsOf(term).length === 1) || FUNCTION_CHARS.test(term)) continue;
    if (terms.has(term)) continue;
    const parts = term.length >= 4 ? splitKnown(term, vocabulary) : [];
    terms.set(term, { term, forms: formsOf(term), weight: vocabulary.weight(term), ...(parts.length >= 2 ? { parts } : {}) });
  }
  return [...terms.values()];
}

/**
 * The known words (two characters or more) a string is made of, longest first from the left. A run of
 * single characters nothing covers stays whole (佬倌俚 is a name the question spells out); an unknown
 * word stays whole unless known words cover most of it.
 */
export function knownParts(text: string, vocabulary: Vocabulary, run: boolean): string[] {
  if (text.length < 2) return text ? [text] : [];
  if (vocabulary.knows(text)) return [text];
  const parts: string[] = [];
  let covered = 0;
  for (let i = 0; i < text.length;) {
    let j = text.length;
    while (j - i >= 2 && !vocabulary.knows(text.slice(i, j))) j--;
    if (j - i >= 2) {
      parts.push(text.slice(i, j));
      covered += j - i;
      i = j;
    } else i++;
  }
  if (run) return parts.length ? parts : [text];
  return covered >= text.length * 0.6 ? parts : [text];
}

/**
 * A word as the two-character words it is made of (基层法治 → 基层, 法治; 行政执法监督 → 行政, 执法, 监督),
 * or [] when they do not make up most of it.
 */
function splitKnown(word: string, vocabulary: Vocabulary): string[] {
  const parts = vocabulary.pieces(word, 2).filter((p) => p.length >= 2 && vocabulary.knows(p));
  return parts.join("").length >= word.length * 0.75 ? parts : [];
}

/** How much of a term a text holds: 1 in any of its forms, PARTS_SHARE with all its parts apart, else 0. */
function termHit(text: string, t: QueryTerm): number {
  if (t.forms.some((f) => text.includes(f))) return 1;
  return t.parts && t.parts.every((p) => text.includes(p)) ? PARTS_SHARE : 0;
}

/** The weighted share of the terms a text contains (in any of their forms), 0..1. */
export function coverage(text: string, terms: readonly QueryTerm[]): number {
  let total = 0;
  let hit = 0;
  for (const t of terms) {
    total += t.weight;
    hit += t.weight * termHit(text, t);
  }
  return total === 0 ? 0 : hit / total;
}

/** The weighted share of the terms a text contains in the question's own words (收到 is not 受理). */
export function literalCoverage(text: string, terms: readonly QueryTerm[]): number {
  let total = 0;
  let hit = 0;
  for (const t of terms) {
    total += t.weight;
    if (t.forms.length > 1 ? text.includes(t.term) : t.forms.some((f) => text.includes(f))) hit += t.weight;
  }
  return total === 0 ? 0 : hit / total;
}

/** The gap within which two neighbouring terms of a question count as one phrase in a text. */
const PHRASE_GAP = 8;

/**
 * The share of neighbouring question terms a text holds in the question's order, close together:
 * 破坏公平竞争的犯罪 matches 严惩破坏公平竞争领域犯罪 as a phrase, not 打击寻衅滋事…破坏生产经营…犯罪.
 */
export function proximity(text: string, terms: readonly QueryTerm[]): number {
  if (terms.length < 2) return 0;
  let near = 0;
  for (let i = 0; i + 1 < terms.length; i++) {
    const a = firstAt(text, terms[i]!);
    if (a === null) continue;
    const b = firstAt(text.slice(a.end), terms[i + 1]!);
    if (b !== null && b.start <= PHRASE_GAP) near++;
  }
  return near / (terms.length - 1);
}

function firstAt(text: string, t: QueryTerm): { start: number; end: number } | null {
  let best: { start: number; end: number } | null = null;
  for (const f of t.forms) {
    const at = text.indexOf(f);
    if (at >= 0 && (!best || at < best.start)) best = { start: at, end: at + f.length };
  }
  return best;
}
