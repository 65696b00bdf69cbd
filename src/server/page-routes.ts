import type { FastifyInstance } from "fastify";

/** The chat page: one HTML document and one bundled script, both from this server. */
export interface WebAssets {
  html: string;
  script: string;
}

/**
 * Nothing may come from elsewhere (an air-gapped intranet has no CDN): the policy lets the browser
 * load and call this origin only, and tests assert that it never tries anything else.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join("; ");

export function pageRoutes(app: FastifyInstance, deps: { web: WebAssets; keysRequired: boolean }): void {
  const html = deps.web.html.replace("<body>", `<body data-keys="${deps.keysRequired ? "required" : "none"}">`);
  app.get("/", async (_request, reply) =>
    reply
      .type("text/html; charset=utf-8")
      .header("content-security-policy", CONTENT_SECURITY_POLICY)
      .header("x-content-type-options", "nosniff")
      .header("referrer-policy", "no-referrer")
      .header("cache-control", "no-cache")
      .send(html),
  );
  app.get("/app.js", async (_request, reply) =>
    reply
      .type("text/javascript; charset=utf-8")
      .header("x-content-type-options", "nosniff")
      .header("cache-control", "no-cache")
      .send(deps.web.script),
  );
}
