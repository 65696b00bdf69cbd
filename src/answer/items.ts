import type { Section } from "../corpus/report.js";
import { figuresIn, sentences, type Span } from "./sentences.js";

/**
 * The items of a section, the unit practices, problems and plans are listed in: 一是…/二是…, (一)…,
 * 1.… with the sentences that follow each opener, or, in a section written without openers, each
 * sentence. Parent headings repeated at the top of a section's text are not items.
 */
export interface Item {
  section: Section;
  /** The opening sentence (一是深化政府权责清单制度建设。). */
  lead: Span;
  /** The opener and its following sentences, up to the next opener. */
  span: Span;
  /** Whether the item opens with a list marker (一是 / (一) / 1.). */
  numbered: boolean;
}

export const ITEM_OPENER =
  /^(?:[一二三四五六七八九十]+是|[(（][一二三四五六七八九十]+[)）]|\d+[.、．]|第[一二三四五六七八九十]+[,，、])/;
/** 主要表现在： / 如下： — a sentence that only announces a list. */
const ANNOUNCES_LIST = /(?:表现在|如下|以下几方面|以下几个方面|主要有|具体如下)[^。]*[:：]\s*$/;

const cache = new WeakMap<Section, Item[]>();

export function itemsOf(section: Section): Item[] {
  let items = cache.get(section);
  if (!items) cache.set(section, (items = splitItems(section)));
  return items;
}

/** A sentence that is only a heading of this section or of a parent (一、存在的问题 / (二)优化法治化营商环境。). */
function isHeadingLine(section: Section, sentence: string): boolean {
  const bare = sentence.replace(/[。:：；;]$/, "");
  return section.path.some((heading) => heading === bare || (bare.length >= 4 && heading.startsWith(bare)));
}

function splitItems(section: Section): Item[] {
  const spans = sentences(section.text)
    .flatMap(afterListAnnouncement)
    .filter((sp) => !isHeadingLine(section, sp.text) && !ANNOUNCES_LIST.test(sp.text));
  const numbered = spans.some((sp) => ITEM_OPENER.test(sp.text));
  const items: Item[] = [];
  for (const sp of spans) {
    const last = items.at(-1);
    const opens = !numbered || ITEM_OPENER.test(sp.text) || !last;
    if (opens) items.push({ section, lead: sp, span: sp, numbered: numbered && ITEM_OPENER.test(sp.text) });
    else last.span = { text: section.text.slice(last.span.start, sp.end), start: last.span.start, end: sp.end };
  }
  return items;
}

/** 主要表现在：一是… → the framing before the colon is dropped, the item after it kept. */
function afterListAnnouncement(sp: Span): Span[] {
  const m = /^(.*?(?:表现在|如下|以下几方面|以下几个方面|主要有)[^:：]*[:：])\s*/.exec(sp.text);
  if (!m || m[0].length === sp.text.length) return [sp];
  return [{ text: sp.text.slice(m[0].length), start: sp.start + m[0].length, end: sp.end }];
}

/** The longest quote of an item; longer items are cut at a sentence or clause end. */
export const ITEM_CHARS = 160;

/** An item as a verbatim quote: its opener with as much of what follows as fits (without its list marker). */
export function itemQuote(item: Item, limit = ITEM_CHARS): Span {
  return clip(item.section.text, withoutMarker(item.span), limit);
}

/** 二是认真履行… → 认真履行…: an answer numbers its points itself. Still a slice of the same text. */
export function withoutMarker(span: Span): Span {
  const m = ITEM_OPENER.exec(span.text);
  if (!m || m[0].length >= span.text.length) return span;
  const skip = m[0].length + (span.text.slice(m[0].length).length - span.text.slice(m[0].length).trimStart().length);
  return { text: span.text.slice(skip), start: span.start + skip, end: span.end };
}

/** A span cut to about `limit` characters at the last sentence end, else clause end, inside it. */
export function clip(text: string, span: Span, limit: number): Span {
  if (span.end - span.start <= limit) return trimEnd(text, span.start, span.end);
  const window = text.slice(span.start, span.start + limit);
  const sentenceEnd = Math.max(...[...window.matchAll(/[。；;！？]/g)].map((m) => m.index + 1), 0);
  const clauseEnd = Math.max(...[...window.matchAll(/[，,、：:]/g)].map((m) => m.index), 0);
  const end = sentenceEnd >= limit * 0.4 ? sentenceEnd : clauseEnd >= limit * 0.4 ? clauseEnd : limit;
  return trimEnd(text, span.start, span.start + end);
}

function trimEnd(text: string, start: number, end: number): Span {
  let e = end;
  while (e > start && /[，,；;：:、\s]/.test(text[e - 1]!)) e--;
  return { text: text.slice(start, e), start, end: e };
}

/** A named initiative the report itself quotes: “佬倌俚”工作室, “1+3”多元解纷模式, 「…」. */
export const NAMED = /[“「][^”」]{2,16}[”」]/;

/** A sentence of a report, with the section it stands in. */
export interface Located {
  section: Section;
  span: Span;
}

/**
 * The sentences that best say what sections are about, in reading order: those that name an initiative
 * the report quotes or give a figure, and, among the first few, the earlier ones; a sentence that only
 * repeats a heading or announces a list is never one.
 */
export function notableSentences(
  sections: readonly Section[],
  max: number,
  keep: (span: Span) => boolean = () => true,
): Located[] {
  const candidates: (Located & { score: number; order: number })[] = [];
  for (const section of sections) {
    const spans = sentences(section.text).filter(
      (sp) =>
        !isHeadingLine(section, sp.text) &&
        !ANNOUNCES_LIST.test(sp.text) &&
        sp.text.length >= 12 &&
        !(ITEM_OPENER.test(sp.text) && sp.text.length <= 30 && figuresIn(sp.text).length === 0) &&
        keep(sp),
    );
    for (const span of spans) {
      const early = [0.6, 0.4, 0.2][candidates.length] ?? 0;
      const score =
        (NAMED.test(span.text) ? 1 : 0) + (figuresIn(span.text).length > 0 ? 1 : 0) + early - (span.text.length > 200 ? 0.3 : 0);
      candidates.push({ section, span, score, order: candidates.length });
    }
  }
  return candidates
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, max)
    .sort((a, b) => a.order - b.order)
    .map(({ section, span }) => ({ section, span }));
}
