import type { ReportSummary } from "../corpus/report.js";
import type { Answer, Conversation, SectionView } from "./answer.js";

/** What a streaming answer emits: text as it is generated, then the final validated Answer. */
export type AnswerEvent = { type: "delta"; text: string } | { type: "answer"; answer: Answer };

export interface LibraryStats {
  reports: number;
  sections: number;
  chunks: number;
  /** e.g. "local-hash-v1/512" or "openai:text-embedding-3-small/1536" */
  embedder: string;
  mode: "extractive" | "llm";
  indexDir: string;
  corpusDir: string;
  /** ISO time of the last index build/update. */
  indexedAt: string | null;
}

/**
 * The one core every surface (CLI, Telegram bot, …) calls. Nothing here knows about a surface.
 * `ask` appends the turn to `conversation` when one is given, so follow-ups (那水磨沟区呢？) resolve.
 */
export interface Assistant {
  ask(question: string, conversation?: Conversation): Promise<Answer>;
  askStream(question: string, conversation?: Conversation): AsyncIterable<AnswerEvent>;
  /**
   * The conversation these earlier questions (oldest first) make, understood but not answered: for
   * stateless surfaces (the HTTP API, OpenAI-compatible clients) that send the history with each question.
   */
  conversationFrom(questions: string[]): Conversation;
  reports(): ReportSummary[];
  section(sectionId: string): SectionView | null;
  /** Re-reads the corpus folder and updates the index (incremental). */
  reindex(): Promise<LibraryStats>;
  stats(): LibraryStats;
}
