import type { SectionKind } from "../corpus/report.js";

/** The Answer contract of DESIGN.md; every surface renders this and nothing else. */

export interface Citation {
  n: number;
  reportId: string;
  sectionId: string;
  region: string | null;
  year: number | null;
  title: string | null;
  path: string[];
  /** A verbatim span of the cited section that supports the claim. */
  quote: string;
}

export type AnswerStatus = "answered" | "not_found";
export type AnswerMode = "extractive" | "llm";

/** The kind of answer given (DESIGN.md "Kinds of answer"); `refusal` goes with status not_found. */
export const ANSWER_KINDS = ["figure", "practices", "overview", "outline", "comparison", "ranking", "problems", "plans", "refusal"] as const;
export type AnswerKind = (typeof ANSWER_KINDS)[number];
/** What a question asks for; every kind but refusal. */
export type QuestionKind = Exclude<AnswerKind, "refusal">;

export interface Answer {
  question: string;
  status: AnswerStatus;
  kind: AnswerKind;
  /** Plain text; claims carry markers [n], each with a citation of that n. */
  answer: string;
  citations: Citation[];
  mode: AnswerMode;
  ms: number;
  /** Short user-facing note, e.g. that the LLM failed and the offline answer is shown. Not part of the JSON contract. */
  notice?: string;
}

/** One past turn, enough for follow-ups like 那水磨沟区呢？ */
export interface Turn {
  question: string;
  /** The question as understood (with filters and topic resolved from earlier turns). */
  resolved: string;
  kind: QuestionKind;
  /** Whether the turn spanned several reports (各区…), so 那问题呢？ does too. */
  across: boolean;
  regions: string[];
  years: number[];
  issuers: string[];
  topic: string;
}

export interface Conversation {
  turns: Turn[];
}

export function newConversation(): Conversation {
  return { turns: [] };
}

export interface SectionView {
  id: string;
  reportId: string;
  region: string | null;
  year: number | null;
  title: string | null;
  issuer: string | null;
  path: string[];
  kind: SectionKind;
  text: string;
}
