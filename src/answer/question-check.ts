import type { Understanding } from "./understand.js";

/** Questions longer than this are not answered: a pasted document is not a question. */
export const MAX_QUESTION_CHARS = 1_000;

const EXAMPLES = "例如：“鱼峰区2023年收到多少件行政复议申请？”“东湖区有哪些经验做法？”“帮我写一份各区普法工作的会议发言提纲”。";

/**
 * Why a question cannot be answered as asked — empty, too long, not in Chinese, or without anything
 * to go on — as a reply in Chinese; null when it can be.
 */
export function readableQuestion(question: string, u: Understanding): string | null {
  const text = question.trim();
  if (text.length === 0) return `请输入要问的问题，${EXAMPLES}`;
  if (text.length > MAX_QUESTION_CHARS) {
    return `问题太长（${text.length}字），请精简到${MAX_QUESTION_CHARS}字以内再问，${EXAMPLES}`;
  }
  if (!/[\u4e00-\u9fa5]/.test(text)) return `请用中文提问，${EXAMPLES}`;
  const named = u.filters.regions.length + u.filters.years.length + u.filters.issuers.length > 0;
  if (!u.topic && !named && !u.cued && !u.outOfLibrary)
    return `没有看懂这个问题，请说明想了解哪个地区、哪方面的情况，${EXAMPLES}`;
  return null;
}
