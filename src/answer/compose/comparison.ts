import { CitationList } from "../citations.js";
import { listOf, reportLabel } from "../frame.js";
import { answered, type ComposeInput, type Draft, themeWords } from "./draft.js";
import { measureAcross } from "./measure.js";
import { refusal } from "./refusal.js";
import { reportBlocks, reportsOnTheme, reportsToCover } from "./themed.js";

/**
 * 对比一下: the same theme side by side per report and year. When the question asks for figures, a small
 * table of each report's figure for the measure (with a note when the units differ); otherwise each
 * report's items on the theme. Reports that do not give it are named.
 */
export function composeComparison(input: ComposeInput): Draft {
  const reports = reportsToCover(input);
  const citations = new CitationList();
  const topic = themeWords(input);
  if (input.understanding.figure) {
    const { figures, comparable, silent } = measureAcross(input);
    if (figures.length > 0) {
      const rows = figures.map((f) => {
        const other = comparable(f) ? "" : "（另一口径）";
        return `| ${reportLabel(f.report)} | ${f.figure}${other} | ${citations.quote(f.ev, f.quote)} |`;
      });
      // A Markdown table: aligned in a terminal, <pre> in Telegram, a table on the page.
      const table = ["| 报告 | 数字 | 原文 |", "|---|---|---|", ...rows].join("\n");
      const note = figures.some((f) => !comparable(f)) ? "\n标注“另一口径”的数字与其他报告统计的不是同一项，不宜直接比较。" : "";
      const tail = silent.length ? `\n${listOf(silent.map(reportLabel))}报告没有给出这项数字。` : "";
      return answered("comparison", `${topic ? `“${topic}”` : "这项数字"}对照：\n\n${table}\n${note}${tail}`, citations);
    }
  }
  const found = reportsOnTheme(reports, input.theme);
  if (found.length === 0) return refusal(input, { why: "silent" });
  const blocks = reportBlocks(found, input.theme, citations);
  const silent = reports.filter((r) => !found.some((f) => f.report === r));
  const head = `${listOf(found.map((f) => reportLabel(f.report)))}报告在${topic ? `“${topic}”` : "这方面"}的做法对比：`;
  const tail = silent.length ? `\n\n${listOf(silent.map(reportLabel))}报告未提及${topic ? `“${topic}”` : "这方面"}。` : "";
  return answered("comparison", `${head}\n\n${blocks.join("\n\n")}${tail}`, citations);
}
