/**
 * Every error the server sends has OpenAI's shape, `{error: {message, type, code}}`, on /api as on /v1:
 * one shape for clients to read, and the one OpenAI-compatible front ends already show to their users.
 */

export type ErrorType =
  "invalid_request_error" | "authentication_error" | "permission_error" | "not_found_error" | "rate_limit_error" | "server_error";

const TYPE_BY_STATUS: Record<number, ErrorType> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  409: "invalid_request_error",
  413: "invalid_request_error",
  415: "invalid_request_error",
  422: "invalid_request_error",
  429: "rate_limit_error",
};

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export function errorBody(statusCode: number, message: string, code: string) {
  return { error: { message, type: TYPE_BY_STATUS[statusCode] ?? "server_error", code } };
}

/** Fastify's own errors (parsing, limits) in Chinese, keyed by their codes. */
const FRAMEWORK_MESSAGES: Record<string, [number, string, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, "请求体不是有效的 JSON", "invalid_json"],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, "请求体为空，应为 JSON", "invalid_json"],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, "请求体太大", "body_too_large"],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, "不支持的 Content-Type：请发送 application/json", "unsupported_media_type"],
  FST_REQ_FILE_TOO_LARGE: [413, "文件太大", "file_too_large"],
  FST_INVALID_MULTIPART_CONTENT_TYPE: [400, "上传请使用 multipart/form-data", "not_multipart"],
};

/** What the client is told about an error: its own status and message for expected ones, a plain 500 otherwise. */
export function describeError(error: unknown): { statusCode: number; message: string; code: string; expected: boolean } {
  if (error instanceof HttpError)
    return { statusCode: error.statusCode, message: error.message, code: error.code, expected: true };
  const e = error as { code?: string; statusCode?: number; message?: string };
  const known = e.code ? FRAMEWORK_MESSAGES[e.code] : undefined;
  if (known) return { statusCode: known[0], message: known[1], code: known[2], expected: true };
  if (typeof e.statusCode === "number" && e.statusCode >= 400 && e.statusCode < 500) {
    return { statusCode: e.statusCode, message: `请求有误：${e.message ?? ""}`, code: e.code ?? "bad_request", expected: true };
  }
  return { statusCode: 500, message: "服务器内部错误，请稍后再试", code: "internal_error", expected: false };
}
