import { UnreadableError } from "./unreadable.js";

/**
 * Files that decode to text but hold no report: a page of navigation or links, a page about
 * something other than 法治, too little Chinese text, or one passage repeated over and over. Each
 * is rejected with the reason the user sees next to the file name.
 */

/** A body needs at least one line this long; shorter pages are navigation and notices only. */
const MIN_PARAGRAPH = 30;
/** The least Chinese text a report can have; a real one has thousands of characters. */
const MIN_CHINESE = 50;
/** Running prose (lines with full stops) a report has at least; link and column pages have almost none. */
const MIN_PROSE = 30;
/** Words every report on building law-based government uses. */
const TOPIC = /法治|依法行政|法制|依法治/;

export function assertReportText(lines: string[], text: string): void {
  if (!lines.some((line) => line.length >= MIN_PARAGRAPH)) throw new UnreadableError("只有网页杂项，没有正文");
  const chinese = countChinese(text);
  if (chinese < MIN_CHINESE) throw new UnreadableError(`中文正文太少（${chinese} 字），不像一份报告`);
  let prose = 0;
  for (const line of lines) if (/[。；！？]/.test(line)) prose += line.length;
  if (prose < MIN_PROSE) throw new UnreadableError("像是链接列表或栏目页，没有成段的报告正文");
  if (!TOPIC.test(text)) throw new UnreadableError("没有法治政府建设相关内容（全文未出现“法治”“依法行政”等字样）");
  if (isRepetitive(text)) throw new UnreadableError("同一段文字大量重复，不像一份报告");
}

function countChinese(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) n++;
  }
  return n;
}

/** Hundreds of sentences of which only a handful differ. */
function isRepetitive(text: string): boolean {
  const seen = new Set<string>();
  let total = 0;
  for (const sentence of text.split(/[。！？；\n]/)) {
    if (sentence.length < 8) continue;
    total++;
    seen.add(sentence);
    if (total > 2000) break;
  }
  return total >= 200 && seen.size / total < 0.2;
}
