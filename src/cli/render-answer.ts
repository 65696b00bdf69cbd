import type { Answer } from "../answer/answer.js";

/** An Answer as terminal text: the answer, then its numbered sources with their quotes. */
export function renderAnswer(answer: Answer): string {
  const lines: string[] = [];
  if (answer.notice) lines.push(`（${answer.notice}）`);
  lines.push(answer.answer);
  if (answer.citations.length) {
    lines.push("", "出处：");
    for (const c of answer.citations) {
      const where = [c.region ?? c.title ?? c.reportId, c.year === null ? null : `${c.year}年`].filter(Boolean).join(" ");
      const path = c.path.length ? ` · ${c.path.join(" › ")}` : "";
      lines.push(`[${c.n}] ${where}${path}（章节 ${c.sectionId}）`, `    “${c.quote}”`);
    }
  }
  return lines.join("\n");
}
