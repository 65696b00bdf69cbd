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
  if (u.outOfLibrary) return draft(`${u.outOfLibrary}，资料库中的报告没有提到这一点，无法给出有依据的回答。${held}`);

  const topic = themeWords(input);
  const about = topic ? `“${topic}”` : "这一点";
  const where = scope.length === library.length ? "资料库中的报告" : `${listOf(scope.map(reportLabel))}报告`;
  if (u.mentionedYears.length) {
    const years = u.mentionedYears.map((y) => `${y}年`).join("、");
    const regions = u.filters.regions.join("、");
    return draft(
      `资料库中没有${regions}${years}的报告；${where}里也没有写明${years}的${topic || "这项情况"}，其中的数字是报告当年的，不能当作${years}的数字。如需了解报告当年的情况，可以直接问。`,
    );
  }
  if (reason.why === "no-figure") {
    return draft(`${where}提到了${about}，但没有给出所问的数字，无法给出有依据的回答。可以换个问法了解相关做法。`);
  }
  const elsewhere = topic ? mentioning(library.filter((r) => !scope.includes(r)), input) : [];
  const hint = elsewhere.length ? `资料库中提到${about}的有：${listOf(elsewhere.map(reportLabel))}，可以换个问法查询。` : held;
  return draft(`${where}没有提到${about}，无法给出有依据的回答。${hint}`);
}

/** Reports outside the scope whose text has every term of the theme. */
function mentioning(reports: Report[], input: ComposeInput): Report[] {
  const terms = input.theme.terms;
  return reports.filter((r) => terms.every((t) => t.forms.some((f) => r.text.includes(f))));
}
