import type { Report, Section } from "../../corpus/report.js";
import { CitationList } from "../citations.js";
import { inReadingOrder, type ScoredItem, type Theme, themedQuote } from "../evidence.js";
import { listOf, reportLabel } from "../frame.js";
import { answered, type ComposeInput, type Draft, themeWords } from "./draft.js";
import { composeOverview } from "./overview.js";
import { refusal } from "./refusal.js";
import { numbered, type ReportOnTheme, reportBlocks, reportsOnTheme, reportsToCover, themedSelection } from "./themed.js";

/** The most items listed for one report. */
const ONE_REPORT_ITEMS = 6;

/**
 * 有哪些做法 / 是怎么做的: the report's own measures on the theme — the section whose heading names it, with
 * its items (一是/二是…, kept verbatim with the initiatives they name), then related items under other
 * headings. Without a theme, the report's outline. Across reports, the best items of each, grouped.
 */
export function composePractices(input: ComposeInput): Draft {
  // Without a theme: the report's outline — with its initiatives when practices were asked for.
  if (input.theme.terms.length === 0)
    return composeOverview(
      input,
      input.understanding.kind === "practices" && input.understanding.cued ? "practices" : "overview",
    );
  const found = reportsOnTheme(reportsToCover(input), input.theme);
  if (found.length === 0) return refusal(input, { why: "silent" });
  const u = input.understanding;
  const [first, second] = [...found].sort((a, b) => b.items[0]!.score - a.items[0]!.score);
  const single = !u.across && (found.length === 1 || second!.items[0]!.score < first!.items[0]!.score - 0.2);
  const citations = new CitationList();
  if (single)
    return answered(
      u.kind === "overview" ? "overview" : "practices",
      onePractice(first!.report, first!.items, input.theme, citations),
      citations,
    );
  return answered("practices", acrossReports(found, input, citations), citations);
}

function onePractice(report: Report, items: ScoredItem[], theme: Theme, citations: CitationList): string {
  const label = reportLabel(report);
  const { home, items: chosen } = themedSelection(report, items, ONE_REPORT_ITEMS);
  if (!home) return `${label}报告中的相关做法：\n${byHeading(chosen, theme, citations)}`;
  const own = chosen.filter((s) => s.item.section === home);
  const lines = own.map((s) => citations.quote({ report, section: home }, themedQuote(s.item, theme)));
  const more = chosen.filter((s) => s.item.section !== home);
  const also = more.length ? `\n${seeAlso(more, theme, citations)}` : "";
  return `${label}报告把这方面的做法集中写在“${home.heading}”中${own.length > 1 ? `，共${own.length}项` : ""}：\n${numbered(lines)}${also}`;
}

/** Items under their section headings, numbered through. */
function byHeading(items: ScoredItem[], theme: Theme, citations: CitationList): string {
  const out: string[] = [];
  let n = 0;
  let last: Section | null = null;
  for (const s of inReadingOrder(items)) {
    if (s.item.section.heading !== last?.heading) out.push(`“${s.item.section.heading || "开篇"}”：`);
    last = s.item.section;
    out.push(`${++n}. ${citations.quote({ report: s.report, section: s.item.section }, themedQuote(s.item, theme))}`);
  }
  return out.join("\n");
}

function seeAlso(items: ScoredItem[], theme: Theme, citations: CitationList): string {
  return inReadingOrder(items)
    .map(
      (s) =>
        `另见“${s.item.section.heading || "开篇"}”：${citations.quote({ report: s.report, section: s.item.section }, themedQuote(s.item, theme))}`,
    )
    .join("\n");
}

function acrossReports(found: ReportOnTheme[], input: ComposeInput, citations: CitationList): string {
  const topic = themeWords(input);
  const silent = input.scope.filter((r) => !found.some((f) => f.report === r));
  const head = `${found.length}份报告写到了${topic ? `“${topic}”` : "这方面"}的做法：`;
  const tail = silent.length ? `\n\n${listOf(silent.map(reportLabel))}报告未提及。` : "";
  return `${head}\n\n${reportBlocks(found, input.theme, citations).join("\n\n")}${tail}`;
}
