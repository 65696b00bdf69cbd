import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { type Answer, AnswerJsonSchema, answerJson, CitationSchema } from "../answer/answer.js";
import type { Assistant } from "../answer/assistant.js";
import { answerDocx } from "../export/docx.js";
import { answerMarkdown } from "../export/markdown.js";
import type { Logger } from "../logger.js";
import type { AnswerFeedback } from "./feedback.js";
import { HttpError } from "./http-error.js";
import { scopeQuestion } from "./scope.js";
import { SseStream } from "./sse.js";
import { questionText, validate } from "./validate.js";

/** The JSON API the page uses (DESIGN.md "HTTP"): health, asking (plain or SSE), reports, sections, feedback, export. */

const AskBody = z.object({
  question: questionText,
  /** Earlier questions of the conversation, oldest first, so follow-ups (那水磨沟区呢？) resolve. */
  history: z.array(z.string().max(2_000)).max(50).default([]),
  filters: z
    .object({
      region: z.string().trim().max(40).optional(),
      year: z.number().int().min(1949).max(2100).optional(),
    })
    .default({}),
  /** Server-Sent Events: `delta` (a draft while a model writes), `notice`, `answer` (the ask --json object), `recorded`. */
  stream: z.boolean().default(false),
});

/** An answer the page received, sent back to be exported: the ask --json shape, with limits. */
const AnswerSchema = AnswerJsonSchema.extend({
  question: z.string().max(2_000),
  answer: z.string().max(100_000),
  citations: z.array(CitationSchema).max(200),
  ms: z.number().default(0),
});

const ExportBody = z.object({ format: z.enum(["docx", "markdown"]), answer: AnswerSchema });
const FeedbackBody = z.object({ answerId: z.string().min(1).max(64), vote: z.enum(["up", "down"]) });
const IdParams = z.object({ id: z.string().min(1).max(100) });

export interface ApiDeps {
  assistant: Assistant;
  feedback: AnswerFeedback;
  logger: Logger;
}

export function apiRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const { assistant } = deps;

  app.get("/healthz", async () => {
    const stats = assistant.stats();
    return { status: "ok", reports: stats.reports, sections: stats.sections };
  });

  app.post("/api/ask", async (request, reply) => {
    const body = validate(AskBody, request.body);
    const question = scopeQuestion(body.question, body.filters, assistant.reports());
    const conversation = assistant.conversationFrom(body.history);
    if (!body.stream) {
      const answer = await assistant.ask(question, conversation);
      const answerId = await record(deps, answer);
      if (answerId) void reply.header("x-answer-id", answerId);
      return answerJson(answer);
    }
    const sse = new SseStream(reply);
    try {
      for await (const event of assistant.askStream(question, conversation)) {
        if (sse.closed) break;
        if (event.type === "delta") {
          sse.send({ text: event.text }, "delta");
          continue;
        }
        // The notice (e.g. the model failed, the offline answer follows) is not part of the ask --json object.
        if (event.answer.notice) sse.send({ notice: event.answer.notice }, "notice");
        sse.send(answerJson(event.answer), "answer");
        const answerId = await record(deps, event.answer);
        if (answerId) sse.send({ answerId }, "recorded");
      }
    } catch (error) {
      deps.logger.error({ err: error }, "流式回答出错");
      sse.send({ message: "回答时出错，请稍后再试" }, "error");
    } finally {
      sse.end();
    }
  });

  app.get("/api/reports", async () => assistant.reports());

  app.get("/api/reports/:id", async (request) => {
    const { id } = validate(IdParams, request.params, "路径");
    const report = assistant.reports().find((r) => r.id === id);
    if (!report) throw new HttpError(404, `没有 ID 为 ${id} 的报告`, "report_not_found");
    return report;
  });

  app.get("/api/sections/:id", async (request) => {
    const { id } = validate(IdParams, request.params, "路径");
    const section = assistant.section(id);
    if (!section) throw new HttpError(404, `没有 ID 为 ${id} 的章节`, "section_not_found");
    return section;
  });

  app.post("/api/feedback", async (request) => {
    const { answerId, vote } = validate(FeedbackBody, request.body);
    if (!(await deps.feedback.recordVote(answerId, vote)))
      throw new HttpError(404, "找不到这条回答的记录，无法评价", "answer_not_found");
    return { ok: true };
  });

  app.post("/api/export", async (request, reply) => {
    const { format, answer } = validate(ExportBody, request.body);
    const name = encodeURIComponent(`${answer.question.slice(0, 40).replace(/[\\/:*?"<>|\s]+/g, "_") || "回答"}`);
    if (format === "markdown") {
      void reply.type("text/markdown; charset=utf-8").header("content-disposition", `attachment; filename*=UTF-8''${name}.md`);
      return answerMarkdown(answer, { heading: true });
    }
    void reply
      .type("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
      .header("content-disposition", `attachment; filename*=UTF-8''${name}.docx`);
    return answerDocx(answer);
  });
}

/** A failed write costs the feedback buttons, never the answer. */
async function record(deps: ApiDeps, answer: Answer): Promise<string | null> {
  try {
    return await deps.feedback.recordAnswer(answer);
  } catch (error) {
    deps.logger.error({ err: error }, "无法保存回答记录，本次回答不带反馈按钮");
    return null;
  }
}
