import type { Report } from "../../corpus/report.js";
import { listOf, reportLabel } from "../frame.js";
import { type ComposeInput, type Draft, themeWords } from "./draft.js";

/** Why nothing in scope answers the question. */
export type RefusalReason =
  /** The reports in scope never mention the theme. */
  | { why: "silent" }
  /** They mention it, but give no figure of the kind asked (only a rate where a count is asked). */
  | { why: "no-figure" }
  /** Nothing to answer: an empty, too long or unreadable question. */
  | { why: "unreadable"; message: string };

/**
 * `not_found`: says why, and what the library does hold instead — the nearest year of the region,
 * or the reports that do mention the theme — without ever giving another year's figure as the answer.
 */
export function refusal(input: ComposeInput, reason: RefusalReason): Draft {
  const { understanding: u, scope, library } = input;
  const draft = (text: string): Draft => ({ status: "not_found", kind: "refusal", answer: text, citations: [] });
  if (reason.why === "unreadable") return draft(reason.message);
  const held = `现有报告：${listOf(library.map(reportLabel))}。`;
  const topic = themeWords(input);
  if (u.outOfLibrary?.places)
    return draft(`资料库中没有${u.outOfLibrary.places.join("、")}的报告，无法给出有依据的回答。${held}`);
  const years = u.outOfLibrary?.years ?? u.mentionedYears;
  if (years.length) return draft(yearNotHeld(years, u.filters.regions, topic, u.mentionedYears.length > 0, library));

  const about = topic ? `“${topic}”` : "这一点";
  const where = scope.length === library.length ? "资料库中的报告" : `${listOf(scope.map(reportLabel))}报告`;
  if (reason.why === "no-figure") {
    return draft(`${where}提到了${about}，但没有给出所问的数字，无法给出有依据的回答。可以换个问法了解相关做法。`);
  }
  const elsewhere = topic
    ? mentioning(
        library.filter((r) => !scope.includes(r)),
        input,
      )
    : [];
  const hint = elsewhere.length ? `资料库中提到${about}的有：${listOf(elsewhere.map(reportLabel))}，可以换个问法查询。` : held;
  return draft(`${where}没有提到${about}，无法给出有依据的回答。${hint}`);
}

/**
 * 资料库中没有鱼峰区2025年的报告；最近的是鱼峰区2023年的报告…: what the library holds for the region
 * instead, and that its figures are not the asked year's.
 */
function yearNotHeld(years: number[], regions: string[], topic: string, mentioned: boolean, library: readonly Report[]): string {
  const asked = years.map((y) => `${y}年`).join("、");
  if (regions.length === 0) {
    const held = [...new Set(library.flatMap((r) => (r.year === null ? [] : [r.year])))].sort((a, b) => a - b);
    return `资料库中没有关于${asked}的报告，无法回答。库中报告的年份：${held.map((y) => `${y}年`).join("、")}。`;
  }
  const nearest = regions.flatMap((region) => {
    const reports = library.filter((r) => r.region === region && r.year !== null);
    const closest = reports.sort((a, b) => Math.abs(a.year! - years[0]!) - Math.abs(b.year! - years[0]!))[0];
    return closest ? [closest] : [];
  });
  const head = `资料库中没有${regions.join("、")}${asked}的报告`;
  if (nearest.length === 0) return `${head}，无法回答。`;
  const labels = listOf(nearest.map(reportLabel));
  const heldYears = [...new Set(nearest.map((r) => `${r.year}年`))].join("、");
  const silent = mentioned ? `，其中也没有写明${asked}的${topic || "这项情况"}` : "";
  return `${head}；最近的是${labels}的报告${silent}。那份报告里的数字是${heldYears}的，不能当作${asked}的数字；如需了解${heldYears}的情况，可以直接问。`;
}

/** Reports outside the scope whose text has every term of the theme. */
function mentioning(reports: Report[], input: ComposeInput): Report[] {
  const terms = input.theme.terms;
  return reports.filter((r) => terms.every((t) => t.forms.some((f) => r.text.includes(f))));
}
