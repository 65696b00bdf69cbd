import multipart from "@fastify/multipart";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { IntakeRefusal, MAX_UPLOAD_BYTES, type ReportIntake } from "../intake/report-intake.js";
import type { Logger } from "../logger.js";
import type { AccessPolicy } from "./access.js";
import { HttpError } from "./http-error.js";
import { validate } from "./validate.js";

/**
 * Admin routes: `POST /api/reports` with a file (multipart field `file`) shows what it holds; the same
 * request with `?confirm=1` stores and indexes it. `DELETE /api/reports/:id` removes a report.
 * Refusals are 4xx with the reason; the library is untouched by them.
 */

const REFUSAL_STATUS: Record<IntakeRefusal["code"], number> = {
  unsupported_type: 415,
  too_large: 413,
  empty: 400,
  unreadable: 422,
  not_a_report: 422,
  duplicate: 409,
  not_found: 404,
};

const UploadQuery = z.object({ confirm: z.enum(["1", "true", "0", "false"]).optional() });

async function uploadedFile(request: FastifyRequest): Promise<{ name: string; bytes: Buffer }> {
  if (!request.isMultipart()) throw new HttpError(400, "请以 multipart/form-data 上传文件（字段名 file）", "not_multipart");
  const part = await request.file();
  if (!part) throw new HttpError(400, "没有收到文件（字段名 file）", "no_file");
  const bytes = await part.toBuffer();
  return { name: part.filename, bytes };
}

function asHttp(error: unknown): unknown {
  return error instanceof IntakeRefusal ? new HttpError(REFUSAL_STATUS[error.code], error.message, error.code) : error;
}

export async function reportRoutes(
  app: FastifyInstance,
  deps: { intake: ReportIntake; access: AccessPolicy; logger: Logger },
): Promise<void> {
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5, fieldSize: 1024 } });

  app.post("/api/reports", async (request) => {
    deps.access.checkAdmin(request);
    const { confirm } = validate(UploadQuery, request.query, "查询参数");
    const { name, bytes } = await uploadedFile(request);
    try {
      if (confirm !== "1" && confirm !== "true") return { confirmed: false, ...(await deps.intake.preview(name, bytes)) };
      const result = await deps.intake.add(name, bytes);
      deps.logger.info({ reportId: result.report.id, file: result.report.source }, "已添加报告并更新索引");
      return { confirmed: true, ...result };
    } catch (error) {
      throw asHttp(error);
    }
  });

  app.delete("/api/reports/:id", async (request) => {
    deps.access.checkAdmin(request);
    const { id } = validate(z.object({ id: z.string().min(1).max(100) }), request.params, "路径");
    try {
      const result = await deps.intake.remove(id);
      deps.logger.info({ reportId: id, file: result.report.source }, "已删除报告并更新索引");
      return result;
    } catch (error) {
      throw asHttp(error);
    }
  });
}
