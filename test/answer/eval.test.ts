import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAssistant } from "../../src/answer/create-assistant.js";
import { loadConfig } from "../../src/config.js";
import { type AnswerScore, scoreAnswers } from "../../src/eval/answer-eval.js";
import { loadEvalSet } from "../../src/eval/eval-set.js";
import { loadQuestionSet, scoreQuestionSet } from "../../src/eval/question-set.js";

/** Issue 4's quality floor, measured on the whole evaluation set with the offline answerer. */

let score: AnswerScore;
let indexDir: string;

beforeAll(async () => {
  indexDir = mkdtempSync(join(tmpdir(), "answer-eval-"));
  const assistant = await createAssistant({ config: loadConfig({}), corpusDir: "corpus", indexDir });
  score = await scoreAnswers(assistant, loadEvalSet());
}, 180_000);

afterAll(() => rmSync(indexDir, { recursive: true, force: true }));

describe("answer quality on the evaluation set", () => {
  it("covers figures, unanswerable questions and follow-ups", () => {
    const questions = loadEvalSet();
    expect(questions.filter((q) => q.figures?.length).length).toBeGreaterThanOrEqual(40);
    expect(questions.filter((q) => q.kind === "not_found").length).toBeGreaterThanOrEqual(15);
    expect(questions.filter((q) => q.kind === "followup").length).toBeGreaterThanOrEqual(6);
  });

  it("gets the figures exactly right in at least 90% of answers", () => {
    expect(score.figureAccuracy, JSON.stringify(score.failures, null, 1)).toBeGreaterThanOrEqual(0.9);
  });

  it("says not found with precision and recall of at least 0.9", () => {
    expect(score.notFoundPrecision, JSON.stringify(score.failures, null, 1)).toBeGreaterThanOrEqual(0.9);
    expect(score.notFoundRecall, JSON.stringify(score.failures, null, 1)).toBeGreaterThanOrEqual(0.9);
  });

  it("backs every [n] with a citation whose quote is verbatim in its section", () => {
    expect(score.citationValidity, JSON.stringify(score.failures, null, 1)).toBe(1);
  });
});

describe("answer quality on the held-out question sets (written before the assistant was run on them)", () => {
  const sets = ["held-out.jsonl", "held-out-2.jsonl", "held-out-3.jsonl"].map((name) => ({
    name,
    items: loadQuestionSet(new URL(`../eval/${name}`, import.meta.url)),
  }));

  it.each(sets)(
    "$name: passes at least 85% overall and 80% for each kind of user, refusal F1 at least 0.9",
    async ({ items }) => {
      const indexDir = mkdtempSync(join(tmpdir(), "set-eval-"));
      try {
        const assistant = await createAssistant({ config: loadConfig({}), corpusDir: "corpus", indexDir });
        const score = await scoreQuestionSet(assistant, items);
        const report = JSON.stringify(score.misses, null, 1);
        expect(score.passed / score.total, report).toBeGreaterThanOrEqual(0.85);
        for (const [, rate] of score.byUser) expect(rate.passed / rate.total, report).toBeGreaterThanOrEqual(0.8);
        expect(score.refusalF1, report).toBeGreaterThanOrEqual(0.9);
        // No open question (practices, overviews, outlines) is refused.
        const refusedOpen = score.misses.filter(
          (m) => m.reasons.includes("误答“未找到”") && ["practice", "summary"].includes(items.find((i) => i.id === m.id)!.type),
        );
        expect(refusedOpen).toEqual([]);
      } finally {
        rmSync(indexDir, { recursive: true, force: true });
      }
    },
    180_000,
  );
});
