import type { Report } from "../../corpus/report.js";
import { CitationList } from "../citations.js";
import { chineseNumber, reportLabel, scopeLine } from "../frame.js";
import { clip, keySentence } from "../items.js";
import { bareHeading, type OutlineNode, outlineOf, partHeadings } from "../report-outline.js";
import { answered, type ComposeInput, type Draft } from "./draft.js";
import { refusal } from "./refusal.js";
import { reportsToCover } from "./themed.js";

/** The longest key sentence quoted for a heading. */
const KEY_CHARS = 120;
/** Main headings listed per report when several reports are covered. */
const PER_REPORT_HEADINGS = 4;

/**
 * 主要干了哪些事 / 介绍一下: the report's own main headings in order, each with its key sentence, and a
 * pointer to the parts left out (problems, plans). Several reports: a shorter outline of each.
 */
export function composeOverview(input: ComposeInput): Draft {
  const reports = reportsToCover(input);
  const citations = new CitationList();
  if (reports.length === 0) return refusal(input, { why: "silent" });
  if (reports.length === 1) {
    const text = oneReport(reports[0]!, citations);
    return text ? answered("overview", text, citations) : refusal(input, { why: "silent" });
  }
  const blocks = reports.flatMap((report) => {
    const lines = headingLines(report, citations).slice(0, PER_REPORT_HEADINGS);
    return lines.length ? [`【${reportLabel(report)}】\n${lines.join("\n")}`] : [];
  });
  return answered("overview", `${scopeLine(reports, input.library)}\n\n${blocks.join("\n\n")}`, citations);
}

function oneReport(report: Report, citations: CitationList): string | null {
  const lines = headingLines(report, citations);
  if (lines.length === 0) return null;
  const rest = [...partHeadings(report, "problems"), ...partHeadings(report, "plans")];
  const pointer = rest.length ? `\n报告另有${rest.map((h) => `“${h}”`).join("")}${rest.length === 1 ? "一部分" : `${rest.length === 2 ? "两" : chineseNumber(rest.length)}部分`}，可继续追问。` : "";
  return `${reportLabel(report)}报告从${chineseNumber(lines.length)}个方面总结工作：\n${lines.join("\n")}${pointer}`;
}

/** One line per main heading: the heading (with its sub-headings), then its key sentence, cited. */
function headingLines(report: Report, citations: CitationList): string[] {
  const nodes = outlineOf(report, ["measures"]);
  return nodes.flatMap((node) => {
    const line = keyLine(report, node, citations);
    return line ? [`${node.heading}${subHeadings(node)}：${line}`] : [];
  });
}

/** The node's key sentence, cited: from its first section that has one. */
export function keyLine(report: Report, node: OutlineNode, citations: CitationList): string | null {
  for (const section of node.sections) {
    const key = keySentence(section);
    if (key) return citations.quote({ report, section }, clip(section.text, key, KEY_CHARS));
  }
  return null;
}

/** （科学部署规划；带头学法用法） — the headings one level down, which say what the part covers. */
export function subHeadings(node: OutlineNode): string {
  return node.children.length >= 2 ? `（${node.children.map(bareHeading).join("；")}）` : "";
}
