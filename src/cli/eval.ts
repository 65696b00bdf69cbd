import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAssistant } from "../answer/create-assistant.js";
import { loadConfig, loadDotEnv } from "../config.js";
import { scoreAnswers } from "../eval/answer-eval.js";
import { loadEvalSet } from "../eval/eval-set.js";
import { retrievalQuestions, scoreRetrieval } from "../eval/retrieval-eval.js";
import { openLibrary } from "../search/library.js";

/**
 * `npm run eval`: quality figures on test/eval/eval-set.json over the shipped corpus, with a fresh
 * index in a temporary folder so the figures do not depend on what is on disk.
 */
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
  process.stdout.write(`${lines.join("\n")}\n`);
  const misses = [
    ...retrieval.misses.map((m) => `  [检索] ${m.id} ${m.question} → ${m.got.slice(0, 3).join("；")}`),
    ...answers.failures.map((f) => `  [回答] ${f.id} ${f.question}：${f.why}`),
  ];
  if (misses.length) process.stdout.write(`\n未通过的题目：\n${misses.join("\n")}\n`);
} finally {
  rmSync(indexDir, { recursive: true, force: true });
}
