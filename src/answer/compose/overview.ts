import type { Report } from "../../corpus/report.js";
import type { QuestionKind } from "../answer.js";
import { CitationList } from "../citations.js";
import { chineseNumber, reportLabel, scopeLine } from "../frame.js";
import { clip, notableSentences } from "../items.js";
import { bareHeading, type OutlineNode, outlineOf, partHeadings } from "../report-outline.js";
import { answered, type ComposeInput, type Draft } from "./draft.js";
import { refusal } from "./refusal.js";
import { reportsToCover } from "./themed.js";

/** The longest sentence quoted for a heading. */
const KEY_CHARS = 120;
/** Main headings listed per report when several reports are covered. */
const PER_REPORT_HEADINGS = 4;

/**
 * 主要干了哪些事 / 介绍一下 / 有哪些经验做法: the report's own main headings in order, each with its most
 * telling sentences (an initiative the report names, a figure), and a pointer to the parts left out
 * (problems, plans). A practices question gets two sentences a heading; several reports a shorter outline each.
 */
export function composeOverview(input: ComposeInput, kind: QuestionKind = "overview"): Draft {
  const reports = reportsToCover(input);
  const citations = new CitationList();
  const perHeading = kind === "practices" ? 2 : 1;
  if (reports.length === 0) return refusal(input, { why: "silent" });
  if (reports.length === 1) {
    const text = oneReport(reports[0]!, perHeading, citations);
    return text ? answered(kind, text, citations) : refusal(input, { why: "silent" });
  }
  const blocks = reports.flatMap((report) => {
    const lines = outlineOf(report, ["measures"])
      .slice(0, PER_REPORT_HEADINGS)
      .flatMap((node) => {
        const key = keyLine(report, node, citations, perHeading);
        return key ? [`${node.heading}：${key}`] : [];
      });
    return lines.length ? [`【${reportLabel(report)}】\n${lines.join("\n")}`] : [];
  });
  return answered(kind, `${scopeLine(reports, input.library)}\n\n${blocks.join("\n\n")}`, citations);
}

function oneReport(report: Report, perHeading: number, citations: CitationList): string | null {
  const lines = outlineOf(report, ["measures"]).flatMap((node) => {
    const key = keyLine(report, node, citations, perHeading);
    return key ? [`${node.heading}${subHeadings(node)}：${key}`] : [];
  });
  if (lines.length === 0) return null;
  const rest = [...partHeadings(report, "problems"), ...partHeadings(report, "plans")];
  const parts = rest.length === 2 ? "两部分" : `${chineseNumber(rest.length)}部分`;
  const pointer = rest.length ? `\n报告另有${rest.map((h) => `“${h}”`).join("")}${parts}，可继续追问。` : "";
  return `${reportLabel(report)}报告从${chineseNumber(lines.length)}个方面总结工作：\n${lines.join("\n")}${pointer}`;
}

/** A heading's most telling sentences, cited and joined: from its first sections. */
export function keyLine(report: Report, node: OutlineNode, citations: CitationList, count = 1, chars = KEY_CHARS): string | null {
  const found = notableSentences(node.sections.slice(0, 2), count);
  if (found.length === 0) return null;
  return found.map(({ section, span }) => citations.quote({ report, section }, clip(section.text, span, chars))).join("；");
}

/** （科学部署规划；带头学法用法） — the headings one level down, which say what the part covers. */
export function subHeadings(node: OutlineNode): string {
  return node.children.length >= 2 ? `（${node.children.map(bareHeading).join("；")}）` : "";
}
