import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { AnswerToRecord } from "./records.js";

/**
 * What both record stores share: the SQL they run (SQLite and PostgreSQL read it alike), with `?`
 * placeholders (PostgreSQL's `$1, $2 …` are made by numbered()), the migrations, the values of a record.
 */
export const SQL = {
  insertAnswer:
    "INSERT INTO answers (id, at, surface, chat_id, user_id, question, answer, status, mode, citations) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  answerExists: "SELECT 1 AS found FROM answers WHERE id = ?",
  voteOf: "SELECT vote FROM votes WHERE answer_id = ? AND user_id = ?",
  upsertVote: `INSERT INTO votes (answer_id, user_id, chat_id, vote, at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (answer_id, user_id) DO UPDATE SET vote = excluded.vote, chat_id = excluded.chat_id, at = excluded.at`,
  stats: `SELECT
      (SELECT COUNT(*) FROM answers) AS answers,
      (SELECT COUNT(*) FROM answers WHERE status = 'not_found') AS "notFound",
      (SELECT COUNT(DISTINCT answer_id) FROM votes) AS "votedAnswers",
      (SELECT COUNT(*) FROM votes WHERE vote = 'up') AS up,
      (SELECT COUNT(*) FROM votes WHERE vote = 'down') AS down`,
  recentDown: `SELECT v.at AS at, a.question AS question, a.answer AS answer FROM votes v JOIN answers a ON a.id = v.answer_id
    WHERE v.vote = 'down' ORDER BY v.at DESC LIMIT 5`,
  readConversation: "SELECT value FROM conversations WHERE key = ?",
  writeConversation: `INSERT INTO conversations (key, value, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  deleteConversation: "DELETE FROM conversations WHERE key = ?",
  dropIdleConversations: "DELETE FROM conversations WHERE updated_at < ?",
} as const;

/** `?` placeholders as PostgreSQL's $1, $2 … */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

const MIGRATIONS = new URL("./migrations/", import.meta.url);

/** The SQL files of migrations/ in order (PostgreSQL runs the same files). */
export function migrationFiles(): Array<{ version: number; sql: string }> {
  return readdirSync(MIGRATIONS)
    .filter((name) => /^\d+-.+\.sql$/.test(name))
    .sort()
    .map((name, i) => ({ version: i + 1, sql: readFileSync(fileURLToPath(new URL(name, MIGRATIONS)), "utf8") }));
}

/** The values of SQL.insertAnswer after the id. */
export function answerValues({ answer, surface, chatId, userId }: AnswerToRecord): unknown[] {
  const citations = answer.citations.map(({ n, reportId, sectionId, region, year, path }) => ({
    n,
    reportId,
    sectionId,
    region,
    year,
    path,
  }));
  return [
    now(),
    surface,
    text(chatId),
    text(userId),
    answer.question,
    answer.answer,
    answer.status,
    answer.mode,
    JSON.stringify(citations),
  ];
}

export const now = () => new Date().toISOString();
export const text = (id: string | number | null) => (id === null ? null : String(id));
