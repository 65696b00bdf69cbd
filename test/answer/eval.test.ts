import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAssistant } from "../../src/answer/create-assistant.js";
import { loadConfig } from "../../src/config.js";
import { type AnswerScore, scoreAnswers } from "../../src/eval/answer-eval.js";
import { loadEvalSet } from "../../src/eval/eval-set.js";

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
