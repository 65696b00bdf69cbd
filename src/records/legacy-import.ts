import { existsSync, readFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import type Database from "better-sqlite3";
import { z } from "zod";
import type { Logger } from "../logger.js";

/**
 * Earlier versions kept their records as two JSON-lines files in DATA_DIR. When a new database is
 * created beside them, they are imported once (a user's last vote on an answer counts, as now) and
 * renamed to *.imported, so an upgrade loses no feedback.
 */

const ANSWERS_FILE = "answers.jsonl";
const FEEDBACK_FILE = "feedback.jsonl";

const LegacyAnswer = z.object({
  id: z.string(),
  at: z.string(),
  chatId: z.number(),
  userId: z.number().nullable(),
  question: z.string(),
  answer: z.string(),
  status: z.enum(["answered", "not_found"]),
  mode: z.enum(["extractive", "llm"]),
  citations: z.array(z.unknown()),
});

const LegacyVote = z.object({
  at: z.string(),
  answerId: z.string(),
  chatId: z.number(),
  userId: z.number(),
  vote: z.enum(["up", "down"]),
});

/** Lines that parse; a line torn by a crash is skipped. */
function lines<T>(file: string, schema: z.ZodType<T>): T[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .flatMap((line) => {
      try {
        const parsed = schema.safeParse(JSON.parse(line));
        return parsed.success ? [parsed.data] : [];
      } catch {
        return [];
      }
    });
}

export function importLegacyFiles(db: Database.Database, dataDir: string, logger: Logger): void {
  const answersFile = join(dataDir, ANSWERS_FILE);
  const feedbackFile = join(dataDir, FEEDBACK_FILE);
  if (!existsSync(answersFile)) return;
  const answers = lines(answersFile, LegacyAnswer);
  const votes = existsSync(feedbackFile) ? lines(feedbackFile, LegacyVote) : [];
  const known = new Set(answers.map((a) => a.id));
  db.transaction(() => {
    const addAnswer = db.prepare(
      "INSERT OR IGNORE INTO answers (id, at, surface, chat_id, user_id, question, answer, status, mode, citations) VALUES (?, ?, 'telegram', ?, ?, ?, ?, ?, ?, ?)",
    );
    for (const a of answers) {
      addAnswer.run(
        a.id,
        a.at,
        String(a.chatId),
        a.userId === null ? null : String(a.userId),
        a.question,
        a.answer,
        a.status,
        a.mode,
        JSON.stringify(a.citations),
      );
    }
    const addVote = db.prepare(
      `INSERT INTO votes (answer_id, user_id, chat_id, vote, at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (answer_id, user_id) DO UPDATE SET vote = excluded.vote, chat_id = excluded.chat_id, at = excluded.at`,
    );
    for (const v of votes) if (known.has(v.answerId)) addVote.run(v.answerId, String(v.userId), String(v.chatId), v.vote, v.at);
  })();
  renameSync(answersFile, `${answersFile}.imported`);
  if (existsSync(feedbackFile)) renameSync(feedbackFile, `${feedbackFile}.imported`);
  logger.info({ answers: answers.length, votes: votes.length }, `已把旧版本的 ${ANSWERS_FILE}、${FEEDBACK_FILE} 导入记录数据库`);
}
