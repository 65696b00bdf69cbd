import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RecordsUnavailableError } from "../../src/records/records.js";
import { RECORDS_FILE, SqliteRecords } from "../../src/records/sqlite-records.js";
import { silentLogger } from "../bot/harness.js";
import { smallDisk, type SmallDisk } from "../helpers/small-disk.js";
import { ANSWER, TURN } from "./answer-fixture.js";

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), "records-"));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const record = (records: SqliteRecords, i = 0) =>
  records.recordAnswer({ answer: { ...ANSWER, question: `${ANSWER.question}#${i}` }, surface: "telegram", chatId: i, userId: i });

describe("SqliteRecords", () => {
  it("counts 1,000 votes of one user on one answer once; a changed vote replaces the first", async () => {
    const records = new SqliteRecords(dataDir, silentLogger);
    const id = await record(records);
    const outcomes = await Promise.all(
      Array.from({ length: 1_000 }, () => records.recordVote(id, { userId: 7, chatId: 7 }, "up")),
    );
    expect(outcomes.filter((o) => o === "recorded")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "unchanged")).toHaveLength(999);
    expect(await records.feedbackStats()).toMatchObject({ answers: 1, votedAnswers: 1, up: 1, down: 0 });

    expect(await records.recordVote(id, { userId: 7, chatId: 7 }, "down")).toBe("changed");
    expect(await records.recordVote(id, { userId: 8, chatId: 8 }, "up")).toBe("recorded");
    const stats = await records.feedbackStats();
    expect(stats).toMatchObject({ up: 1, down: 1, votedAnswers: 1 });
    expect(stats.recentDown).toEqual([expect.objectContaining({ question: `${ANSWER.question}#0`, answer: ANSWER.answer })]);
    expect(await records.recordVote("nosuchid", { userId: 7, chatId: 7 }, "up")).toBe("unknown-answer");
  });

  it("keeps records and conversations across a restart, migrating the database once", async () => {
    const first = new SqliteRecords(dataDir, silentLogger);
    await record(first);
    await first.conversations.write("42", {
      turns: [TURN],
    });
    await first.close();

    const second = new SqliteRecords(dataDir, silentLogger);
    expect((await second.feedbackStats()).answers).toBe(1);
    expect((await second.conversations.read("42"))?.turns[0]).toMatchObject({ regions: ["鱼峰区"] });
    expect(await second.conversations.read("43")).toBeUndefined();
    await second.close();
    const db = new Database(join(dataDir, RECORDS_FILE), { readonly: true });
    expect(db.pragma("user_version", { simple: true })).toBe(
      readdirSync(new URL("../../src/records/migrations/", import.meta.url)).length,
    );
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
  });

  it("reads a conversation it cannot understand as a fresh one", async () => {
    const records = new SqliteRecords(dataDir, silentLogger);
    await records.close();
    const db = new Database(join(dataDir, RECORDS_FILE));
    db.prepare("INSERT INTO conversations (key, value, updated_at) VALUES ('1', '{\"turns\": 5}', ?), ('2', 'not json', ?)").run(
      new Date().toISOString(),
      new Date().toISOString(),
    );
    db.close();
    const reopened = new SqliteRecords(dataDir, silentLogger);
    expect(await reopened.conversations.read("1")).toBeUndefined();
    expect(await reopened.conversations.read("2")).toBeUndefined();
  });

  it("imports the JSON-lines records of earlier versions once, last vote counting", async () => {
    const answer = (id: string) =>
      JSON.stringify({
        id,
        at: "2025-01-01T00:00:00Z",
        chatId: 1,
        userId: 1,
        question: "q",
        answer: ANSWER.answer,
        status: "answered",
        mode: "extractive",
        citations: [],
      });
    const vote = (answerId: string, userId: number, v: string) =>
      JSON.stringify({ at: "2025-01-02T00:00:00Z", answerId, chatId: userId, userId, vote: v, question: "q", answer: "a" });
    writeFileSync(join(dataDir, "answers.jsonl"), `${answer("a1")}\n${answer("a2")}\n{"id":"torn","at":"20`);
    writeFileSync(
      join(dataDir, "feedback.jsonl"),
      [vote("a1", 1, "up"), vote("a1", 1, "down"), vote("a1", 2, "up"), vote("gone", 3, "up")].join("\n"),
    );
    const records = new SqliteRecords(dataDir, silentLogger);
    expect(await records.feedbackStats()).toMatchObject({ answers: 2, votedAnswers: 1, up: 1, down: 1 });
    expect(
      readdirSync(dataDir)
        .filter((f) => f.endsWith(".jsonl.imported"))
        .sort(),
    ).toEqual(["answers.jsonl.imported", "feedback.jsonl.imported"]);
    expect(await records.recordVote("a2", { userId: 1, chatId: 1 }, "up")).toBe("recorded");
    await records.close();
    expect((await new SqliteRecords(dataDir, silentLogger).feedbackStats()).answers).toBe(2);
  });

  it("says clearly that a folder it cannot use is unusable, and never throws from the conversation store", async () => {
    const notAFolder = join(dataDir, "file");
    writeFileSync(notAFolder, "");
    const records = new SqliteRecords(join(notAFolder, "data"), silentLogger);
    await expect(record(records)).rejects.toThrow(RecordsUnavailableError);
    await expect(record(records)).rejects.toThrow(/无法保存回答记录：无法创建或打开数据库文件/);
    expect(records.problem()).toBe("无法创建或打开数据库文件");
    await expect(records.conversations.write("1", { turns: [] })).resolves.toBeUndefined();
    expect(await records.conversations.read("1")).toEqual({ turns: [] });
  });
});

describe("SqliteRecords on a disk that fills up", () => {
  let disk: SmallDisk;
  beforeEach(() => {
    disk = smallDisk();
  });
  afterEach(() => disk.dispose());

  it("loses no earlier record, leaves none torn, says why, and writes again once there is room", async () => {
    // As root (CI) the disk really fills; elsewhere an open database keeps writing to a read-only folder.
    if (process.getuid?.() === 0) expect(disk.kind).toBe("full");
    const records = new SqliteRecords(disk.dir, silentLogger);
    const before = await Promise.all(Array.from({ length: 50 }, (_, i) => record(records, i)));
    await records.recordVote(before[0]!, { userId: 1, chatId: 1 }, "up");
    disk.fill();

    let failures = 0;
    for (let i = 50; i < 250; i++) {
      try {
        await record(records, i);
      } catch (error) {
        expect(error).toBeInstanceOf(RecordsUnavailableError);
        failures++;
      }
    }
    if (disk.kind === "full") {
      expect(failures).toBeGreaterThan(0);
      expect(records.problem()).toBe("磁盘已满");
    }
    disk.free();
    const after = await record(records, 999);
    expect(records.problem()).toBeNull();
    await records.close();

    // As a fresh reader sees it: every record whole, the earlier ones all there.
    const db = new Database(join(disk.dir, RECORDS_FILE), { readonly: true });
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    const rows = db.prepare("SELECT id, question, answer, citations FROM answers").all() as Array<{
      id: string;
      question: string;
      answer: string;
      citations: string;
    }>;
    db.close();
    const ids = new Set(rows.map((r) => r.id));
    for (const id of [...before, after]) expect(ids.has(id)).toBe(true);
    for (const row of rows) {
      expect(row.answer).toBe(ANSWER.answer);
      expect(row.question).toMatch(/#\d+$/);
      expect(JSON.parse(row.citations)).toHaveLength(1);
    }
    expect(rows.length).toBe(51 + 200 - failures);
  }, 60_000);
});
