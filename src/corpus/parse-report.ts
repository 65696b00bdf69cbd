import { cleanPage } from "./clean.js";
import { readMetadata } from "./metadata.js";
import type { Report } from "./report.js";
import { buildSections, parseHeading, type TextLine } from "./structure.js";
import { UnreadableError } from "./unreadable.js";

/**
 * One report from the extracted text of one file: clean the page, find the title, the opening,
 * the numbered parts and the closing signature, then read the metadata.
 */

export interface ReportInput {
  id: string;
  source: string;
  rawText: string;
}

/** A body needs at least one line this long; shorter pages are navigation and notices only. */
const MIN_PARAGRAPH = 30;

export function parseReport({ id, source, rawText }: ReportInput): Report {
  const { lines: cleaned, fields } = cleanPage(rawText);
  if (!cleaned.some((line) => line.length >= MIN_PARAGRAPH)) {
    throw new UnreadableError("只有网页杂项，没有正文");
  }

  const found = findTitle(cleaned);
  const title = found?.title ?? null;
  const lines = found ? dropTitleEchoes(cleaned, found.index, found.title) : cleaned;

  const text = lines.join("\n");
  const textLines = withOffsets(lines);
  const bodyStart = found ? found.index + 1 : 0;
  const closingStart = findClosing(lines, bodyStart);
  const sections = buildSections(text, textLines.slice(bodyStart, closingStart), id);

  const metadata = readMetadata({
    title,
    intro: sections
      .filter((s) => s.kind === "intro")
      .map((s) => s.text)
      .join("\n"),
    topHeadings: sections.map((s) => s.path[0]).filter((h): h is string => h !== undefined),
    closing: lines.slice(closingStart),
    fields,
    text,
  });

  return { id, ...metadata, source, text, sections };
}

const TITLE = /报告|情况|总结/;

/**
 * The title: a short line naming a report, among the header lines before the body starts.
 * "鱼峰区人民政府" / "关于2023年…的报告" printed on two lines is one title.
 */
function findTitle(lines: string[]): { index: number; title: string } | null {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (isBodyLine(line)) return null;
    if (line.length >= 6 && line.length <= 80 && TITLE.test(line) && !/[:：]$/.test(line)) {
      const before = lines[i - 1];
      const split = before !== undefined && line.startsWith("关于") && SIGNATURE.test(before);
      return { index: i, title: split ? before + line : line };
    }
  }
  return null;
}

function isBodyLine(line: string): boolean {
  return line.length > 80 || /[。；]/.test(line) || parseHeading(line) !== null;
}

/**
 * Pages often print the title again, broken over lines (安居区: "遂宁市安居区人民政府" /
 * "关于…情况的" / "报 告"). Header lines that are pieces of the title are dropped.
 */
function dropTitleEchoes(lines: string[], titleIndex: number, title: string): string[] {
  const compactTitle = title.replace(/\s+/g, "");
  const out = lines.slice(0, titleIndex + 1);
  let inHeader = true;
  for (let i = titleIndex + 1; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (inHeader && isBodyLine(line)) inHeader = false;
    if (inHeader && compactTitle.includes(line.replace(/\s+/g, ""))) continue;
    out.push(line);
  }
  return out;
}

function withOffsets(lines: string[]): TextLine[] {
  const out: TextLine[] = [];
  let at = 0;
  for (const line of lines) {
    out.push({ text: line, start: at, end: at + line.length });
    at += line.length + 1;
  }
  return out;
}

const SIGNATURE =
  /^[\u4e00-\u9fa5（）()]{2,30}(?:人民政府|政府办公室|政府|局|委员会|委|办公室|厅|人民法院|人民检察院)$/;
const SIGNATURE_DATE = /^(?:\d{4}|[〇零一二三四五六七八九]{4})年[\d〇零一二三四五六七八九十]{1,2}月[\d〇零一二三四五六七八九十]{1,3}日$/;
const TRAILING_TITLE = /^[\u4e00-\u9fa5]{2,24}报告$/;

/** Index of the first closing line (signature, date, a stray title) after the last body line. */
function findClosing(lines: string[], bodyStart: number): number {
  let i = lines.length;
  while (i > bodyStart + 1) {
    const line = lines[i - 1] ?? "";
    if (!(SIGNATURE.test(line) || SIGNATURE_DATE.test(line) || TRAILING_TITLE.test(line))) break;
    i--;
  }
  return i;
}
