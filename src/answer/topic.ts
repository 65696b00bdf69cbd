import { ACTION_WORDS, CONJUNCTION, FILLERS, HOW_MANY_WORD, MEASURE_PREFIX, REQUEST_PHRASES } from "../lexicon/question-cues.js";
import type { Filters } from "../search/filters.js";
import type { LibraryFacts } from "./library-facts.js";
import { knownParts } from "./terms.js";

/** 2023年 / 2023年度, removed from the topic. */
const YEAR_WORDS = /(?:19|20)?\d{2}\s*年度?/g;
/** 多少 / 几: what follows is counted. */
const HOW_MUCH = /^(?:多少|几|几个)$/;
/** jieba tags of words that name a thing; a word the library never uses is a topic only if it is one. */
const NOUN_TAG = /^(?:n|nr|ns|nt|nz|nrt|eng|vn|j|l)$/;

/**
 * What a question is about: the question minus places, years, issuers, request phrases and fillers, as
 * words separated by spaces, with `|` between the facets it joins (规范性文件 | 重大 决策).
 */
export function topicOf(text: string, filters: Filters, places: string[], facts: LibraryFacts): string {
  // 法治政府建设 is what every report is about, so it narrows nothing.
  let topic = text.replace(YEAR_WORDS, " ").replaceAll("法治政府建设", " ");
  for (const issuer of filters.issuers) {
    // 澄海司法局 as well as 澄海区司法局: the organ word names the issuer, not the topic.
    topic = topic.replaceAll(issuer, " ").replaceAll(issuer.replace(/^.*?[区县市旗]/, ""), " ");
  }
  // The library's own names first, longest first: 江西南昌 is 江西 + 南昌, not 江 + 西南 + 昌.
  for (const place of [...facts.placeNames, ...places.sort((a, b) => b.length - a.length)]) topic = topic.replaceAll(place, " ");
  const words: string[] = [];
  let counted = false;
  for (const { word: raw, tag } of facts.segmenter.tag(
    topic.replace(REQUEST_PHRASES, (m) => (HOW_MUCH.test(m) ? "多少" : " ")),
  )) {
    const word = raw.replace(MEASURE_PREFIX, "");
    // 多少问题: the word after 多少 is what is counted, even a word that is otherwise filler.
    const measured = counted && NOUN_TAG.test(tag);
    counted = HOW_MUCH.test(word) || (counted && /^[个件项条名位次]$/.test(word));
    if (measured) words.push(word);
    else if (counted) continue;
    else if (CONJUNCTION.test(word)) words.push("|");
    else if (/[\u4e00-\u9fa5A-Za-z]/.test(word) && !FILLERS.has(word) && !HOW_MANY_WORD.test(word)) {
      // 外资 / GDP name a topic even if no report uses them; 办件量 is read as 办件; 咋弄 / 搞的 are chat.
      if (facts.vocabulary.knows(word) || NOUN_TAG.test(tag)) words.push(word);
      else words.push(...knownParts(word, facts.vocabulary, false).filter((p) => p !== word));
    }
  }
  // A facet of action words alone (规范 … 和 清理) belongs to its neighbours; so do empty facets.
  const facets = words
    .join(" ")
    .split("|")
    .map((f) => f.trim().split(/\s+/).filter(Boolean))
    .filter((f) => f.some((w) => !ACTION_WORDS.has(w)));
  if (facets.length === 0) return words.filter((w) => w !== "|" && !ACTION_WORDS.has(w)).join(" ");
  const lean = facets.map((f) => (f.length > 1 ? f.filter((w) => !ACTION_WORDS.has(w)) : f));
  // 行政执法人员培训、考试、领证: in a list of three or more, the head of the first item goes with each.
  const [head, ...rest] = lean;
  if (lean.length >= 3 && head!.length >= 2 && rest.every((f) => f.length === 1)) {
    const subject = head!.slice(0, -1);
    return [head!, ...rest.map((f) => [...subject, ...f])].map((f) => f.join(" ")).join(" | ");
  }
  return lean.map((f) => f.join(" ")).join(" | ");
}
