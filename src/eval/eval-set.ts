import { readFileSync } from "node:fs";
import { z } from "zod";

/** The evaluation set: questions written from the corpus, each with the passages that answer it. */

export const EvalKind = z.enum(["figure", "practice", "problems", "plans", "cross", "paraphrase", "not_found", "followup"]);

export const EvalQuestionSchema = z.object({
  id: z.string().min(1),
  question: z.string().min(1),
  kind: EvalKind,
  /** Only one report is relevant. */
  single: z.boolean(),
  /** `text` is a verbatim substring of that region's report text (the cleaned text). */
  evidence: z.array(z.object({ region: z.string().min(1), text: z.string().min(1) })),
  /** Strings a correct answer must contain, e.g. "70件". */
  figures: z.array(z.string().min(1)).optional(),
  /** Earlier turns of the same conversation. */
  context: z.array(z.string().min(1)).optional(),
});

export const EvalSetSchema = z.array(EvalQuestionSchema).superRefine((questions, ctx) => {
  const seen = new Set<string>();
  questions.forEach((q, i) => {
    if (seen.has(q.id)) ctx.addIssue({ code: "custom", path: [i, "id"], message: `重复的 id：${q.id}` });
    seen.add(q.id);
  });
});

export type EvalQuestion = z.infer<typeof EvalQuestionSchema>;

export const EVAL_SET_FILE = new URL("../../test/eval/eval-set.json", import.meta.url);

/** Reads and validates an evaluation set; the error names the file and the offending entries. */
export function loadEvalSet(file: string | URL = EVAL_SET_FILE): EvalQuestion[] {
  const parsed = EvalSetSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}：${i.message}`).join("；");
    throw new Error(`评测集 ${String(file)} 格式有误：${problems}`);
  }
  return parsed.data;
}
