import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import type { StorageAdapter } from "grammy";
import type { Logger } from "../logger.js";
import { ResilientConversations } from "./conversation-storage.js";
import { importLegacyFiles } from "./legacy-import.js";
import {
  type AnswerToRecord,
  type FeedbackStats,
  type Records,
  RecordsUnavailableError,
  type Vote,
  type VoteOutcome,
} from "./records.js";

/**
 * The records in one SQLite file in DATA_DIR (WAL: readers such as the `feedback` command never block
 * the bot). Each record is one transaction, so a full disk or a crash leaves whole records or none.
 * When the database cannot be opened or written, the surfaces keep answering: the failure is logged
 * once, reported by problem(), and retried at the next write.
 */

export const RECORDS_FILE = "records.db";
const MIGRATIONS = new URL("./migrations/", import.meta.url);
/** Between attempts to open a database that could not be opened (a read-only or full folder). */
const REOPEN_MS = 30_000;
/** Conversations idle this long are dropped when the database is opened. */
const CONVERSATION_DAYS = 90;

export class SqliteRecords implements Records {
  readonly file: string;
  readonly conversations: ResilientConversations;
  private db: Database.Database | null = null;
  private lastProblem: string | null = null;
  private nextOpen = 0;

  constructor(
    readonly dataDir: string,
    private readonly logger: Logger,
  ) {
    this.file = join(dataDir, RECORDS_FILE);
    this.conversations = new ResilientConversations(this.rawConversations(), (error) => this.fail(error, "对话上下文"));
    this.database();
  }

  async recordAnswer({ answer, surface, chatId, userId }: AnswerToRecord): Promise<string> {
    const id = randomBytes(6).toString("base64url");
    const citations = answer.citations.map(({ n, reportId, sectionId, region, year, path }) => ({
      n,
      reportId,
      sectionId,
      region,
      year,
      path,
    }));
    this.write("回答记录", (db) =>
      db
        .prepare(
          "INSERT INTO answers (id, at, surface, chat_id, user_id, question, answer, status, mode, citations) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .run(
          id,
          now(),
          surface,
          text(chatId),
          text(userId),
          answer.question,
          answer.answer,
          answer.status,
          answer.mode,
          JSON.stringify(citations),
        ),
    );
    return id;
  }

  async recordVote(
    answerId: string,
    who: { userId: string | number; chatId: string | number | null },
    vote: Vote,
  ): Promise<VoteOutcome> {
    return this.write("反馈", (db) =>
      db.transaction((): VoteOutcome => {
        if (!db.prepare("SELECT 1 FROM answers WHERE id = ?").get(answerId)) return "unknown-answer";
        const before = db
          .prepare("SELECT vote FROM votes WHERE answer_id = ? AND user_id = ?")
          .get(answerId, text(who.userId)) as { vote: Vote } | undefined;
        if (before?.vote === vote) return "unchanged";
        db.prepare(
          `INSERT INTO votes (answer_id, user_id, chat_id, vote, at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (answer_id, user_id) DO UPDATE SET vote = excluded.vote, chat_id = excluded.chat_id, at = excluded.at`,
        ).run(answerId, text(who.userId), text(who.chatId), vote, now());
        return before ? "changed" : "recorded";
      })(),
    );
  }

  async feedbackStats(): Promise<FeedbackStats> {
    const db = this.database();
    if (!db) throw new RecordsUnavailableError(`无法读取记录数据库 ${this.file}：${this.lastProblem ?? "未知原因"}`);
    const count = (sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;
    return {
      answers: count("SELECT COUNT(*) AS n FROM answers"),
      notFound: count("SELECT COUNT(*) AS n FROM answers WHERE status = 'not_found'"),
      votedAnswers: count("SELECT COUNT(DISTINCT answer_id) AS n FROM votes"),
      up: count("SELECT COUNT(*) AS n FROM votes WHERE vote = 'up'"),
      down: count("SELECT COUNT(*) AS n FROM votes WHERE vote = 'down'"),
      recentDown: db
        .prepare(
          "SELECT v.at AS at, a.question AS question, a.answer AS answer FROM votes v JOIN answers a ON a.id = v.answer_id WHERE v.vote = 'down' ORDER BY v.at DESC LIMIT 5",
        )
        .all() as FeedbackStats["recentDown"],
    };
  }

  problem(): string | null {
    return this.lastProblem;
  }

  close(): void {
    this.db?.close();
    this.db = null;
  }

  /** The open database, opening (and migrating) it first when needed; null while it cannot be opened. */
  private database(): Database.Database | null {
    if (this.db) return this.db;
    if (Date.now() < this.nextOpen) return null;
    try {
      mkdirSync(this.dataDir, { recursive: true });
      const db = new Database(this.file);
      try {
        db.pragma("journal_mode = WAL");
        db.pragma("synchronous = FULL");
        db.pragma("foreign_keys = ON");
        db.pragma("busy_timeout = 5000");
        if (migrate(db) === "created") importLegacyFiles(db, this.dataDir, this.logger);
        db.prepare("DELETE FROM conversations WHERE updated_at < ?").run(
          new Date(Date.now() - CONVERSATION_DAYS * 86_400_000).toISOString(),
        );
      } catch (error) {
        db.close();
        throw error;
      }
      this.db = db;
      this.recovered();
    } catch (error) {
      this.nextOpen = Date.now() + REOPEN_MS;
      this.fail(error, "记录数据库");
    }
    return this.db;
  }

  /** Runs one write; a failure is reported and turned into RecordsUnavailableError (nothing half-written: SQLite rolls back). */
  private write<T>(what: string, run: (db: Database.Database) => T): T {
    const db = this.database();
    if (!db) throw new RecordsUnavailableError(`无法保存${what}：${this.lastProblem}`);
    try {
      const result = run(db);
      this.recovered();
      return result;
    } catch (error) {
      throw new RecordsUnavailableError(`无法保存${what}：${this.fail(error, what)}`);
    }
  }

  private rawConversations(): StorageAdapter<string> {
    const find = () => {
      const db = this.database();
      if (!db) throw new RecordsUnavailableError(this.lastProblem ?? "记录数据库不可用");
      return db;
    };
    return {
      read: (key) =>
        (find().prepare("SELECT value FROM conversations WHERE key = ?").get(key) as { value: string } | undefined)?.value,
      write: (key, value) => {
        find()
          .prepare(
            "INSERT INTO conversations (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
          )
          .run(key, value, now());
        this.recovered();
      },
      delete: (key) => {
        find().prepare("DELETE FROM conversations WHERE key = ?").run(key);
      },
    };
  }

  /** Logs the first failure of a run of failures (then quietly), and returns its reason in Chinese. */
  private fail(error: unknown, what: string): string {
    const reason = describe(error);
    if (this.lastProblem === null) {
      this.logger.error(
        { err: error, file: this.file },
        `无法保存${what}（${reason}）：回答照常发送，但回答记录、反馈和对话上下文暂不能保存；请检查数据目录 ${this.dataDir}`,
      );
    } else {
      this.logger.debug({ err: error }, `仍无法保存${what}（${reason}）`);
    }
    this.lastProblem = reason;
    return reason;
  }

  private recovered(): void {
    if (this.lastProblem === null) return;
    this.logger.info({ file: this.file }, "记录数据库已恢复，可以正常保存");
    this.lastProblem = null;
  }
}

/**
 * Applies the SQL files in migrations/ not applied yet, in order, each in one transaction (PRAGMA
 * user_version counts them); says whether the database was new.
 */
function migrate(db: Database.Database): "created" | "existing" {
  const files = readdirSync(MIGRATIONS)
    .filter((name) => /^\d+-.+\.sql$/.test(name))
    .sort();
  const applied = db.pragma("user_version", { simple: true }) as number;
  files.forEach((name, i) => {
    if (i < applied) return;
    const sql = readFileSync(fileURLToPath(new URL(name, MIGRATIONS)), "utf8");
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${i + 1}`);
    })();
  });
  return applied === 0 ? "created" : "existing";
}

/** What went wrong, for an operator, in Chinese. */
function describe(error: unknown): string {
  const code = (error as { code?: string }).code ?? "";
  if (code === "SQLITE_FULL" || code === "ENOSPC") return "磁盘已满";
  if (code.startsWith("SQLITE_READONLY") || code === "EROFS" || code === "EACCES" || code === "EPERM")
    return "数据目录只读或没有写权限";
  if (code.startsWith("SQLITE_IOERR")) return "磁盘读写出错";
  if (code === "SQLITE_CANTOPEN" || code === "ENOTDIR" || code === "ENOENT") return "无法创建或打开数据库文件";
  if (code === "SQLITE_BUSY" || code === "SQLITE_LOCKED") return "数据库正被其他程序占用";
  if (code === "SQLITE_CORRUPT" || code === "SQLITE_NOTADB") return "数据库文件已损坏";
  return error instanceof Error ? error.message : String(error);
}

const now = () => new Date().toISOString();
const text = (id: string | number | null) => (id === null ? null : String(id));
