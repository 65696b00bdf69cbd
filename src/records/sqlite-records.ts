import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
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
import { RecordsHealth } from "./records-health.js";
import { answerValues, migrationFiles, now, SQL, text } from "./statements.js";

/**
 * The records in one SQLite file in DATA_DIR (WAL: readers such as the `feedback` command never block
 * the bot). Each record is one transaction, so a full disk or a crash leaves whole records or none.
 * When the database cannot be opened or written, the surfaces keep answering: the failure is logged
 * once, reported by problem(), and retried at the next write.
 */

export const RECORDS_FILE = "records.db";
/** Between attempts to open a database that could not be opened (a read-only or full folder). */
const REOPEN_MS = 30_000;
/** Conversations idle this long are dropped when the database is opened. */
const CONVERSATION_DAYS = 90;

export class SqliteRecords implements Records {
  readonly file: string;
  readonly conversations: ResilientConversations;
  private readonly health: RecordsHealth;
  private db: Database.Database | null = null;
  private nextOpen = 0;

  constructor(
    readonly dataDir: string,
    private readonly logger: Logger,
  ) {
    this.file = join(dataDir, RECORDS_FILE);
    this.health = new RecordsHealth(logger, `数据目录 ${dataDir}`, describe);
    this.conversations = new ResilientConversations(this.rawConversations(), (error) => this.health.failed(error, "对话上下文"));
    this.database();
  }

  async recordAnswer(record: AnswerToRecord): Promise<string> {
    const id = randomBytes(6).toString("base64url");
    this.write("回答记录", (db) => db.prepare(SQL.insertAnswer).run(id, ...answerValues(record)));
    return id;
  }

  async recordVote(
    answerId: string,
    who: { userId: string | number; chatId: string | number | null },
    vote: Vote,
  ): Promise<VoteOutcome> {
    return this.write("反馈", (db) =>
      db.transaction((): VoteOutcome => {
        if (!db.prepare(SQL.answerExists).get(answerId)) return "unknown-answer";
        const before = db.prepare(SQL.voteOf).get(answerId, String(who.userId)) as { vote: Vote } | undefined;
        if (before?.vote === vote) return "unchanged";
        db.prepare(SQL.upsertVote).run(answerId, String(who.userId), text(who.chatId), vote, now());
        return before ? "changed" : "recorded";
      })(),
    );
  }

  async feedbackStats(): Promise<FeedbackStats> {
    const db = this.database();
    if (!db) throw new RecordsUnavailableError(`无法读取记录数据库 ${this.file}：${this.health.problem ?? "未知原因"}`);
    const counts = db.prepare(SQL.stats).get() as Omit<FeedbackStats, "recentDown">;
    return { ...counts, recentDown: db.prepare(SQL.recentDown).all() as FeedbackStats["recentDown"] };
  }

  problem(): string | null {
    return this.health.problem;
  }

  async close(): Promise<void> {
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
        db.prepare(SQL.dropIdleConversations).run(new Date(Date.now() - CONVERSATION_DAYS * 86_400_000).toISOString());
      } catch (error) {
        db.close();
        throw error;
      }
      this.db = db;
      this.health.ok();
    } catch (error) {
      this.nextOpen = Date.now() + REOPEN_MS;
      this.health.failed(error, "记录数据库");
    }
    return this.db;
  }

  /** Runs one write; a failure is reported and turned into RecordsUnavailableError (nothing half-written: SQLite rolls back). */
  private write<T>(what: string, run: (db: Database.Database) => T): T {
    const db = this.database();
    if (!db) throw new RecordsUnavailableError(`无法保存${what}：${this.health.problem}`);
    try {
      const result = run(db);
      this.health.ok();
      return result;
    } catch (error) {
      throw new RecordsUnavailableError(`无法保存${what}：${this.health.failed(error, what)}`);
    }
  }

  private rawConversations(): StorageAdapter<string> {
    const open = () => {
      const db = this.database();
      if (!db) throw new RecordsUnavailableError(this.health.problem ?? "记录数据库不可用");
      return db;
    };
    return {
      read: (key) => (open().prepare(SQL.readConversation).get(key) as { value: string } | undefined)?.value,
      write: (key, value) => {
        open().prepare(SQL.writeConversation).run(key, value, now());
        this.health.ok();
      },
      delete: (key) => {
        open().prepare(SQL.deleteConversation).run(key);
      },
    };
  }
}

/**
 * Applies the migrations not applied yet, in order, each in one transaction (PRAGMA user_version counts
 * them); says whether the database was new.
 */
function migrate(db: Database.Database): "created" | "existing" {
  const applied = db.pragma("user_version", { simple: true }) as number;
  for (const { version, sql } of migrationFiles()) {
    if (version <= applied) continue;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version}`);
    })();
  }
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
