import type { Answer, Citation } from "../answer/answer.js";

/**
 * An Answer as Markdown: the text with its [n] markers, then a 出处 list. The OpenAI-compatible reply,
 * the page's Markdown download and `ask --docx`'s sibling all use this one rendering.
 */

/** 鱼峰区 2023年 · 一、… › (三)… */
export function citationPlace(c: Citation): string {
  const where = [c.region ?? c.title ?? c.reportId, c.year === null ? null : `${c.year}年`].filter(Boolean).join(" ");
  return c.path.length ? `${where} · ${c.path.join(" › ")}` : where;
}

/** Markdown joins single newlines; the answer's lines (one per region or item) must stay lines. */
function hardBreaks(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.split("\n").join("  \n"))
    .join("\n\n");
}

export function answerMarkdown(answer: Answer, opts: { heading?: boolean } = {}): string {
  const parts: string[] = [];
  if (opts.heading) parts.push(`# ${answer.question}`);
  if (answer.notice) parts.push(`> ${answer.notice}`);
  parts.push(hardBreaks(answer.answer));
  if (answer.citations.length) {
    parts.push("**出处**");
    parts.push(answer.citations.map((c) => `- [${c.n}] ${citationPlace(c)}：“${c.quote}”`).join("\n"));
  }
  return `${parts.join("\n\n")}\n`;
}
