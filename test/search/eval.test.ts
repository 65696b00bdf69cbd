import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { loadEvalSet } from "../../src/eval/eval-set.js";
import { retrievalQuestions, scoreRetrieval } from "../../src/eval/retrieval-eval.js";
import { type Library, openLibrary } from "../../src/search/library.js";

const CORPUS = new URL("../../corpus/", import.meta.url).pathname;
const questions = loadEvalSet();
let library: Library;
let indexDir: string;

beforeAll(async () => {
  indexDir = mkdtempSync(join(tmpdir(), "eval-index-"));
  library = await openLibrary({ corpusDir: CORPUS, indexDir, config: loadConfig({}) });
});
afterAll(() => rmSync(indexDir, { recursive: true, force: true }));

describe("evaluation set", () => {
  it("has enough questions of every kind, each with verbatim evidence", () => {
    expect(questions.length).toBeGreaterThanOrEqual(45);
    for (const kind of ["figure", "practice", "problems", "plans", "cross", "paraphrase"]) {
      expect(questions.filter((q) => q.kind === kind).length, kind).toBeGreaterThanOrEqual(3);
    }
    for (const q of questions) {
      for (const e of q.evidence) {
        const report = library.reports.find((r) => r.region === e.region);
        expect(report?.text, `${q.id} ${e.region}: ${e.text}`).toContain(e.text);
      }
      if (q.kind === "figure") expect(q.figures?.length, q.id).toBeGreaterThan(0);
      if (q.single) expect(new Set(q.evidence.map((e) => e.region)).size, q.id).toBe(1);
    }
  });

  it("search puts the evidence in the top 5 for at least 95% of single-report questions", async () => {
    const score = await scoreRetrieval(library, questions, 5);
    expect(score.questions).toBe(retrievalQuestions(questions).length);
    const report = score.misses.map((m) => `${m.id} ${m.question} → ${m.got.join(" | ")}`).join("\n");
    expect(score.rate, `找到 ${score.found}/${score.questions}，未命中：\n${report}`).toBeGreaterThanOrEqual(0.95);
  });
});
