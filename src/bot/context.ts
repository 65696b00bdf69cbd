import type { Context } from "grammy";
import type { Assistant } from "../answer/assistant.js";
import type { Config } from "../config.js";
import type { ReportIntake } from "../intake/report-intake.js";
import type { Logger } from "../logger.js";
import type { AccessPolicy } from "./access.js";
import type { ConversationStore } from "./conversation-store.js";
import type { FeedbackStore } from "./feedback-store.js";

/** grammY context with a per-update child logger (update id, chat, user). */
export type BotContext = Context & { logger: Logger };

/** What the features share; built once in createBot. */
export interface BotServices {
  config: Config;
  assistant: Assistant;
  access: AccessPolicy;
  feedback: FeedbackStore;
  conversations: ConversationStore;
  /** Adding reports sent by admins as documents. */
  intake: ReportIntake;
  /** The bytes of a file Telegram stores (getFile's file_path). */
  fetchFile: (filePath: string) => Promise<Uint8Array>;
  /** Minimum time between edits of a streaming draft (Telegram throttles frequent edits). */
  streamEditIntervalMs: number;
}
