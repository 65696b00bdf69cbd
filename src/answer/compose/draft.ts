import type { Report } from "../../corpus/report.js";
import type { AnswerKind, AnswerStatus, Citation } from "../answer.js";
import type { CitationList } from "../citations.js";
import type { Evidence, Theme } from "../evidence.js";
import type { Understanding } from "../understand.js";

/** What a composer returns: the answer text with [n] markers and its citations, in reading order. */
export interface Draft {
  status: AnswerStatus;
  kind: AnswerKind;
  answer: string;
  citations: Citation[];
}

/** Everything a composer may use: the question understood, its theme, the reports in scope, the retrieved sections. */
export interface ComposeInput {
  understanding: Understanding;
  theme: Theme;
  /** The reports the question covers (after its filters), in library order. */
  scope: Report[];
  library: readonly Report[];
  /** Sections retrieved by the hybrid search for the question, best first. */
  retrieved: Evidence[];
}

export function answered(kind: AnswerKind, text: string, citations: CitationList): Draft {
  return { status: "answered", kind, answer: text.trim(), citations: citations.items };
}

/** The theme in words, for frames like 没有提到“…”: the question's own topic. */
export function themeWords(input: ComposeInput): string {
  return input.theme.terms.map((t) => t.term).join("");
}
