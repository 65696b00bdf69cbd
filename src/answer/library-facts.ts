import type { Report } from "../corpus/report.js";
import { DOMAIN_TERMS } from "../lexicon/domain-terms.js";
import { reportWordings } from "../lexicon/wordings.js";
import type { Catalog } from "../search/filters.js";
import type { Segmenter } from "../search/segmenter.js";

/**
 * What the library knows, for understanding questions: its places and years (to tell "not in the
 * library" from "not found") and its vocabulary (how rare a word is, and whether it occurs at all).
 */
export class LibraryFacts {
  /** Every name of a place the library holds (鱼峰区, 鱼峰, 柳州市, 柳州 …), longest first. */
  readonly placeNames: string[];
  readonly vocabulary: Vocabulary;

  constructor(
    readonly reports: readonly Report[],
    readonly catalog: Catalog,
    readonly segmenter: Segmenter,
  ) {
    this.placeNames = catalog.aliases.map((a) => a.alias);
    this.vocabulary = new Vocabulary(
      reports.flatMap((r) => r.sections.map((s) => `${s.path.join(" ")} ${s.text}`)),
      [...new Set(reports.flatMap((r) => r.sections.flatMap((s) => s.path)))].join(" "),
      segmenter,
    );
  }

  knowsPlace(name: string): boolean {
    return this.placeNames.some(
      (known) => name === known || name.endsWith(known) || known.endsWith(name) || (name.length >= 2 && known.startsWith(name)),
    );
  }

  /** Whether an alias names the region itself (鱼峰区, 鱼峰) rather than a larger unit it lies in (柳州). */
  namesRegionItself(alias: string, region: string): boolean {
    return alias === region || (alias.length >= 2 && region.startsWith(alias) && region.length - alias.length <= 1);
  }

  yearsOf(region: string): number[] {
    return [...new Set(this.reports.flatMap((r) => (r.region === region && r.year !== null ? [r.year] : [])))].sort();
  }
}

/** The forms of a question's word that count as the same thing in a report (官司 → 诉讼). */
export function formsOf(term: string): string[] {
  const synonyms = reportWordings(term);
  // A single character matches inside unrelated words (输 in 运输), so only its synonyms count.
  return term.length === 1 && synonyms.length ? synonyms : [term, ...synonyms];
}

/**
 * Inverse document frequency over sections, by substring (the way coverage is judged), cached per
 * term. Terms found nowhere get the highest weight: a question about them cannot be covered.
 */
export class Vocabulary {
  private readonly cache = new Map<string, { weight: number; df: number }>();

  constructor(
    private readonly texts: string[],
    /** Every heading of the library: the reports' own names for what they cover. */
    private readonly headings: string,
    private readonly segmenter: Segmenter,
  ) {}

  /** A word cut into the dictionary words of at most `max` characters that make it up (基层法治 → 基层, 法治). */
  pieces(word: string, max: number): string[] {
    return this.segmenter.cutSmall(word, max);
  }

  private entry(term: string) {
    let e = this.cache.get(term);
    if (!e) {
      const forms = formsOf(term);
      let df = 0;
      for (const t of this.texts) if (forms.some((f) => t.includes(f))) df++;
      e = { weight: Math.log(1 + this.texts.length / (1 + df)), df };
      this.cache.set(term, e);
    }
    return e;
  }

  weight = (term: string): number => this.entry(term).weight;

  /** Whether any section of the library uses the word (or a report wording of it). */
  knows = (term: string): boolean => this.entry(term).df > 0;

  /** Whether the word names something of the domain: a domain term, or a word of the reports' headings. */
  isDomain = (term: string): boolean => DOMAIN_TERMS.has(term) || (term.length >= 2 && this.headings.includes(term));
}
