import type { FastifyInstance } from "fastify";
import type { Logger } from "../logger.js";
import { UserError } from "../user-error.js";
import { createServer, type ServerDeps } from "./create-server.js";

export interface RunningServer {
  app: FastifyInstance;
  /** e.g. http://127.0.0.1:8080 */
  url: string;
  /** Stops accepting requests, lets the ones in flight finish (at most `graceMs`), then closes. */
  stop(): Promise<void>;
}

/** How long a shutdown waits for answers in flight (a model answer may take its whole timeout). */
export const SHUTDOWN_GRACE_MS = 30_000;

export async function startServer(
  deps: ServerDeps,
  listen: { port: number; host: string },
  graceMs = SHUTDOWN_GRACE_MS,
): Promise<RunningServer> {
  const app = await createServer(deps);
  try {
    await app.listen({ port: listen.port, host: listen.host });
  } catch (error) {
    await app.close();
    throw new UserError(`无法监听 ${listen.host}:${listen.port}：${(error as Error).message}（可用 HTTP_PORT / HTTP_HOST 修改）`);
  }
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : listen.port;
  const host = listen.host.includes(":") ? `[${listen.host}]` : listen.host;
  return { app, url: `http://${host}:${port}`, stop: () => stopGracefully(app, deps.logger, graceMs) };
}

async function stopGracefully(app: FastifyInstance, logger: Logger, graceMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), graceMs);
  });
  // A keep-alive connection whose answer just finished would otherwise hold the close open until its
  // idle timeout: close connections as they fall idle.
  const sweep = setInterval(() => app.server.closeIdleConnections(), 50);
  const outcome = await Promise.race([app.close().then(() => "closed" as const), late]);
  clearTimeout(timer);
  clearInterval(sweep);
  if (outcome === "late") {
    logger.warn(`${graceMs / 1000} 秒内仍有回答未完成，强制关闭连接`);
    app.server.closeAllConnections();
  }
}
