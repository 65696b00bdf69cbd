import type { Answer } from "../answer/answer.js";
import type { Records } from "../records/records.js";

/**
 * Where the page's answers and their 👍/👎 go. The server only sees this interface; behind it are the
 * same records as the bot's (SQLite, or PostgreSQL with DATABASE_URL).
 */
export interface AnswerFeedback {
  /** Stores an answer given on the page; returns the id its vote refers to. */
  recordAnswer(answer: Answer): Promise<string>;
  /** False when the answer id is unknown. */
  recordVote(answerId: string, vote: "up" | "down"): Promise<boolean>;
}

/**
 * Web answers have no Telegram chat or user: a page's answer is seen by the one person who asked, so its
 * vote is that person's (a second vote replaces the first).
 */
const WEB_VOTER = "web";

export function feedbackFromRecords(records: Records): AnswerFeedback {
  return {
    recordAnswer: (answer) => records.recordAnswer({ answer, surface: "http", chatId: null, userId: null }),
    recordVote: async (answerId, vote) =>
      (await records.recordVote(answerId, { userId: WEB_VOTER, chatId: null }, vote)) !== "unknown-answer",
  };
}
