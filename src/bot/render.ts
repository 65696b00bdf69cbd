import type { ReportSummary } from "../corpus/report.js";
import type { Answer, Citation, SectionView } from "../answer/answer.js";
import type { LibraryStats } from "../answer/assistant.js";
import type { FeedbackStats } from "../records/records.js";

/**
 * Telegram HTML rendering. Every piece of user or report text goes through escapeHtml, and a
 * message is only ever split between self-contained blocks, so no tag spans two messages.
 */

/** Telegram's limit is 4,096 characters after entity parsing; HTML source is longer, so this is safe. */
export const MESSAGE_LIMIT = 4000;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Cut points, from the most to the least natural: paragraph, line, sentence. */
const BREAKS = [/(?<=\n\s*\n)/, /(?<=\n)/, /(?<=[。！？；!?;])/];

/**
 * Splits plain text so that each piece, once escaped, fits in `limit`; prefers paragraph
 * boundaries, then lines, then sentences, and cuts mid-sentence only as a last resort.
 */
export function splitPlain(text: string, limit = MESSAGE_LIMIT, level = 0): string[] {
  const size = (s: string) => escapeHtml(s).length;
  if (size(text) <= limit) return text.trim() ? [text.trim()] : [];
  const pattern = BREAKS[level];
  if (!pattern) return hardSplit(text, limit);
  const units = text.split(pattern);
  if (units.length === 1) return splitPlain(text, limit, level + 1);
  const pieces: string[] = [];
  let current = "";
  for (const unit of units) {
    if (size(current + unit) <= limit) {
      current += unit;
      continue;
    }
    if (current.trim()) pieces.push(current.trim());
    if (size(unit) <= limit) current = unit;
    else {
      const sub = splitPlain(unit, limit, level + 1);
      current = sub.pop() ?? "";
      pieces.push(...sub);
    }
  }
  if (current.trim()) pieces.push(current.trim());
  return pieces;
}

function hardSplit(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let current = "";
  for (const char of text) {
    if (escapeHtml(current + char).length > limit) {
      pieces.push(current);
      current = "";
    }
    current += char;
  }
  if (current.trim()) pieces.push(current);
  return pieces;
}

/** Packs self-contained HTML blocks (each at most `limit` long) into as few messages as fit. */
export function packBlocks(blocks: string[], separator = "\n\n", limit = MESSAGE_LIMIT): string[] {
  const messages: string[] = [];
  let current = "";
  for (const block of blocks) {
    const joined = current ? current + separator + block : block;
    if (joined.length <= limit) {
      current = joined;
      continue;
    }
    if (current) messages.push(current);
    current = block;
  }
  if (current) messages.push(current);
  return messages;
}

/** A paragraph of Markdown table rows (| a | b |), shown in monospace so its columns line up. */
const TABLE = /^\|.*\|$/;

/** Plain text → escaped blocks, one per paragraph (overlong paragraphs split further); tables in <pre>. */
function textBlocks(text: string, limit = MESSAGE_LIMIT): string[] {
  return text.split(/\n\s*\n/).flatMap((paragraph) => {
    const lines = paragraph.trim().split("\n");
    if (lines.length > 1 && lines.every((l) => TABLE.test(l.trim()))) {
      return splitPlain(paragraph, limit - 11).map((piece) => `<pre>${escapeHtml(piece)}</pre>`);
    }
    return splitPlain(paragraph, limit).map(escapeHtml);
  });
}

function yearLabel(year: number | null): string | null {
  return year === null ? null : `${year}年`;
}

export function sectionPathLabel(path: string[]): string {
  return path.length > 0 ? path.join(" › ") : "开篇";
}

function reportLabel(c: { region: string | null; year: number | null; title: string | null; reportId: string }): string {
  return [c.region ?? c.title ?? c.reportId, yearLabel(c.year)].filter(Boolean).join(" · ");
}

/** Citations grouped by cited section, in order of first mention (one source line and one button each). */
export function citationsBySection(citations: Citation[]): Citation[][] {
  const groups = new Map<string, Citation[]>();
  for (const c of citations) groups.set(c.sectionId, [...(groups.get(c.sectionId) ?? []), c]);
  return [...groups.values()];
}

/** The source list line of a cited section: [1][3] region · year · section path. */
export function sourceLine(group: Citation[]): string {
  const first = group[0];
  if (!first) return "";
  const markers = group.map((c) => `[${c.n}]`).join("");
  return `${markers} ${escapeHtml(reportLabel(first))} · ${escapeHtml(sectionPathLabel(first.path))}`;
}

/** Renders an Answer as one or more HTML messages: notice, answer text with [n], then the sources. */
export function renderAnswer(answer: Answer): string[] {
  const blocks: string[] = [];
  if (answer.notice) blocks.push(`<i>ℹ️ ${escapeHtml(answer.notice)}</i>`);
  blocks.push(...textBlocks(answer.answer));
  if (answer.citations.length > 0) {
    const lines = ["<b>来源</b>", ...citationsBySection(answer.citations).map(sourceLine)];
    blocks.push(...packBlocks(lines, "\n"));
  }
  return packBlocks(blocks);
}

/** The text shown while an LLM answer streams in: escaped, cut to one message, with a cursor. */
export function renderDraft(text: string): string {
  const draft = escapeHtml(text.trimStart());
  const cut = draft.length > MESSAGE_LIMIT - 2 ? draft.slice(0, MESSAGE_LIMIT - 2).replace(/&[a-z]*$/, "") : draft;
  return `${cut} ▍`;
}

/** A section shown in full, split into as many messages as it needs. */
export function renderSection(section: SectionView): string[] {
  const report = [section.region ?? section.title ?? section.reportId, yearLabel(section.year), section.issuer]
    .filter(Boolean)
    .join(" · ");
  const header = `📄 <b>${escapeHtml(report)}</b>\n<i>${escapeHtml(sectionPathLabel(section.path))}</i>`;
  return packBlocks([header, ...textBlocks(section.text)]);
}

export function renderReports(reports: ReportSummary[]): string[] {
  if (reports.length === 0) {
    return ["📚 报告库为空。请把报告文件放入报告目录，然后请管理员发送 /reindex。"];
  }
  const lines = reports.map((r, i) => {
    const label = [r.region ?? "（地区不详）", yearLabel(r.year) ?? "（年份不详）", r.issuer].filter(Boolean).join(" · ");
    const title = r.title ? `\n    ${escapeHtml(r.title)}` : "";
    return `${i + 1}. <b>${escapeHtml(label)}</b>${title}`;
  });
  return packBlocks([`📚 <b>报告库</b>（共 ${reports.length} 份）`, ...lines], "\n");
}

export function renderStats(stats: LibraryStats, feedback: FeedbackStats | null, recordsProblem: string | null): string {
  const rows: [string, string][] = [
    ["报告", `${stats.reports} 份`],
    ["章节", `${stats.sections} 节`],
    ["检索片段", `${stats.chunks} 条`],
    ["向量模型", stats.embedder],
    ["回答方式", stats.mode === "llm" ? "大模型生成" : "摘录式（离线）"],
    ["报告目录", stats.corpusDir],
    ["索引目录", stats.indexDir],
    ["上次索引", stats.indexedAt ?? "尚未建立"],
    ["已回答", feedback ? `${feedback.answers} 次（👍 ${feedback.up} / 👎 ${feedback.down}）` : "—"],
    ["回答记录", recordsProblem ? `⚠️ 无法保存（${recordsProblem}）` : "正常"],
  ];
  return ["📊 <b>运行状态</b>", ...rows.map(([k, v]) => `${k}：${escapeHtml(v)}`)].join("\n");
}

/** Short button label for a cited section: 📄 [1][3] 鱼峰区 (三)示范创建… */
export function sectionButtonLabel(citations: Citation[]): string {
  const first = citations[0];
  if (!first) return "📄";
  const markers = citations.map((c) => `[${c.n}]`).join("");
  const where = first.path.at(-1) ?? "开篇";
  const label = `📄 ${markers} ${first.region ?? first.title ?? ""} ${where}`.replace(/\s+/g, " ").trim();
  const chars = Array.from(label);
  return chars.length > 40 ? `${chars.slice(0, 39).join("")}…` : label;
}
