import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { Logger } from "../logger.js";

/**
 * An HTTP server that hostile clients cannot stop: malformed request lines and headers get a 4xx from
 * Node's parser and the connection is closed; slow trickles (slowloris) hit the header and request
 * timeouts; bodies are read with a size cap; a client that hangs up mid-request only ends its own
 * request. Every surface that listens (the webhook, the HTTP server) is built on it.
 */

export interface HttpLimits {
  /** Time to receive all request headers. */
  headersTimeoutMs: number;
  /** Time to receive the whole request, body included. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Bodies larger than this are refused with 413. */
  maxBodyBytes: number;
  /** Open connections at once; more are refused. */
  maxConnections: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxBodyBytes: 1024 * 1024,
  maxConnections: 512,
};

/** Status codes for what Node's HTTP parser rejects. */
const CLIENT_ERROR_STATUS: Record<string, string> = {
  HPE_HEADER_OVERFLOW: "431 Request Header Fields Too Large",
  ERR_HTTP_REQUEST_TIMEOUT: "408 Request Timeout",
};

export function createHardenedServer(handler: RequestListener, limits: HttpLimits, logger: Logger): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // How often the two timeouts above are enforced (Node's default, 30 s, would let a trickle live that long).
      connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs / 2),
      // Node's parser is strict by default (no lenient header parsing, no smuggling through both
      // Content-Length and Transfer-Encoding); say so explicitly.
      insecureHTTPParser: false,
    },
    (req, res) => {
      // A client that goes away mid-request must not leave an 'error' without a listener.
      req.on("error", () => undefined);
      res.on("error", () => undefined);
      try {
        handler(req, res);
      } catch (error) {
        logger.error({ err: error }, "HTTP 请求处理出错");
        respond(res, 500);
      }
    },
  );
  server.maxConnections = limits.maxConnections;
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
    logger.debug({ code: error.code }, "拒绝了格式错误或超时的 HTTP 请求");
    if (error.code === "ECONNRESET" || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = CLIENT_ERROR_STATUS[error.code ?? ""] ?? "400 Bad Request";
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });
  return server;
}

/** Answers with a status and no body (unless one is given), closing the connection after errors. */
export function respond(res: ServerResponse, status: number, body?: string): void {
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  const headers: Record<string, string> = status >= 400 ? { connection: "close" } : {};
  if (body !== undefined) headers["content-type"] = "application/json; charset=utf-8";
  res.writeHead(status, headers).end(body);
}

export class BodyError extends Error {
  constructor(readonly status: 400 | 413) {
    super(status === 413 ? "请求体过大" : "请求体无法读取");
  }
}

/** The request body, at most `maxBytes` (BodyError 413 beyond, 400 when the client breaks off). */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > maxBytes) {
      reject(new BodyError(413));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.pause();
        reject(new BodyError(413));
        return;
      }
      chunks.push(chunk);
    });
    req.once("end", () => resolve(Buffer.concat(chunks)));
    req.once("aborted", () => reject(new BodyError(400)));
    req.once("error", () => reject(new BodyError(400)));
  });
}
