import { unitClass } from "../../lexicon/units.js";
import { CitationList } from "../citations.js";
import { focus, keyFigure } from "../figure-sentences.js";
import { listOf, reportLabel } from "../frame.js";
import { answered, type ComposeInput, type Draft, themeWords } from "./draft.js";
import { byReport, figureSpans } from "./figure.js";
import { refusal } from "./refusal.js";
import { itemLines, onTheme, reportsToCover } from "./themed.js";

/** Items per report in a comparison of practices. */
const PER_REPORT_ITEMS = 3;
const TABLE_COVERAGE = 0.5;

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
    const groups = byReport(figureSpans(input, TABLE_COVERAGE)).filter((g) => reports.includes(g.report));
    if (groups.length > 0) {
      const rows = groups.map((g) => {
        const best = g.spans[0]!;
        const quote = focus(best.evidence.section.text, best.span, input.theme.terms, true);
        const figure = keyFigure(quote, input.theme.terms, input.understanding.unit) ?? "—";
        return { label: reportLabel(g.report), figure, line: citations.quote(best.evidence, quote) };
      });
      const width = Math.max(...rows.map((r) => r.label.length));
      const table = rows.map((r) => `${r.label.padEnd(width, "　")}  ${r.figure.padEnd(10)}  ${r.line}`).join("\n");
      const classes = new Set(rows.map((r) => unitClass(r.figure)));
      const note = classes.size > 1 ? "\n各报告的计量口径不同，不宜直接比高低。" : "";
      const silent = reports.filter((r) => !groups.some((g) => g.report === r));
      const tail = silent.length ? `\n${listOf(silent.map(reportLabel))}报告没有给出这项数字。` : "";
      return answered("comparison", `${topic ? `“${topic}”` : "这项数字"}对照：\n${table}${note}${tail}`, citations);
    }
  }
  const found = reports.map((report) => ({ report, items: onTheme(report, input.theme) })).filter((f) => f.items.length > 0);
  if (found.length === 0) return refusal(input, { why: "silent" });
  const blocks = found.map(
    (f) => `【${reportLabel(f.report)}】\n${itemLines(f.items, input.theme, citations, PER_REPORT_ITEMS).map((l) => `· ${l}`).join("\n")}`,
  );
  const silent = reports.filter((r) => !found.some((f) => f.report === r));
  const head = `${listOf(found.map((f) => reportLabel(f.report)))}报告在${topic ? `“${topic}”` : "这方面"}的做法对比：`;
  const tail = silent.length ? `\n\n${listOf(silent.map(reportLabel))}报告未提及${topic ? `“${topic}”` : "这方面"}。` : "";
  return answered("comparison", `${head}\n\n${blocks.join("\n\n")}${tail}`, citations);
}
