import { loadCorpus } from "../corpus/load-corpus.js";
import { type ReportSummary, summarizeReport } from "../corpus/report.js";
import { type CliContext, printJson } from "./context.js";
import { issuerLabel, LEVEL_LABELS } from "./report-labels.js";

/** `reports [--json]`: the parsed reports, read straight from the corpus folder (no index needed). */
export async function reportsCommand(opts: { json: boolean }, ctx: CliContext): Promise<void> {
  const loaded = await loadCorpus(ctx.corpusDir);
  const rows = loaded.reports.map(summarizeReport);
  if (opts.json) {
    printJson(rows);
    return;
  }
  process.stdout.write(renderTable(rows));
  const notes = rows.filter((row) => row.warnings.length > 0).map((row) => `  ${row.id}：${row.warnings.join("；")}`);
  if (notes.length > 0) process.stdout.write(`\n注意：\n${notes.join("\n")}\n`);
  const skipped = loaded.skipped.length > 0 ? `，跳过 ${loaded.skipped.length} 个文件（原因见上方日志）` : "";
  process.stdout.write(`\n共 ${rows.length} 份报告${skipped}。用 show <ID> 查看章节。\n`);
}

const COLUMNS: ReadonlyArray<readonly [string, (row: ReportSummary) => string]> = [
  ["ID", (row) => row.id],
  ["地区", (row) => row.region ?? "—"],
  ["级别", (row) => (row.level ? LEVEL_LABELS[row.level] : "—")],
  ["所属", (row) => row.parent ?? "—"],
  ["年份", (row) => (row.year === null ? "—" : String(row.year))],
  ["发布机构", issuerLabel],
  ["章节数", (row) => String(row.sections)],
  ["标题", (row) => row.title ?? "（无标题）"],
];

function renderTable(rows: ReportSummary[]): string {
  const cells = [COLUMNS.map(([name]) => name), ...rows.map((row) => COLUMNS.map(([, cell]) => cell(row)))];
  const widths = COLUMNS.map((_, c) => Math.max(...cells.map((line) => displayWidth(line[c] ?? ""))));
  return cells
    .map((line) =>
      line.map((cell, c) => (c === line.length - 1 ? cell : cell + " ".repeat((widths[c] ?? 0) - displayWidth(cell)))).join("  "),
    )
    .join("\n")
    .concat("\n");
}

/** Terminal columns taken by a string: CJK and full-width characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    width +=
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6)
        ? 2
        : 1;
  }
  return width;
}
