import type { Library } from "../search/library.js";
import type { EvalQuestion } from "./eval-set.js";

export interface RetrievalMiss {
  id: string;
  question: string;
  /** Regions and top hits, to see what came instead. */
  got: string[];
}

export interface RetrievalScore {
  questions: number;
  found: number;
  rate: number;
  /** Mean reciprocal rank of the first hit holding the evidence (0 when none does). */
  mrr: number;
  misses: RetrievalMiss[];
}

/** Questions whose evidence retrieval is measured: single-report ones, excluding not_found/followup. */
export function retrievalQuestions(questions: readonly EvalQuestion[]): EvalQuestion[] {
  return questions.filter((q) => q.single && q.kind !== "not_found" && q.kind !== "followup" && q.evidence.length > 0);
}

/** A question counts as found when a top-k hit's section text contains one of its evidence passages. */
export async function scoreRetrieval(library: Library, questions: readonly EvalQuestion[], k = 5): Promise<RetrievalScore> {
  const misses: RetrievalMiss[] = [];
  let found = 0;
  let reciprocal = 0;
  for (const q of retrievalQuestions(questions)) {
    const { results } = await library.search(q.question, { k });
    const rank = results.findIndex((hit) => {
      const text = library.section(hit.sectionId)?.text ?? "";
      return q.evidence.some((e) => e.region === hit.region && text.includes(e.text));
    });
    if (rank >= 0) {
      found++;
      reciprocal += 1 / (rank + 1);
    } else {
      misses.push({ id: q.id, question: q.question, got: results.map((h) => `${h.region ?? "?"} ${h.path.at(-1) ?? ""}`) });
    }
  }
  const questionsCount = found + misses.length;
  return {
    questions: questionsCount,
    found,
    rate: questionsCount ? found / questionsCount : 0,
    mrr: questionsCount ? reciprocal / questionsCount : 0,
    misses,
  };
}
