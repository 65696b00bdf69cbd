import { cleanPage } from "./clean.js";
import { readMetadata } from "./metadata.js";
import { assertReportText } from "./not-a-report.js";
import type { Report } from "./report.js";
import { buildSections, parseHeading, type TextLine } from "./structure.js";

/**
 * One report from the extracted text of one file: clean the page, find the title, the opening,
 * the numbered parts and the closing signature, then read the metadata.
 */

export interface ReportInput {
  id: string;
  source: string;
  rawText: string;
}

export function parseReport({ id, source, rawText }: ReportInput): Report {
  const { lines: cleaned, fields } = cleanPage(rawText);
  const found = findTitle(cleaned);
  const title = found?.title ?? null;
  const lines = found ? dropTitleEchoes(cleaned, found.index, found.title) : cleaned;

  const text = lines.join("\n");
  assertReportText(lines, text);
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
/** A line that only names an organ or a place (鱼峰区人民政府), printed above the rest of the title. */
const TITLE_HEAD = /^(?:中共)?[\u4e00-\u9fa5（）()、]{2,40}?(?:人民政府|政府|委员会|领导小组|局|委|办公室|厅|省|市|区|县|旗|州|盟)$/;

/**
 * The title: a short line naming a report, among the header lines before the body starts (page
 * debris and field lines before it are already gone). A title printed over two or three lines
 * (“鱼峰区人民政府” / “关于2023年…情况的” / “报 告”) is joined.
 */
function findTitle(lines: string[]): { index: number; title: string; last: number } | null {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (isBodyLine(line)) return null;
    if (line.length >= 6 && line.length <= 80 && TITLE.test(line) && !/[:：]$/.test(line)) {
      const before = lines[i - 1];
      const head = before !== undefined && TITLE_HEAD.test(before) && !TITLE_HEAD.test(line.split(/关于|\d{4}/)[0] ?? "") ? before : "";
      let title = head + line;
      let last = i;
      // 关于…情况的 / 报 告: the end of the title on the next line.
      while (!/(?:报告|总结|情况)$/.test(title.replace(/\s+/g, "")) && last + 1 < lines.length) {
        const next = (lines[last + 1] ?? "").replace(/\s+/g, "");
        if (next.length === 0 || next.length > 8 || isBodyLine(next)) break;
        title += next;
        last++;
      }
      return { index: i, title: title.replace(/(?<=[\u4e00-\u9fa5])\s+(?=[\u4e00-\u9fa5])/g, ""), last };
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
