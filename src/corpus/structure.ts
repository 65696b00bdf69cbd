import type { Section, SectionKind } from "./report.js";
import { PLANS_HEADING, PROBLEMS_HEADING } from "../lexicon/section-kinds.js";

/**
 * The heading tree of a report body: 一、 / (一) / 1. in whatever nesting the report uses (the
 * first style met is the top level, so reports numbered 1./2. at the top work too). Each section
 * is a run of whole lines, so its text is an exact slice of the cleaned report text.
 */

export interface TextLine {
  text: string;
  /** Offsets of the line in the report text. */
  start: number;
  end: number;
}

type HeadingStyle = "part" | "chinese" | "parenthesized" | "arabic" | "parenthesizedArabic" | "attachment";

export interface Heading {
  style: HeadingStyle;
  /** The heading as printed, without the sentence that may follow it on the same line. */
  text: string;
  /** True when body text follows the heading on the same line ("(一)科学部署规划。坚持…"). */
  inlineBody: boolean;
}

const HEADING_MARKERS: ReadonlyArray<readonly [HeadingStyle, RegExp]> = [
  ["part", /^第[一二三四五六七八九十]{1,3}(?:部分|章)/],
  ["chinese", /^[一二三四五六七八九十]{1,3}[、，,．.]/],
  ["parenthesized", /^[(（][一二三四五六七八九十]{1,3}[)）]/],
  // "2.5亿元" is a number, but "3.2023年工作打算" is item 3 about a year.
  ["arabic", /^\d{1,2}[.．、](?:(?!\d)|(?=\d{4}年))/],
  ["parenthesizedArabic", /^[(（]\d{1,2}[)）]/],
  // 附件1：…统计表 — always a part of its own, whatever nesting the body uses.
  ["attachment", /^附件\s*[一二三四五六七八九十\d]*\s*(?:[:：、.．]|(?=[\u4e00-\u9fa5]))/],
];

/** The longest a heading can be; longer numbered lines are body paragraphs. */
const MAX_HEADING = 60;

export function parseHeading(line: string): Heading | null {
  // A table row flattened to text (1.行政复议 | 70件 |) is data, not a heading.
  if ((line.match(/\|/g)?.length ?? 0) >= 2) return null;
  for (const [style, marker] of HEADING_MARKERS) {
    const m = marker.exec(line);
    if (!m) continue;
    if (line.length === m[0].length) return null;
    const stop = line.slice(0, MAX_HEADING + 1).search(/[。！？!?]/);
    if (stop > m[0].length) {
      return { style, text: line.slice(0, stop), inlineBody: stop + 1 < line.length };
    }
    if (stop < 0 && line.length <= MAX_HEADING) {
      return { style, text: line.replace(/[:：]$/, ""), inlineBody: false };
    }
    return null;
  }
  return null;
}

/** The kind a top-level part declares in its heading, or null when it is a plain measures part. */
function kindOfPart(heading: string): "problems" | "plans" | null {
  if (PROBLEMS_HEADING.test(heading)) return "problems";
  if (PLANS_HEADING.test(heading)) return "plans";
  return null;
}

interface OpenSection {
  first: number;
  last: number;
  path: string[];
  hasBody: boolean;
}

/** Sections in a headingless body are cut at paragraph ends near this size. */
const HEADINGLESS_SECTION_CHARS = 1500;
/** Longer sections (a page flattened to one line) are cut at sentence ends into pieces of about this size. */
const MAX_SECTION_CHARS = 4000;
const PIECE_CHARS = 2000;

export function buildSections(text: string, lines: TextLine[], reportId: string): Section[] {
  const runs: OpenSection[] = [];
  const stack: { style: HeadingStyle; text: string }[] = [];
  let open: OpenSection | null = null;
  let sawHeading = false;

  lines.forEach((line, i) => {
    const heading = parseHeading(line.text);
    if (!heading) {
      if (open) {
        open.last = i;
        open.hasBody = true;
      } else {
        open = { first: i, last: i, path: [], hasBody: true };
      }
      return;
    }
    sawHeading = true;
    const level = heading.style === "attachment" ? 0 : stack.findIndex((entry) => entry.style === heading.style);
    if (level >= 0) stack.length = level;
    stack.push({ style: heading.style, text: heading.text });
    const path = stack.map((entry) => entry.text);
    // A heading line with nothing under it but a deeper heading opens its first child's section.
    const mergeIntoChild = open !== null && !open.hasBody && level < 0;
    if (open && mergeIntoChild) {
      open.path = path;
      open.last = i;
      open.hasBody = heading.inlineBody;
      return;
    }
    if (open) runs.push(open);
    open = { first: i, last: i, path, hasBody: heading.inlineBody };
  });
  if (open) runs.push(open);

  const pieces = sawHeading ? runs : (splitAtLeadSentences(lines, runs) ?? splitHeadingless(lines, runs));
  const kinds = partKinds(pieces.map((run) => run.path[0] ?? null));
  const spans = pieces.flatMap((run, n) => {
    const start = lines[run.first]?.start ?? 0;
    const end = lines[run.last]?.end ?? start;
    const kind = kinds[n] ?? "other";
    return cutLongSpan(text, start, end).map(([from, to]) => ({ path: run.path, kind, start: from, end: to }));
  });
  return spans.map((span, n) => ({
    id: `${reportId}-${n + 1}`,
    reportId,
    path: span.path,
    heading: span.path[span.path.length - 1] ?? "",
    kind: span.kind,
    text: text.slice(span.start, span.end),
    start: span.start,
    end: span.end,
  }));
}

/** Cuts [start, end) after sentence ends into pieces of about PIECE_CHARS when it is too long. */
function cutLongSpan(text: string, start: number, end: number): Array<[number, number]> {
  if (end - start <= MAX_SECTION_CHARS) return [[start, end]];
  const spans: Array<[number, number]> = [];
  let from = start;
  while (end - from > MAX_SECTION_CHARS) {
    let cut = -1;
    for (let i = from + PIECE_CHARS; i < Math.min(end, from + MAX_SECTION_CHARS); i++) {
      if (SENTENCE_END.has(text[i] ?? "")) {
        cut = i + 1;
        break;
      }
    }
    if (cut < 0) cut = from + PIECE_CHARS;
    spans.push([from, cut]);
    from = cut;
  }
  spans.push([from, end]);
  return spans;
}

const SENTENCE_END = new Set(["。", "！", "？", "；", "\n"]);

/** 一是加强组织领导。…, or a short lead sentence opening a longer paragraph (加强组织领导。区政府…). */
function leadSentence(line: string): string | null {
  const ordinal = /^[一二三四五六七八九十]{1,3}是/.test(line);
  const stop = line.search(ordinal ? /[。；;]/ : /。/);
  if (stop < 0) return null;
  const lead = line.slice(0, stop);
  if (ordinal && lead.length <= MAX_HEADING) return lead;
  return lead.length >= 4 && lead.length <= 30 && line.length >= lead.length + 20 && !/[，,；;]/.test(lead) ? lead : null;
}

/**
 * A body without numbered headings but with paragraphs led by 一是/二是 or a short bold-style lead
 * sentence: each such paragraph opens a section headed by its lead sentence. Null when fewer than
 * two paragraphs are led that way.
 */
function splitAtLeadSentences(lines: TextLine[], runs: OpenSection[]): OpenSection[] | null {
  const whole = runs[0];
  if (!whole) return null;
  const pieces: OpenSection[] = [{ first: whole.first, last: whole.first, path: [], hasBody: true }];
  let led = 0;
  for (let i = whole.first + 1; i <= whole.last; i++) {
    const lead = leadSentence(lines[i]?.text ?? "");
    if (lead) {
      led++;
      pieces.push({ first: i, last: i, path: [lead], hasBody: true });
    } else {
      const current = pieces[pieces.length - 1]!;
      current.last = i;
    }
  }
  return led >= 2 ? pieces : null;
}

/** A body without headings: the first paragraph is the intro, the rest is cut into moderate pieces. */
function splitHeadingless(lines: TextLine[], runs: OpenSection[]): OpenSection[] {
  const whole = runs[0];
  if (!whole) return [];
  const pieces: OpenSection[] = [{ first: whole.first, last: whole.first, path: [], hasBody: true }];
  let current: OpenSection | null = null;
  for (let i = whole.first + 1; i <= whole.last; i++) {
    const line = lines[i];
    if (!line) continue;
    const firstLine = current ? lines[current.first] : undefined;
    if (current && firstLine && line.end - firstLine.start <= HEADINGLESS_SECTION_CHARS) {
      current.last = i;
    } else {
      current = { first: i, last: i, path: [], hasBody: true };
      pieces.push(current);
    }
  }
  return pieces;
}

/**
 * Kind of each section from its top-level heading: the opening text is `intro`; parts before the
 * first problems/plans part are `measures`; parts after it that declare nothing are `other`.
 */
function partKinds(topHeadings: (string | null)[]): SectionKind[] {
  let pastMeasures = false;
  let first = true;
  return topHeadings.map((heading) => {
    const isFirst = first;
    first = false;
    if (heading === null) return isFirst ? "intro" : "other";
    if (/^附件/.test(heading)) return "other";
    const declared = kindOfPart(heading);
    if (declared) {
      pastMeasures = true;
      return declared;
    }
    return pastMeasures ? "other" : "measures";
  });
}
