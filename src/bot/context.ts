import type { Context, SessionFlavor } from "grammy";
import type { Conversation } from "../answer/answer.js";
import type { Assistant } from "../answer/assistant.js";
import type { Config } from "../config.js";
import type { ReportIntake } from "../intake/report-intake.js";
import type { Logger } from "../logger.js";
import type { AccessPolicy } from "./access.js";
import type { AnswersInFlight } from "./limits.js";
import type { Records } from "../records/records.js";

/** grammY context with a per-update child logger (update id, chat, user) and the chat's conversation as its session. */
export type BotContext = Context & SessionFlavor<Conversation> & { logger: Logger };

/** What the features share; built once in createBot. */
export interface BotServices {
  config: Config;
  assistant: Assistant;
  access: AccessPolicy;
  /** Answers sent, 👍/👎, conversation state. */
  records: Records;
  answering: AnswersInFlight;
  /** Adding reports sent by admins as documents. */
  intake: ReportIntake;
  /** The bytes of a file Telegram stores (getFile's file_path). */
  fetchFile: (filePath: string) => Promise<Uint8Array>;
  /** Minimum time between edits of a streaming draft (Telegram throttles frequent edits). */
  streamEditIntervalMs: number;
}
