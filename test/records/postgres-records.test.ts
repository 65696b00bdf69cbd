import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresRecords } from "../../src/records/postgres-records.js";
import { RecordsUnavailableError } from "../../src/records/records.js";
import { silentLogger } from "../bot/harness.js";
import { startPostgres, type TestPostgres } from "../helpers/postgres.js";
import { ANSWER, TURN } from "./answer-fixture.js";

/** The records shared by several replicas through PostgreSQL (a throwaway server; skipped where PostgreSQL is not installed). */

const server: TestPostgres | null = startPostgres();

describe.skipIf(server === null)("PostgresRecords (two replicas on one database)", () => {
  let a: PostgresRecords;
  let b: PostgresRecords;

  beforeAll(() => {
    a = new PostgresRecords(server!.url, silentLogger);
    b = new PostgresRecords(server!.url, silentLogger);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    server!.stop();
  });

  it("migrates once even when the replicas start together", async () => {
    await Promise.all([a.feedbackStats(), b.feedbackStats()]);
    const check = new PostgresRecords(server!.url, silentLogger);
    expect((await check.feedbackStats()).answers).toBe(0);
    await check.close();
  });

  it("counts 1,000 votes of one user on one answer once, from both replicas; a changed vote replaces the first", async () => {
    const id = await a.recordAnswer({ answer: ANSWER, surface: "telegram", chatId: 1, userId: 1 });
    const outcomes = await Promise.all(
      Array.from({ length: 1_000 }, (_, i) => (i % 2 ? a : b).recordVote(id, { userId: 7, chatId: 7 }, "up")),
    );
    expect(outcomes.filter((o) => o === "recorded")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "unchanged")).toHaveLength(999);
    expect(await a.feedbackStats()).toMatchObject({ answers: 1, votedAnswers: 1, up: 1, down: 0 });
    expect(await b.recordVote(id, { userId: 7, chatId: 7 }, "down")).toBe("changed");
    expect(await a.feedbackStats()).toMatchObject({
      up: 0,
      down: 1,
      recentDown: [expect.objectContaining({ question: ANSWER.question })],
    });
    expect(await a.recordVote("nosuchid", { userId: 7, chatId: 7 }, "up")).toBe("unknown-answer");
  });

  it("shares conversation state between replicas", async () => {
    await a.conversations.write("42", {
      turns: [TURN],
    });
    expect((await b.conversations.read("42"))?.turns[0]).toMatchObject({ regions: ["鱼峰区"] });
  });

  it("says the database cannot be reached, keeps conversations in memory, and recovers when it is back", async () => {
    server!.halt();
    try {
      await expect(a.recordAnswer({ answer: ANSWER, surface: "telegram", chatId: 2, userId: 2 })).rejects.toThrow(
        RecordsUnavailableError,
      );
      expect(a.problem()).toBe("无法连接数据库");
      await a.conversations.write("43", { turns: [] });
      expect(await a.conversations.read("43")).toEqual({ turns: [] });
    } finally {
      server!.resume();
    }
    await a.recordAnswer({ answer: ANSWER, surface: "telegram", chatId: 2, userId: 2 });
    expect(a.problem()).toBeNull();
    expect((await b.feedbackStats()).answers).toBe(2);
  });
});
