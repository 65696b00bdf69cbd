import { randomBytes } from "node:crypto";
import type { StorageAdapter } from "grammy";
import pg from "pg";
import type { Logger } from "../logger.js";
import { ResilientConversations } from "./conversation-storage.js";
import {
  type AnswerToRecord,
  type FeedbackStats,
  type Records,
  RecordsUnavailableError,
  type Vote,
  type VoteOutcome,
} from "./records.js";
import { RecordsHealth } from "./records-health.js";
import { answerValues, migrationFiles, now, numbered, SQL, text } from "./statements.js";

/**
 * The records in PostgreSQL (DATABASE_URL), for several replicas sharing answers, votes and
 * conversations. The same migrations as SQLite, applied by whichever replica starts first (an advisory
 * lock makes the others wait), recorded in schema_migrations. Each record is one transaction; an
 * unreachable or full database costs the records, never the answer, as with SQLite.
 */

/** Key of the advisory lock held while migrating. */
const MIGRATION_LOCK = 0x66617a68;
const CONVERSATION_DAYS = 90;
const UNREACHABLE = "无法连接数据库";
/** How a pooled connection to a database that has since restarted fails. */
const BROKEN_CONNECTION = ["ECONNRESET", "EPIPE", "57P01"];

export class PostgresRecords implements Records {
  readonly conversations: ResilientConversations;
  private readonly health: RecordsHealth;
  private readonly pool: pg.Pool;
  private migrated: Promise<void> | null = null;

  constructor(url: string, logger: Logger) {
    this.health = new RecordsHealth(logger, `数据库 ${redacted(url)}`, describe);
    this.pool = new pg.Pool({ connectionString: url, max: 5, connectionTimeoutMillis: 3_000, idleTimeoutMillis: 30_000 });
    // A connection that breaks (idle in the pool, or between the queries of a transaction) must not end the process.
    this.pool.on("error", (error) => this.health.failed(error, "记录数据库"));
    this.pool.on("connect", (client) => client.on("error", (error) => this.health.failed(error, "记录数据库")));
    this.conversations = new ResilientConversations(this.rawConversations(), (error) => this.health.failed(error, "对话上下文"));
  }

  async recordAnswer(record: AnswerToRecord): Promise<string> {
    const id = randomBytes(6).toString("base64url");
    await this.write("回答记录", (client) => client.query(numbered(SQL.insertAnswer), [id, ...answerValues(record)]));
    return id;
  }

  recordVote(
    answerId: string,
    who: { userId: string | number; chatId: string | number | null },
    vote: Vote,
  ): Promise<VoteOutcome> {
    return this.write("反馈", async (client): Promise<VoteOutcome> => {
      if ((await client.query(numbered(SQL.answerExists), [answerId])).rowCount === 0) return "unknown-answer";
      // One statement says what happened, even with other replicas voting at the same moment: a new row
      // (xmax = 0), a changed one, or none at all when the vote was the same.
      const result = await client.query<{ inserted: boolean }>(
        `${numbered(SQL.upsertVote)} WHERE votes.vote IS DISTINCT FROM excluded.vote RETURNING (xmax = 0) AS inserted`,
        [answerId, String(who.userId), text(who.chatId), vote, now()],
      );
      const row = result.rows[0];
      return row === undefined ? "unchanged" : row.inserted ? "recorded" : "changed";
    });
  }

  async feedbackStats(): Promise<FeedbackStats> {
    try {
      await this.ready();
      const counts = (await this.pool.query<Record<string, string>>(SQL.stats)).rows[0]!;
      const recentDown = (await this.pool.query<FeedbackStats["recentDown"][number]>(SQL.recentDown)).rows;
      return {
        answers: Number(counts.answers),
        notFound: Number(counts.notFound),
        votedAnswers: Number(counts.votedAnswers),
        up: Number(counts.up),
        down: Number(counts.down),
        recentDown,
      };
    } catch (error) {
      throw new RecordsUnavailableError(`无法读取记录数据库：${describe(error)}`);
    }
  }

  problem(): string | null {
    return this.health.problem;
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  /** Migrated once per process; retried after a failure (the database may come up later). */
  private ready(): Promise<void> {
    this.migrated ??= this.transaction(async (client) => {
      await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
      await client.query("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
      const applied = Number(
        (await client.query<{ v: number }>("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations")).rows[0]!.v,
      );
      for (const { version, sql } of migrationFiles()) {
        if (version <= applied) continue;
        await client.query(sql);
        await client.query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)", [version, now()]);
      }
      await client.query(numbered(SQL.dropIdleConversations), [
        new Date(Date.now() - CONVERSATION_DAYS * 86_400_000).toISOString(),
      ]);
    }).catch((error: unknown) => {
      this.migrated = null;
      throw error;
    });
    return this.migrated;
  }

  private async transaction<T>(run: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let failure: unknown = null;
    try {
      await client.query("BEGIN");
      const result = await run(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      failure = error;
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      // A connection that failed is closed, not handed out again.
      client.release(failure instanceof Error ? failure : undefined);
    }
  }

  /**
   * One write in one transaction; a failure is reported and turned into RecordsUnavailableError. A pooled
   * connection found broken (the database restarted) is replaced, twice at most, before giving up; an
   * unreachable database is not retried (an answer waits for its record).
   */
  private async write<T>(what: string, run: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.ready();
        const result = await this.transaction(run);
        this.health.ok();
        return result;
      } catch (error) {
        if (attempt < 3 && BROKEN_CONNECTION.includes((error as { code?: string }).code ?? "")) continue;
        throw new RecordsUnavailableError(`无法保存${what}：${this.health.failed(error, what)}`);
      }
    }
  }

  private rawConversations(): StorageAdapter<string> {
    return {
      read: async (key) => {
        await this.ready();
        return (await this.pool.query<{ value: string }>(numbered(SQL.readConversation), [key])).rows[0]?.value;
      },
      write: async (key, value) => {
        await this.ready();
        await this.pool.query(numbered(SQL.writeConversation), [key, value, now()]);
        this.health.ok();
      },
      delete: async (key) => {
        await this.ready();
        await this.pool.query(numbered(SQL.deleteConversation), [key]);
      },
    };
  }
}

/** The URL without its password, for the log. */
function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return decodeURIComponent(parsed.toString());
  } catch {
    return "DATABASE_URL";
  }
}

/** What went wrong, for an operator, in Chinese (PostgreSQL's SQLSTATE codes, or the connection's). */
function describe(error: unknown): string {
  const code = (error as { code?: string }).code ?? "";
  const message = error instanceof Error ? error.message : String(error);
  if (code === "53100") return "数据库所在磁盘已满";
  if (code.startsWith("53")) return "数据库资源不足";
  if (code === "25006") return "数据库处于只读状态";
  if (code === "28P01" || code === "28000") return "数据库拒绝了用户名或密码";
  if (code === "3D000") return "数据库不存在";
  if (code === "42501") return "数据库用户没有所需权限";
  if (
    ["ECONNREFUSED", "ENOTFOUND", "ETIMEDOUT", "ECONNRESET", "EPIPE", "ENOENT", "57P01", "57P03"].includes(code) ||
    /timeout|terminat/i.test(message)
  ) {
    return UNREACHABLE;
  }
  return message;
}
