import type { Answer } from "../answer/answer.js";
import type { FeedbackStore } from "../bot/feedback-store.js";

/**
 * Where the page's answers and their 👍/👎 go. The server only sees this interface, so the records
 * store can change (JSONL today, SQLite/PostgreSQL later) without touching the routes.
 */
export interface AnswerFeedback {
  /** Stores an answer given on the page; returns the id its vote refers to. */
  recordAnswer(answer: Answer): Promise<string>;
  /** False when the answer id is unknown. */
  recordVote(answerId: string, vote: "up" | "down"): Promise<boolean>;
}

/** Web answers have no Telegram chat or user: they are stored with chat and user 0. */
export const WEB_CHAT_ID = 0;

/** The bot's JSONL store behind the server's interface: web votes land in the same files as the bot's. */
export function feedbackFromStore(store: FeedbackStore): AnswerFeedback {
  return {
    recordAnswer: async (answer) => (await store.recordAnswer(answer, { chatId: WEB_CHAT_ID, userId: null })).id,
    recordVote: async (answerId, vote) => (await store.recordVote(answerId, vote, { chatId: WEB_CHAT_ID, userId: WEB_CHAT_ID })) !== null,
  };
}
