import { newConversation, type Answer } from "../answer/answer.js";
import type { Assistant } from "../answer/assistant.js";
import type { EvalQuestion } from "./eval-set.js";
import { type Latency, latency } from "./latency.js";

/** Answer quality on the evaluation set: exact figures, not-found precision/recall, citation validity, latency. */

export interface AnswerScore {
  questions: number;
  /** Questions with expected figures, and how many answers contain all of them. */
  figureQuestions: number;
  figuresRight: number;
  figureAccuracy: number;
  notFoundPrecision: number;
  notFoundRecall: number;
  /** Answers whose every [n] has a citation and every citation quotes its section verbatim. */
  citationsValid: number;
  citationValidity: number;
  /** Milliseconds per answer (the Answer's own `ms`). */
  ms: Latency;
  failures: { id: string; question: string; why: string; answer: string }[];
}

export function citationProblems(answer: Answer, sectionText: (id: string) => string | undefined): string[] {
  const problems: string[] = [];
  const markers = new Set([...answer.answer.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])));
  for (const n of markers) if (!answer.citations.some((c) => c.n === n)) problems.push(`[${n}] 没有对应出处`);
  for (const c of answer.citations) {
    if (!markers.has(c.n)) problems.push(`出处 ${c.n} 未在回答中标注`);
    if (!sectionText(c.sectionId)?.includes(c.quote)) problems.push(`出处 ${c.n} 的引文不在章节 ${c.sectionId} 原文中`);
  }
  return problems;
}

/** Asks a question after its earlier turns, all in one fresh conversation, as a follow-up is asked in chat. */
export async function askAfter(assistant: Assistant, earlier: readonly string[], question: string): Promise<Answer> {
  const conversation = newConversation();
  for (const turn of earlier) await assistant.ask(turn, conversation);
  return assistant.ask(question, conversation);
}

/** Asks every question (follow-ups after their context turns, in one conversation) and scores the answers. */
export async function scoreAnswers(assistant: Assistant, questions: readonly EvalQuestion[]): Promise<AnswerScore> {
  const failures: AnswerScore["failures"] = [];
  const times: number[] = [];
  let figureQuestions = 0;
  let figuresRight = 0;
  let citationsValid = 0;
  let truePositive = 0;
  let predicted = 0;
  let actual = 0;
  for (const q of questions) {
    const answer = await askAfter(assistant, q.context ?? [], q.question);
    times.push(answer.ms);
    const fail = (why: string) => failures.push({ id: q.id, question: q.question, why, answer: answer.answer });

    const expectNotFound = q.kind === "not_found";
    const saidNotFound = answer.status === "not_found";
    if (expectNotFound) actual++;
    if (saidNotFound) predicted++;
    if (expectNotFound && saidNotFound) truePositive++;
    if (expectNotFound !== saidNotFound) fail(expectNotFound ? "应答“未找到”却给出了回答" : "误答“未找到”");

    if (q.figures?.length) {
      figureQuestions++;
      const missing = q.figures.filter((f) => !answer.answer.includes(f));
      if (missing.length === 0 && !saidNotFound) figuresRight++;
      else fail(`缺少数字：${missing.join("、") || "（未回答）"}`);
    }

    const problems = citationProblems(answer, (id) => assistant.section(id)?.text);
    if (problems.length === 0) citationsValid++;
    else fail(problems.join("；"));
  }
  return {
    questions: questions.length,
    figureQuestions,
    figuresRight,
    figureAccuracy: figureQuestions ? figuresRight / figureQuestions : 1,
    notFoundPrecision: predicted ? truePositive / predicted : 1,
    notFoundRecall: actual ? truePositive / actual : 1,
    citationsValid,
    citationValidity: questions.length ? citationsValid / questions.length : 1,
    ms: latency(times),
    failures,
  };
}
