import { readFileSync } from "node:fs";
import { z } from "zod";
import type { Answer } from "../answer/answer.js";
import type { Assistant } from "../answer/assistant.js";
import { askAfter } from "./answer-eval.js";

/**
 * Question sets in the format of ../shared/eval/open-dev.jsonl (its README): questions written from the
 * reports by people who did not tune the assistant, each with verbatim evidence, facts and regions.
 * Judged exactly as ../shared/eval/score.py judges them, so figures agree across the two.
 */

export const USERS = ["official", "trainee", "meeting"] as const;
export const TYPES = ["figure", "practice", "compare", "rank", "summary", "problems", "plans", "followup", "negative"] as const;

const ItemSchema = z.object({
  id: z.string().min(1),
  user: z.enum(USERS),
  type: z.enum(TYPES),
  q: z.string().min(1),
  prev: z.array(z.string().min(1)).optional(),
  evidence: z.array(z.string()),
  need: z.number().int().min(0),
  facts: z.array(z.array(z.string())),
  regions: z.array(z.string()),
  refuse: z.boolean(),
});
export type SetItem = z.infer<typeof ItemSchema>;

/** Reads a JSONL question set; the error names the file and line. */
export function loadQuestionSet(file: string | URL): SetItem[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .map((line, i) => ({ line: line.trim(), i }))
    .filter(({ line }) => line)
    .map(({ line, i }) => {
      const parsed = ItemSchema.safeParse(JSON.parse(line));
      if (!parsed.success)
        throw new Error(
          `问题集 ${String(file)} 第 ${i + 1} 行格式有误：${parsed.error.issues.map((x) => `${x.path.join(".")} ${x.message}`).join("；")}`,
        );
      return parsed.data;
    });
}

/** NFKC, then no whitespace: full/half-width and spacing choices do not matter. */
function norm(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, "");
}

/** Why an answer fails its item; [] when it passes. */
export function judge(item: SetItem, answer: Answer): string[] {
  if (item.refuse) return answer.status === "not_found" ? [] : [`应答“未找到”却回答了`];
  const text = norm(answer.answer);
  const hay = text + norm(answer.citations.map((c) => c.quote).join(""));
  const reasons: string[] = [];
  if (answer.status !== "answered") reasons.push("误答“未找到”");
  const covered = item.evidence.filter((e) => hay.includes(norm(e))).length;
  if (covered < item.need) reasons.push(`证据 ${covered}/${item.need}`);
  const missing = item.facts.filter((group) => !group.some((alt) => text.includes(norm(alt))));
  if (missing.length) reasons.push(`缺少 ${missing.map((g) => g[0]).join("、")}`);
  const cited = answer.citations.map((c) => norm(c.region ?? ""));
  const uncited = item.regions.filter(
    (r) => !cited.some((c) => c && (norm(r).includes(c) || (c.length >= 2 && c.includes(norm(r))))),
  );
  if (uncited.length) reasons.push(`未引用 ${uncited.join("、")}`);
  return reasons;
}

export interface Rate {
  passed: number;
  total: number;
}

export interface SetScore {
  passed: number;
  total: number;
  byType: Map<string, Rate>;
  byUser: Map<string, Rate>;
  refusalF1: number;
  falseRefusals: number;
  misses: { id: string; q: string; reasons: string[] }[];
}

/** Asks every question (follow-ups after their earlier turns, in one conversation) and judges the answers. */
export async function scoreQuestionSet(assistant: Assistant, items: readonly SetItem[]): Promise<SetScore> {
  const byType = new Map<string, Rate>();
  const byUser = new Map<string, Rate>();
  const misses: SetScore["misses"] = [];
  let passed = 0;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const item of items) {
    const answer = await askAfter(assistant, item.prev ?? [], item.q);
    const reasons = judge(item, answer);
    const ok = reasons.length === 0;
    if (ok) passed++;
    else misses.push({ id: item.id, q: item.q, reasons });
    for (const [map, key] of [
      [byType, item.type],
      [byUser, item.user],
    ] as const) {
      const rate = map.get(key) ?? { passed: 0, total: 0 };
      map.set(key, { passed: rate.passed + (ok ? 1 : 0), total: rate.total + 1 });
    }
    const refused = answer.status === "not_found";
    if (item.refuse && refused) tp++;
    if (!item.refuse && refused) fp++;
    if (item.refuse && !refused) fn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return {
    passed,
    total: items.length,
    byType,
    byUser,
    refusalF1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    falseRefusals: fp,
    misses,
  };
}
