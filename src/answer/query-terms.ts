import type { Segmenter } from "../search/segmenter.js";
import { expandTerm, hasSynonyms, type QueryTerm } from "./evidence.js";

/** Single characters that carry no topic on their own. */
const FUNCTION_CHARS = /^[的了是在和与及或等个件次项年月日中上下里有无把被将对为从向就都也还又再很最更已可能会要该其各全本我区市县]$/;
const HAN = /^[\u4e00-\u9fa5]$/;

/**
 * The terms of a question's topic, weighted by how rare they are in the library. Runs of single
 * characters jieba could not segment (佬/倌/俚) are joined back into one term (佬倌俚).
 */
export function queryTerms(topic: string, rarity: (term: string) => number, segmenter: Segmenter): QueryTerm[] {
  const words = segmenter.cut(topic).map((w) => w.trim()).filter(Boolean);
  const merged: string[] = [];
  let run = "";
  for (const w of words) {
    if (HAN.test(w) && !FUNCTION_CHARS.test(w) && !hasSynonyms(w)) {
      run += w;
      continue;
    }
    if (run) merged.push(run);
    run = "";
    merged.push(w);
  }
  if (run) merged.push(run);

  const terms = new Map<string, QueryTerm>();
  for (const term of merged) {
    if (!/[\u4e00-\u9fa5A-Za-z0-9]/.test(term)) continue;
    if ((term.length < 2 && !hasSynonyms(term)) || FUNCTION_CHARS.test(term)) continue;
    if (!terms.has(term)) terms.set(term, { term, forms: expandTerm(term), weight: rarity(term) });
  }
  return [...terms.values()];
}

/**
 * Inverse document frequency over sections, by substring (the way coverage is judged), cached per
 * term. Terms found nowhere get the highest weight: a question about them cannot be covered.
 */
export class Rarity {
  private readonly cache = new Map<string, number>();

  constructor(private readonly texts: string[]) {}

  of = (term: string): number => {
    let w = this.cache.get(term);
    if (w === undefined) {
      const forms = expandTerm(term);
      let df = 0;
      for (const t of this.texts) if (forms.some((f) => t.includes(f))) df++;
      w = Math.log(1 + this.texts.length / (1 + df));
      this.cache.set(term, w);
    }
    return w;
  };
}
