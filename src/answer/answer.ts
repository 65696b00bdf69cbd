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

export interface Answer {
  question: string;
  status: AnswerStatus;
  /** Plain text; claims carry markers [n], each with a citation of that n. */
  answer: string;
  citations: Citation[];
  mode: AnswerMode;
  ms: number;
  /** Short user-facing note, e.g. that the LLM failed and the offline answer is shown. Not part of the JSON contract. */
  notice?: string;
}

export type Intent = "figure" | "practice" | "problems" | "plans" | "summary" | "lookup";

/** One past turn, enough for follow-ups like 那水磨沟区呢？ */
export interface Turn {
  question: string;
  /** The question as understood (with filters and topic resolved from earlier turns). */
  resolved: string;
  intent: Intent;
  regions: string[];
  years: number[];
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
