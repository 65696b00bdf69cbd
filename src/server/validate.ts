import { z } from "zod";
import { MAX_QUESTION_CHARS } from "../answer/question-check.js";
import { HttpError } from "./http-error.js";

const zhCN = z.locales.zhCN().localeError;

/** Parses a request part with zod; anything wrong is a 400 naming each field in Chinese. */
export function validate<T>(schema: z.ZodType<T>, data: unknown, what = "请求体"): T {
  const parsed = schema.safeParse(data, { error: zhCN });
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.length ? issue.path.join(".") : what}：${issue.message}`);
  throw new HttpError(400, `${what}有误：${problems.join("；")}`, "invalid_request");
}

/** Questions are short; a pasted document is not a question (the same limit as the bot's). */
export const questionText = z
  .string()
  .trim()
  .min(1, "问题不能为空")
  .max(MAX_QUESTION_CHARS, `问题太长（最多 ${MAX_QUESTION_CHARS} 字）`);
