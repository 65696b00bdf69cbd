/** Sentence and clause spans of a section's text, with offsets so quotes stay verbatim. */

export interface Span {
  text: string;
  start: number;
  end: number;
}

const SENTENCE_END = /[。！？!?；;\n]/;
const CLAUSE_END = /[，,；;：:。！？!?\n]/;

function split(text: string, boundary: RegExp, offset = 0): Span[] {
  const spans: Span[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (body) spans.push({ text: body, start: offset + start + lead, end: offset + start + lead + body.length });
  };
  for (let i = 0; i < text.length; i++) {
    if (boundary.test(text[i]!)) {
      // Keep the closing quote or bracket with its sentence: 。” belongs to the sentence before it.
      let end = i + 1;
      while (end < text.length && /[”’」』)）]/.test(text[end]!)) end++;
      push(end);
      start = end;
      i = end - 1;
    }
  }
  push(text.length);
  return spans;
}

export function sentences(text: string): Span[] {
  return split(text, SENTENCE_END);
}

/** Clauses of one sentence; offsets are relative to the same text the sentence came from. */
export function clauses(sentence: Span): Span[] {
  return split(sentence.text, CLAUSE_END, sentence.start);
}

/** Numbers with their units as they appear in reports: 70件, 100%, 925.1756万元, 1.5万余件. */
export const FIGURE =
  /\d+(?:[.,]\d+)*(?:[%％‰]|(?:万余|万|亿|千|百)?余?(?:人次|批次|场次|平方米|公里|小时|个工作日|年度|[件宗起项人名个家户次场条份张部期所元批卷天倍岁年月日号]))?/g;

export function figuresIn(text: string): string[] {
  return [...text.matchAll(FIGURE)].map((m) => m[0]).filter((f) => !/^(?:19|20)\d{2}(?:年度?)?$|[月日号]$/.test(f));
}
