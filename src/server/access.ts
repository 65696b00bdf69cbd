import { createHash, timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";
import type { FastifyRequest } from "fastify";
import { ConfigError, type Config } from "../config.js";
import { HttpError } from "./http-error.js";

/** Who may call what: API_KEYS guard /api and /v1; ADMIN_API_KEYS are needed to add or remove reports. */

export function isLoopback(host: string): boolean {
  if (host === "localhost") return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  return host === "::1" || host === "[::1]";
}

/** Listening beyond loopback with no keys exposes the library to the network: only when explicitly allowed. */
export function assertSafeListen(http: Config["http"]): void {
  if (isLoopback(http.host) || http.apiKeys.length > 0 || http.allowNoKeys) return;
  throw new ConfigError([
    `HTTP_HOST=「${http.host}」：监听本机以外的地址时必须设置 API_KEYS（客户端用 Authorization: Bearer <密钥> 访问）；` +
      `若已由带身份认证的反向代理把关，可设置 HTTP_ALLOW_NO_KEYS=true`,
  ]);
}

function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1] ?? null;
}

function matches(key: string, keys: readonly string[]): boolean {
  const given = Buffer.from(key);
  // Constant-time per key, so response times say nothing about how much of a key was right.
  return keys.some((k) => {
    const known = Buffer.from(k);
    return known.length === given.length && timingSafeEqual(known, given);
  });
}

export class AccessPolicy {
  private readonly userKeys: string[];

  constructor(private readonly http: Config["http"]) {
    // An admin key also works wherever a user key does.
    this.userKeys = [...http.apiKeys, ...http.adminApiKeys];
  }

  get keysRequired(): boolean {
    return this.http.apiKeys.length > 0;
  }

  /** Throws 401 when keys are required and the request has no valid one. */
  checkUser(request: FastifyRequest): void {
    if (!this.keysRequired) return;
    const key = bearer(request);
    if (!key) throw new HttpError(401, "需要访问密钥：请在请求头中提供 Authorization: Bearer <密钥>", "missing_api_key");
    if (!matches(key, this.userKeys)) throw new HttpError(401, "访问密钥无效", "invalid_api_key");
  }

  checkAdmin(request: FastifyRequest): void {
    if (this.http.adminApiKeys.length === 0) {
      throw new HttpError(403, "未启用报告管理：服务器没有设置 ADMIN_API_KEYS", "admin_disabled");
    }
    const key = bearer(request);
    if (!key) throw new HttpError(401, "需要管理员密钥：请在请求头中提供 Authorization: Bearer <管理员密钥>", "missing_api_key");
    if (!matches(key, this.http.adminApiKeys)) throw new HttpError(403, "该密钥没有管理权限", "not_admin");
  }

  /**
   * The rate limit's bucket: a valid key's (hashed, so keys are not kept in the limiter), else the
   * address's — made-up keys must not buy fresh buckets for guessing.
   */
  rateKey(request: FastifyRequest): string {
    const key = bearer(request);
    if (key && this.keysRequired && matches(key, this.userKeys))
      return `key:${createHash("sha256").update(key).digest("hex").slice(0, 16)}`;
    return `ip:${request.ip}`;
  }
}
