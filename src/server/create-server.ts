import cors from "@fastify/cors";
import rateLimit from "@fastify/rate-limit";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from "fastify";
import type { Assistant } from "../answer/assistant.js";
import type { Config } from "../config.js";
import type { ReportIntake } from "../intake/report-intake.js";
import type { Logger } from "../logger.js";
import { createHardenedServer, DEFAULT_HTTP_LIMITS, type HttpLimits } from "../http/hardened-server.js";
import { AccessPolicy } from "./access.js";
import { apiRoutes } from "./api-routes.js";
import type { AnswerFeedback } from "./feedback.js";
import { describeError, errorBody, HttpError } from "./http-error.js";
import { openaiRoutes } from "./openai-routes.js";
import { reportRoutes } from "./report-routes.js";
import { pageRoutes, type WebAssets } from "./page-routes.js";

export interface ServerDeps {
  http: Config["http"];
  assistant: Assistant;
  feedback: AnswerFeedback;
  /** Adding and removing reports (admin keys); the routes answer 403 without ADMIN_API_KEYS. */
  intake: ReportIntake;
  web: WebAssets;
  logger: Logger;
  /** Timeouts and connection limits of the listening socket (tests shorten them). */
  limits?: Partial<HttpLimits>;
}

/** JSON bodies are questions and answers: far below this. Larger ones get 413. */
export const BODY_LIMIT = 256 * 1024;

/**
 * The HTTP surface: the page, the JSON API, the OpenAI-compatible API and report uploads, behind one
 * access policy and one rate limit. Built without listening, so tests can use it on port 0.
 */
export async function createServer(deps: ServerDeps): Promise<FastifyInstance> {
  // Typed as Fastify's own logger so the instance is the plain FastifyInstance the route modules take.
  const loggerInstance: FastifyBaseLogger = deps.logger;
  const limits = { ...DEFAULT_HTTP_LIMITS, ...deps.limits };
  const app = Fastify({
    // The same hardened socket as the webhook's: header and request timeouts against slow trickles, a
    // connection cap, clean 4xx for what Node's parser rejects.
    serverFactory: (handler) => createHardenedServer(handler, limits, deps.logger),
    loggerInstance,
    // One debug line per request (onResponse below) instead of Fastify's two info lines.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT,
    // Keep-alive sockets would hold a graceful shutdown open; in-flight requests still finish.
    forceCloseConnections: "idle",
    return503OnClosing: true,
  });
  const access = new AccessPolicy(deps.http);
  const guarded = (url: string) => url.startsWith("/api/") || url.startsWith("/v1/");

  app.setErrorHandler((error, request, reply) => {
    const { statusCode, message, code, expected } = describeError(error);
    if (!expected) request.log.error({ err: error, url: request.url }, "请求处理出错");
    void reply.status(statusCode).send(errorBody(statusCode, message, code));
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send(errorBody(404, `没有这个地址：${request.method} ${request.url.split("?")[0]}`, "not_found"));
  });

  // Browser-based clients (LobeChat's client mode, Cherry Studio) call /v1 from another origin; the key
  // still guards it. The page and /api stay same-origin only.
  await app.register(cors, {
    delegator: (request, callback) => callback(null, { origin: request.url.startsWith("/v1/"), maxAge: 600 }),
  });
  await app.register(rateLimit, {
    max: deps.http.rateLimitPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => access.rateKey(request),
    allowList: (request) => !guarded(request.url),
    errorResponseBuilder: (_request, context) =>
      new HttpError(429, `请求过于频繁，请在 ${Math.ceil(context.ttl / 1000)} 秒后再试`, "rate_limit_exceeded"),
  });
  // After the rate limit (which hooks each route's onRequest), so failed keys are counted too; before
  // the body is read.
  app.addHook("preParsing", async (request) => {
    if (guarded(request.url) && request.method !== "OPTIONS") access.checkUser(request);
  });
  app.addHook("onResponse", async (request, reply) => {
    request.log.debug(
      { method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      "请求完成",
    );
  });

  pageRoutes(app, { web: deps.web, keysRequired: access.keysRequired });
  apiRoutes(app, deps);
  openaiRoutes(app, deps);
  await reportRoutes(app, { intake: deps.intake, access, logger: deps.logger });
  return app;
}
