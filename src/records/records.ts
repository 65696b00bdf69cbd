import type { StorageAdapter } from "grammy";
import type { Answer, Conversation } from "../answer/answer.js";
import { UserError } from "../user-error.js";

/**
 * What the surfaces keep: every answer sent (so its 👍/👎 buttons work after a restart), one vote per
 * user per answer, and each chat's conversation state. SQLite in DATA_DIR by default
 * (sqlite-records.ts), PostgreSQL with DATABASE_URL for several replicas (postgres-records.ts).
 */

export type Vote = "up" | "down";

export interface AnswerToRecord {
  answer: Answer;
  /** Which surface sent it: telegram, http … */
  surface: string;
  chatId: string | number | null;
  userId: string | number | null;
}

/** recorded: a first vote; changed: the user's earlier vote replaced; unchanged: the same vote again. */
export type VoteOutcome = "recorded" | "changed" | "unchanged" | "unknown-answer";

export interface FeedbackStats {
  answers: number;
  notFound: number;
  /** Answers with at least one vote. */
  votedAnswers: number;
  up: number;
  down: number;
  /** The latest 👎, newest first, with what was asked and answered. */
  recentDown: Array<{ at: string; question: string; answer: string }>;
}

export interface Records {
  /** Stores an answer before it is sent; returns its short id. Throws RecordsUnavailableError. */
  recordAnswer(record: AnswerToRecord): Promise<string>;
  /** A user's vote on an answer; a second vote by the same user replaces the first. Throws RecordsUnavailableError. */
  recordVote(
    answerId: string,
    who: { userId: string | number; chatId: string | number | null },
    vote: Vote,
  ): Promise<VoteOutcome>;
  feedbackStats(): Promise<FeedbackStats>;
  /** Conversation state per chat, for grammY's session middleware; never fails a request (see conversation-storage.ts). */
  readonly conversations: StorageAdapter<Conversation>;
  /** Why the last write failed (e.g. 磁盘已满), or null once writes succeed again. */
  problem(): string | null;
  close(): Promise<void>;
}

/** The records could not be written or read (a full disk, a read-only folder …); the message says which, in Chinese. */
export class RecordsUnavailableError extends UserError {}
