import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createAssistant } from "../answer/create-assistant.js";
import { loadConfig, loadDotEnv } from "../config.js";
import { scoreAnswers } from "../eval/answer-eval.js";
import { loadEvalSet } from "../eval/eval-set.js";
import { loadQuestionSet, scoreQuestionSet, type SetScore, TYPES, USERS } from "../eval/question-set.js";
import { retrievalQuestions, scoreRetrieval } from "../eval/retrieval-eval.js";
import { openLibrary } from "../search/library.js";

/**
 * `npm run eval`: quality figures on test/eval/eval-set.json and on the question sets in the format of
 * ../shared/eval/open-dev.jsonl (test/eval/*.jsonl, and open-dev itself when it is beside the project),
 * over the shipped corpus, with a fresh index in a temporary folder so the figures do not depend on
 * what is on disk.
 */
const QUESTION_SETS = [
  new URL("../../test/eval/held-out.jsonl", import.meta.url),
  new URL("../../test/eval/held-out-2.jsonl", import.meta.url),
  new URL("../../test/eval/held-out-3.jsonl", import.meta.url),
  new URL("../../../shared/eval/open-dev.jsonl", import.meta.url),
];
loadDotEnv();
const config = loadConfig();
const corpusDir = config.corpusDir;
const indexDir = mkdtempSync(join(tmpdir(), "fazhi-eval-"));
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
try {
  const questions = loadEvalSet();
  const library = await openLibrary({ corpusDir, indexDir, config });
  const retrieval = await scoreRetrieval(library, questions, 5);
  const assistant = await createAssistant({ config, corpusDir, indexDir, library });
  const answers = await scoreAnswers(assistant, questions);

  const lines = [
    `评测集：${questions.length} 个问题（单报告检索题 ${retrievalQuestions(questions).length} 个），回答方式：${config.llm ? `大模型 ${config.llm.model}` : "离线抽取"}`,
    `检索：证据进入前 5 的比例 ${pct(retrieval.rate)}（${retrieval.found}/${retrieval.questions}），MRR ${retrieval.mrr.toFixed(3)}`,
    `数字准确率：${pct(answers.figureAccuracy)}（${answers.figuresRight}/${answers.figureQuestions}）`,
    `“未找到”精确率：${answers.notFoundPrecision.toFixed(3)}，召回率：${answers.notFoundRecall.toFixed(3)}`,
    `出处有效率：${pct(answers.citationValidity)}（${answers.citationsValid}/${answers.questions}）`,
    `回答耗时：平均 ${answers.ms.mean.toFixed(1)} 毫秒，p95 ${answers.ms.p95} 毫秒，最长 ${answers.ms.max} 毫秒`,
  ];
  for (const file of QUESTION_SETS.filter((f) => existsSync(f))) {
    const score = await scoreQuestionSet(assistant, loadQuestionSet(file));
    lines.push("", ...setLines(basename(fileURLToPath(file)), score));
  }
  process.stdout.write(`${lines.join("\n")}\n`);
  const misses = [
    ...retrieval.misses.map((m) => `  [检索] ${m.id} ${m.question} → ${m.got.slice(0, 3).join("；")}`),
    ...answers.failures.map((f) => `  [回答] ${f.id} ${f.question}：${f.why}`),
  ];
  if (misses.length) process.stdout.write(`\n未通过的题目：\n${misses.join("\n")}\n`);
} finally {
  rmSync(indexDir, { recursive: true, force: true });
}

function setLines(name: string, s: SetScore): string[] {
  const rate = (r: { passed: number; total: number }) => `${(r.passed / r.total).toFixed(2)}（${r.passed}/${r.total}）`;
  const by = (order: readonly string[], map: Map<string, { passed: number; total: number }>) =>
    order.flatMap((k) => (map.has(k) ? [`${k} ${rate(map.get(k)!)}`] : [])).join("，");
  return [
    `问题集 ${name}：通过率 ${rate(s)}，拒答 F1 ${s.refusalF1.toFixed(2)}（误拒 ${s.falseRefusals}）`,
    `  按用户：${by(USERS, s.byUser)}`,
    `  按题型：${by(TYPES, s.byType)}`,
    ...s.misses.map((m) => `  未通过 ${m.id} ${m.q}：${m.reasons.join("；")}`),
  ];
}
