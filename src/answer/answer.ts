import { z } from "zod";
import type { SectionKind } from "../corpus/report.js";

/** The Answer contract of DESIGN.md (the `ask --json` object); every surface renders this and nothing else. */

export const CitationSchema = z.object({
  n: z.number().int(),
  reportId: z.string(),
  sectionId: z.string(),
  region: z.string().nullable(),
  year: z.number().nullable(),
  title: z.string().nullable(),
  path: z.array(z.string()),
  /** A verbatim span of the cited section that supports the claim. */
  quote: z.string(),
});
export type Citation = z.infer<typeof CitationSchema>;

/** The kind of answer given (DESIGN.md "Kinds of answer"); `refusal` goes with status not_found. */
export const ANSWER_KINDS = [
  "figure",
  "practices",
  "overview",
  "outline",
  "comparison",
  "ranking",
  "problems",
  "plans",
  "refusal",
] as const;
export type AnswerKind = (typeof ANSWER_KINDS)[number];
/** What a question asks for; every kind but refusal. */
export type QuestionKind = Exclude<AnswerKind, "refusal">;

/** The JSON contract; `answer` is plain text whose claims carry markers [n], each with a citation of that n. */
export const AnswerJsonSchema = z.object({
  question: z.string(),
  status: z.enum(["answered", "not_found"]),
  kind: z.enum(ANSWER_KINDS),
  answer: z.string(),
  citations: z.array(CitationSchema),
  mode: z.enum(["extractive", "llm"]),
  ms: z.number(),
});
export type AnswerJson = z.infer<typeof AnswerJsonSchema>;
export type AnswerStatus = AnswerJson["status"];
export type AnswerMode = AnswerJson["mode"];

export interface Answer extends AnswerJson {
  /** Short user-facing note, e.g. that the LLM failed and the offline answer is shown. Not part of the JSON contract. */
  notice?: string;
}

/** The --json object: exactly the contract fields, nothing surface-specific. */
export function answerJson(answer: Answer): AnswerJson {
  const { question, status, kind, answer: text, citations, mode, ms } = answer;
  return { question, status, kind, answer: text, citations, mode, ms };
}

/** One past turn, enough for follow-ups like 那水磨沟区呢？ (stored with a chat's state, so a schema). */
export const TurnSchema = z.object({
  question: z.string(),
  /** The question as understood (with filters and topic resolved from earlier turns). */
  resolved: z.string(),
  kind: z.enum(ANSWER_KINDS).exclude(["refusal"]),
  /** Whether the turn spanned several reports (各区…), so 那问题呢？ does too. */
  across: z.boolean(),
  regions: z.array(z.string()),
  years: z.array(z.number()),
  issuers: z.array(z.string()),
  topic: z.string(),
});
export type Turn = z.infer<typeof TurnSchema>;

export const ConversationSchema = z.object({ turns: z.array(TurnSchema) });
export type Conversation = z.infer<typeof ConversationSchema>;

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
