import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { Answer } from "../answer/answer.js";
import type { Assistant } from "../answer/assistant.js";
import { answerMarkdown } from "../export/markdown.js";
import { MAX_QUESTION_CHARS } from "../answer/question-check.js";
import type { Logger } from "../logger.js";
import { HttpError } from "./http-error.js";
import { SseStream } from "./sse.js";
import { validate } from "./validate.js";

/**
 * OpenAI's chat-completions API, so Open WebUI, LobeChat, Cherry Studio, Dify and IM bridges can use the
 * assistant as a "model". The last user message is the question, earlier user messages the conversation.
 * The reply is Markdown with [n] markers and a 出处 list; the structured citations ride in an extra
 * `citations` field that standard clients ignore.
 *
 * Streaming sends the checked answer: a model's draft may still lose unsupported sentences when its
 * citations are verified, and an IM message cannot be taken back, so only verified text is streamed.
 */

export const MODEL_ID = "fazhi-assistant";

const TextPart = z.object({ type: z.string(), text: z.string().optional() });
const Message = z.object({
  role: z.enum(["system", "developer", "user", "assistant", "tool", "function"]),
  content: z.union([z.string(), z.array(TextPart), z.null()]).optional(),
});
const ChatBody = z.object({
  model: z.string().optional(),
  messages: z.array(Message).min(1, "messages 不能为空").max(200),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullish(),
});
type ChatMessage = z.infer<typeof Message>;

function text(message: ChatMessage): string {
  const content = message.content;
  if (typeof content === "string") return content;
  return (content ?? []).map((part) => (part.type === "text" ? (part.text ?? "") : "")).join("");
}

/** The question and the earlier questions, from OpenAI messages. */
export function questionFrom(messages: ChatMessage[]): { question: string; history: string[] } {
  const last = messages.at(-1);
  if (!last || last.role !== "user") throw new HttpError(400, "最后一条消息应为用户（user）的问题", "invalid_messages");
  const question = text(last).trim();
  if (!question) throw new HttpError(400, "问题不能为空", "invalid_messages");
  if (question.length > MAX_QUESTION_CHARS)
    throw new HttpError(400, `问题太长（最多 ${MAX_QUESTION_CHARS} 字）`, "question_too_long");
  const history = messages.slice(0, -1).flatMap((m) => (m.role === "user" && text(m).trim() ? [text(m).trim()] : []));
  return { question, history };
}

/** No tokenizer is shared with the clients: one token per character is the usual rough measure for Chinese. */
function usage(messages: ChatMessage[], content: string) {
  const prompt_tokens = messages.reduce((n, m) => n + Array.from(text(m)).length, 0);
  const completion_tokens = Array.from(content).length;
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}

/** Pieces of the Markdown reply at natural breaks, so clients show it growing. */
function pieces(markdown: string): string[] {
  return markdown.split(/(?<=[。；！？\n])/).filter(Boolean);
}

export function openaiRoutes(app: FastifyInstance, deps: { assistant: Assistant; logger: Logger }): void {
  const { assistant } = deps;
  const created = Math.floor(Date.now() / 1000);

  app.get("/v1/models", async () => ({
    object: "list",
    data: [{ id: MODEL_ID, object: "model", created, owned_by: "fazhi" }],
  }));

  app.get("/v1/models/:id", async (request) => {
    const { id } = validate(z.object({ id: z.string() }), request.params, "路径");
    if (id !== MODEL_ID) throw new HttpError(404, `模型 ${id} 不存在，可用模型：${MODEL_ID}`, "model_not_found");
    return { id: MODEL_ID, object: "model", created, owned_by: "fazhi" };
  });

  app.post("/v1/chat/completions", async (request, reply) => {
    const body = validate(ChatBody, request.body);
    if (body.model && body.model !== MODEL_ID) {
      throw new HttpError(404, `模型 ${body.model} 不存在，可用模型：${MODEL_ID}`, "model_not_found");
    }
    const { question, history } = questionFrom(body.messages);
    const conversation = assistant.conversationFrom(history);
    const id = `chatcmpl-${randomBytes(12).toString("hex")}`;
    const now = Math.floor(Date.now() / 1000);
    const base = { id, created: now, model: MODEL_ID, system_fingerprint: null };

    if (!body.stream) {
      const answer = await assistant.ask(question, conversation);
      const content = answerMarkdown(answer);
      return {
        ...base,
        object: "chat.completion",
        choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, logprobs: null, finish_reason: "stop" }],
        usage: usage(body.messages, content),
        ...extras(answer),
      };
    }

    const sse = new SseStream(reply);
    const chunk = (delta: object, finish: string | null, extra: object = {}) =>
      sse.send({
        ...base,
        object: "chat.completion.chunk",
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
        ...extra,
      });
    try {
      // The role first, at once: clients show that an answer is coming while it is checked.
      chunk({ role: "assistant", content: "" }, null);
      let answer: Answer | undefined;
      for await (const event of assistant.askStream(question, conversation)) {
        if (sse.closed) return;
        if (event.type === "answer") answer = event.answer;
      }
      if (!answer || sse.closed) return;
      const content = answerMarkdown(answer);
      for (const piece of pieces(content)) chunk({ content: piece }, null);
      chunk({}, "stop", extras(answer));
      if (body.stream_options?.include_usage) {
        sse.send({ ...base, object: "chat.completion.chunk", choices: [], usage: usage(body.messages, content) });
      }
      sse.send("[DONE]");
    } catch (error) {
      deps.logger.error({ err: error }, "流式回答出错");
      sse.send({ error: { message: "回答时出错，请稍后再试", type: "server_error", code: "internal_error" } });
    } finally {
      sse.end();
    }
  });
}

/** Fields standard clients ignore: the structured citations and whether the library answered. */
function extras(answer: Answer) {
  return { citations: answer.citations, answer_status: answer.status };
}
