/** The server's JSON API as the page uses it: the access key, errors in Chinese, the SSE answer stream. */

// The server's own types: type-only imports, erased by the bundler, so the page and the server agree.
export type { Answer, Citation, SectionView } from "../src/answer/answer.js";
export type { ReportSummary } from "../src/corpus/report.js";
import type { Answer } from "../src/answer/answer.js";

const KEY_ITEM = "fazhi.apiKey";
const ADMIN_KEY_ITEM = "fazhi.adminKey";

export const keys = {
  get user(): string {
    return localStorage.getItem(KEY_ITEM) ?? "";
  },
  set user(value: string) {
    localStorage.setItem(KEY_ITEM, value);
  },
  get admin(): string {
    return sessionStorage.getItem(ADMIN_KEY_ITEM) ?? "";
  },
  set admin(value: string) {
    sessionStorage.setItem(ADMIN_KEY_ITEM, value);
  },
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function headers(admin: boolean, json: boolean): Record<string, string> {
  const key = admin ? keys.admin : keys.user;
  return { ...(json ? { "content-type": "application/json" } : {}), ...(key ? { authorization: `Bearer ${key}` } : {}) };
}

async function failure(response: Response): Promise<ApiError> {
  let message = `请求失败（${response.status}）`;
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    if (body.error?.message) message = body.error.message;
  } catch {
    // Not JSON: keep the status line.
  }
  return new ApiError(response.status, message);
}

export async function request<T>(method: string, path: string, body?: unknown, opts: { admin?: boolean } = {}): Promise<T> {
  const isForm = body instanceof FormData;
  const response = await fetch(path, {
    method,
    headers: headers(Boolean(opts.admin), body !== undefined && !isForm),
    body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
  });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

export async function download(path: string, body: unknown): Promise<Blob> {
  const response = await fetch(path, { method: "POST", headers: headers(false, true), body: JSON.stringify(body) });
  if (!response.ok) throw await failure(response);
  return response.blob();
}

export interface AskEvents {
  onDelta(text: string): void;
  onNotice(notice: string): void;
  onAnswer(answer: Answer): void;
  onRecorded(answerId: string): void;
}

/** POST /api/ask with stream: true, read as Server-Sent Events. */
export async function askStream(
  body: { question: string; history: string[]; filters: { region?: string; year?: number } },
  on: AskEvents,
): Promise<void> {
  const response = await fetch("/api/ask", {
    method: "POST",
    headers: headers(false, true),
    body: JSON.stringify({ ...body, stream: true }),
  });
  if (!response.ok || !response.body) throw await failure(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? "message";
      const data = block
        .split("\n")
        .filter((line) => line.startsWith("data: "))
        .map((line) => line.slice(6))
        .join("\n");
      if (!data) continue;
      const payload = JSON.parse(data) as Record<string, unknown>;
      if (event === "delta") on.onDelta(String(payload.text));
      else if (event === "notice") on.onNotice(String(payload.notice));
      else if (event === "answer") on.onAnswer(payload as unknown as Answer);
      else if (event === "recorded") on.onRecorded(String(payload.answerId));
      else if (event === "error") throw new ApiError(500, String(payload.message));
    }
  }
}
