import { appendFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ANSWERS_FILE, FEEDBACK_FILE, FeedbackStore } from "../../src/bot/feedback-store.js";
import { FakeAssistant } from "./fake-assistant.js";
import { silentLogger } from "./harness.js";

describe("FeedbackStore", () => {
  it("keeps every line written by concurrent answers, and skips a torn line on reload", async () => {
    const dir = mkdtempSync(join(tmpdir(), "feedback-"));
    const answer = await new FakeAssistant().ask("鱼峰区2023年共收到多少件行政复议申请？");
    const store = new FeedbackStore(dir, silentLogger);
    const records = await Promise.all(Array.from({ length: 30 }, (_, i) => store.recordAnswer(answer, { chatId: i, userId: i })));
    expect(new Set(records.map((r) => r.id)).size).toBe(30);
    appendFileSync(join(dir, ANSWERS_FILE), '{"id":"torn","at":"2026-');

    const reopened = new FeedbackStore(dir, silentLogger);
    expect(await reopened.counts()).toEqual({ answers: 30, up: 0, down: 0 });
    const vote = await reopened.recordVote(records[7]!.id, "down", { chatId: 7, userId: 70 });
    expect(vote).toMatchObject({ answerId: records[7]!.id, vote: "down", question: answer.question, answer: answer.answer });
    expect(await reopened.recordVote("torn", "up", { chatId: 1, userId: 1 })).toBeNull();
    expect(readFileSync(join(dir, FEEDBACK_FILE), "utf8").trim().split("\n")).toHaveLength(1);
    await reopened.recordAnswer(answer, { chatId: 31, userId: 31 });
    expect(await new FeedbackStore(dir, silentLogger).counts()).toEqual({ answers: 31, up: 0, down: 1 });
  });
});
