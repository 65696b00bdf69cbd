import type { Report, Section } from "../../corpus/report.js";
import { KIND_CUES } from "../../lexicon/question-cues.js";
import { CitationList } from "../citations.js";
import { textOnTheme } from "../evidence.js";
import { listOf, reportLabel } from "../frame.js";
import { clip, type Item, ITEM_CHARS, itemQuote, itemsOf, withoutMarker } from "../items.js";
import type { Span } from "../sentences.js";
import { answered, type ComposeInput, type Draft, themeWords } from "./draft.js";
import { refusal } from "./refusal.js";
import { NEAR_BEST, numbered, reportsToCover } from "./themed.js";

type Part = "problems" | "plans";

const PART_NAME: Record<Part, { title: string; unit: string }> = {
  problems: { title: "存在的问题", unit: "条问题" },
  plans: { title: "下一步打算", unit: "条下一步打算" },
};
/**
 * The least score of a problems or plans item on the theme. Lower than for measures: the part holds few
 * items, and one that names half of 干部重视不够 (各部门…重视程度不一) is on it.
 */
const PART_ON_THEME = 0.4;
/** Items listed per report when several are covered. */
const PER_REPORT_ITEMS = 4;
const ONE_REPORT_ITEMS = 8;

/** One listed item of a problems or plans part, with the text to quote. */
export interface PartItem {
  report: Report;
  section: Section;
  quote: Span;
  /** All the item says (a sub-section's whole text), for judging whether it is on the theme. */
  body: string;
}

/**
 * 存在哪些问题 / 下一步打算: the items of that part of each report in scope, in the report's order, with
 * their count; narrowed to the theme when one is named (合法性审核那块有啥问题). Both parts when both are asked.
 */
export function composePartItems(input: ComposeInput): Draft {
  const u = input.understanding;
  const parts: Part[] =
    u.kind === "problems" && KIND_CUES.plans.test(u.question)
      ? ["problems", "plans"]
      : [u.kind === "plans" ? "plans" : "problems"];
  const reports = reportsToCover(input);
  const citations = new CitationList();
  const single = reports.length === 1;
  const blocks: string[] = [];
  const silent = new Set<Report>();
  for (const report of reports) {
    const lists = parts.map((part) => ({ part, items: partItems(report, part, input) }));
    if (lists.every((l) => l.items.length === 0)) {
      silent.add(report);
      continue;
    }
    const topic = themeWords(input);
    const head = topic
      ? `${reportLabel(report)}报告中与“${topic}”有关的${lists.map((l) => PART_NAME[l.part].title.replace("存在的", "")).join("和")}`
      : `${reportLabel(report)}报告列了${lists.map((l) => `${l.items.length}${PART_NAME[l.part].unit}`).join("、")}`;
    const body = lists
      .filter((l) => l.items.length)
      .map((l) => {
        const shown = l.items.slice(0, single ? ONE_REPORT_ITEMS : PER_REPORT_ITEMS);
        const lines = shown.map((it) => citations.quote(it, it.quote));
        return `${parts.length > 1 ? `${PART_NAME[l.part].title}\n` : ""}${numbered(lines)}`;
      });
    blocks.push(single ? `${head}：\n${body.join("\n")}` : `【${reportLabel(report)}】\n${body.join("\n")}`);
  }
  if (blocks.length === 0) return refusal(input, { why: "silent" });
  const tail =
    silent.size && !single ? `\n\n${listOf([...silent].map(reportLabel))}报告${themeWords(input) ? "在这方面" : ""}未提及。` : "";
  const what = parts.map((p) => PART_NAME[p].title).join("和");
  const lead = single
    ? ""
    : `${reports.length - silent.size}份报告写到了${themeWords(input) ? `与“${themeWords(input)}”有关的` : ""}${what}：\n\n`;
  return answered(parts[0]!, `${lead}${blocks.join("\n\n")}${tail}`, citations);
}

/** The items of a report's part, narrowed to the theme when there is one. */
export function partItems(report: Report, part: Part, input: ComposeInput): PartItem[] {
  const all = listedItems(report, part);
  const theme = input.theme;
  if (theme.terms.length === 0) return all;
  const scored = all.map((it) => ({
    it,
    score: textOnTheme(it.section.path.join(" "), it.body, theme),
  }));
  const best = Math.max(0, ...scored.map((s) => s.score));
  if (best < PART_ON_THEME) return [];
  return scored.filter((s) => s.score >= Math.max(PART_ON_THEME, best * NEAR_BEST)).map((s) => s.it);
}

/**
 * A part with sub-sections ((一)思想认识不到位 …) lists one item per sub-section: its heading and what
 * follows. A part written as one section lists its 一是/二是 items, or its sentences.
 */
function listedItems(report: Report, part: Part): PartItem[] {
  const sections = report.sections.filter((s) => s.kind === part);
  const subs = sections.filter((s) => s.path.length > 1);
  if (subs.length) {
    return subs.map((section) => ({ report, section, quote: subSectionQuote(section), body: section.text }));
  }
  return sections.flatMap((section) =>
    itemsOf(section)
      .filter((item) => !isFraming(item, itemsOf(section)))
      .map((item) => ({ report, section, quote: itemQuote(item), body: item.span.text })),
  );
}

/** (一)思想认识不到位。部分单位… — the sub-section from its own heading on, clipped. */
function subSectionQuote(section: Section): Span {
  const at = section.text.indexOf(section.heading);
  const start = at >= 0 ? at : 0;
  return clip(section.text, withoutMarker({ text: section.text.slice(start), start, end: section.text.length }), ITEM_CHARS);
}

/** 总体看…但也存在一些差距和不足。 — an opening that only frames the numbered items after it. */
function isFraming(item: Item, items: Item[]): boolean {
  return !item.numbered && items.some((i) => i.numbered) && item === items[0];
}
