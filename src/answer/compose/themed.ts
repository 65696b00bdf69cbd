import type { Report, Section, SectionKind } from "../../corpus/report.js";
import type { CitationList } from "../citations.js";
import { inReadingOrder, ON_THEME, type ScoredItem, scoreItems, type Theme, themedQuote } from "../evidence.js";
import { reportLabel } from "../frame.js";
import { itemsOf } from "../items.js";
import type { ComposeInput } from "./draft.js";

/** Picking a report's items on a theme, and writing them as cited lines: shared by the composers that list items. */

/** Items this close to a report's best one are on the theme too. */
export const NEAR_BEST = 0.6;
/** An item under a heading that names the theme is likelier to be about it. */
const HEADING_BONUS = 0.15;
/** Problems and plans sections answer what was done only when nothing else does. */
const OTHER_PART_PENALTY = 0.1;

/** A report's items on the theme, best first; [] when the report is silent on it. */
export function onTheme(report: Report, theme: Theme, kinds: readonly SectionKind[] | null = null): ScoredItem[] {
  const scored = scoreItems(report, theme, kinds).map((s) => {
    const otherPart = kinds === null && (s.item.section.kind === "problems" || s.item.section.kind === "plans");
    return { ...s, score: s.score + HEADING_BONUS * s.heading - (otherPart ? OTHER_PART_PENALTY : 0) };
  });
  scored.sort((a, b) => b.score - a.score);
  const best = scored[0]?.score ?? 0;
  if (best < ON_THEME) return [];
  return scored.filter((s) => s.score >= Math.max(ON_THEME, best * NEAR_BEST));
}

/** A heading that names this much of the theme is where the report writes about it. */
const HOME_HEADING = 0.5;

/** The measures section whose heading names the theme (营商环境 → (二)优化提升法治化营商环境), if an on-theme item is in one. */
function homeSection(items: ScoredItem[]): Section | null {
  return items.find((s) => s.heading >= HOME_HEADING && s.item.section.kind === "measures")?.item.section ?? null;
}

/**
 * A report's items on the theme to list: every item of its home section (its heading says they are on
 * the theme), then up to `more` items under other headings; else its best items.
 */
export function themedSelection(
  report: Report,
  items: ScoredItem[],
  max: number,
  more = 3,
): { home: Section | null; items: ScoredItem[] } {
  const home = homeSection(items);
  if (!home) return { home, items: items.slice(0, max) };
  const own = itemsOf(home)
    .slice(0, max)
    .map((item) => ({ item, report, score: 1, heading: 1 }));
  return { home, items: [...own, ...items.filter((s) => s.item.section !== home).slice(0, more)] };
}

/** The reports to cover: every report in a small scope; in a large one, those the search found, in its order. */
export function reportsToCover(input: ComposeInput, max = 12): Report[] {
  if (input.scope.length <= max) return input.scope;
  const found: Report[] = [];
  for (const ev of input.retrieved) if (!found.includes(ev.report) && input.scope.includes(ev.report)) found.push(ev.report);
  return found.slice(0, max);
}

/** One cited line per item: its quote on the theme (opener and body, clipped) with its marker. */
export function itemLines(items: ScoredItem[], theme: Theme, citations: CitationList, limit?: number): string[] {
  return inReadingOrder(items.slice(0, limit)).map((s) =>
    citations.quote({ report: s.report, section: s.item.section }, themedQuote(s.item, theme)),
  );
}

/** 1. … / 2. … */
export function numbered(lines: string[]): string {
  return lines.map((l, i) => `${i + 1}. ${l}`).join("\n");
}

/** A report with its items on the theme. */
export interface ReportOnTheme {
  report: Report;
  items: ScoredItem[];
}

/** The reports, in their order, that have items on the theme. */
export function reportsOnTheme(reports: Report[], theme: Theme): ReportOnTheme[] {
  return reports.map((report) => ({ report, items: onTheme(report, theme) })).filter((r) => r.items.length > 0);
}

/** Items listed per report when several reports are covered. */
const PER_REPORT_ITEMS = 3;

/** 【鱼峰区2023年】 then its best items on the theme, one cited line each: a block per report. */
export function reportBlocks(found: ReportOnTheme[], theme: Theme, citations: CitationList): string[] {
  return found.map(
    (f) =>
      `【${reportLabel(f.report)}】\n${itemLines(f.items, theme, citations, PER_REPORT_ITEMS)
        .map((l) => `· ${l}`)
        .join("\n")}`,
  );
}
