import { connect, type Socket } from "node:net";

/**
 * Sends malformed and hostile HTTP requests to a server on this machine, over raw TCP so that nothing
 * is tidied up on the way: broken request lines and headers, request smuggling, oversized and endless
 * bodies, slowloris trickles, connections cut mid-request, garbage bytes. Every kind is bounded in size
 * and time. Reusable for any surface that listens: give it the base URL of the endpoint to attack and,
 * optionally, headers that authenticate (so that the body checks behind authentication are reached too).
 */

export interface FuzzOptions {
  /** How many requests in all (the kinds are cycled through). */
  count?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Headers that get past authentication, e.g. { "X-Telegram-Bot-Api-Secret-Token": "…" }. */
  authHeaders?: Record<string, string>;
  /** Longest a single request may take before the fuzzer gives up on it. */
  requestTimeoutMs?: number;
}

export interface FuzzReport {
  sent: number;
  /** Response status codes (as strings) and what happened otherwise: closed, reset, no-answer. */
  outcomes: Record<string, number>;
}

interface Attack {
  /** Written in order, `pauseMs` apart. */
  parts: Array<string | Buffer>;
  pauseMs?: number;
  /** Cut the connection this long after the last part instead of waiting for an answer. */
  hangUpAfterMs?: number;
}

type Target = { host: string; port: number; path: string; auth: string };

const update = JSON.stringify({
  update_id: 1,
  message: { message_id: 1, date: 0, chat: { id: 1, type: "private" }, text: "hi" },
});

function request(target: Target, method: string, headers: string[], body = ""): string {
  return [`${method} ${target.path} HTTP/1.1`, `Host: ${target.host}`, ...headers, "", body].join("\r\n");
}

function post(target: Target, body: string, extra: string[] = [], auth = true): string {
  return request(
    target,
    "POST",
    [
      ...(auth ? [target.auth] : []),
      "Content-Type: application/json",
      `Content-Length: ${Buffer.byteLength(body)}`,
      ...extra,
    ].filter(Boolean),
    body,
  );
}

/** The kinds of attack; `n` varies sizes and bytes from one request to the next. */
const ATTACKS: Array<(t: Target, n: number, random: () => number) => Attack> = [
  () => ({ parts: ["POST //[ HTTP/1.1\r\nHost: x\r\n\r\n"] }),
  (t) => ({ parts: [`POST ${t.path}/[::1 HTTP/1.1\r\nHost: [\r\n\r\n`] }),
  (t) => ({ parts: [`GET ${t.path} HTTP/1.1\r\nHost: x\r\n\r\n`] }),
  (t) => ({ parts: [post(t, update, [], false)] }),
  (t) => ({ parts: [post({ ...t, auth: "X-Telegram-Bot-Api-Secret-Token: wrong" }, update)] }),
  (t, n) => ({ parts: [post(t, "{not json" + "x".repeat(n % 100))] }),
  (t, n) => ({ parts: [post(t, ["[1,2,3]", '"text"', "42", "null", "true", "{}"][n % 6]!)] }),
  (t) => ({ parts: [post(t, JSON.stringify({ update_id: "1", message: "x" }))] }),
  (t, n) => ({ parts: [post(t, "[".repeat(5_000 + (n % 5_000)) + "]".repeat(5_000 + (n % 5_000)))] }),
  (t) => ({ parts: [post(t, JSON.stringify({ update_id: 1, message: { text: "\u0000\ud800\uffff".repeat(50) } }))] }),
  // A body far too large, declared, then partly sent.
  (t) => ({ parts: [request(t, "POST", [t.auth, "Content-Length: 52428800"], "x".repeat(64 * 1024))], hangUpAfterMs: 200 }),
  // An endless chunked body (bounded here: 2 MB).
  (t) => ({
    parts: [
      request(t, "POST", [t.auth, "Transfer-Encoding: chunked"], ""),
      ...Array.from({ length: 32 }, () => `10000\r\n${"y".repeat(0x10000)}\r\n`),
    ],
    hangUpAfterMs: 300,
  }),
  (t, n) => ({
    parts: [
      request(t, "POST", [t.auth, `Content-Length: ${["-1", "abc", "1e3", "0x10", " 5", "99999999999999999999"][n % 6]}`], "{}"),
    ],
  }),
  (t) => ({ parts: [request(t, "POST", [t.auth, "Content-Length: 2", "Content-Length: 40"], "{}")] }),
  // Request smuggling: both framings at once.
  (t) => ({
    parts: [
      request(t, "POST", [t.auth, "Content-Length: 4", "Transfer-Encoding: chunked"], `0\r\n\r\nPOST ${t.path} HTTP/1.1\r\n\r\n`),
    ],
  }),
  (t) => ({ parts: [request(t, "POST", [t.auth, "Transfer-Encoding: gzip, chunked, identity"], "5\r\nhello\r\n0\r\n\r\n")] }),
  (t) => ({ parts: [`POST ${t.path} HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n`] }),
  (t) => ({ parts: [`POST ${t.path} HTTP/1.1\r\nHost: x\r\nBad Name: y\r\nX-\u0000: z\r\n\r\n`] }),
  (t, n) => ({ parts: [request(t, "POST", [t.auth, `X-Big: ${"a".repeat(20_000 + n)}`], "")] }),
  (t) => ({ parts: [request(t, "POST", [t.auth, ...Array.from({ length: 3_000 }, (_, i) => `X-H${i}: v`)], "")] }),
  (t) => ({ parts: [`POST ${t.path} HTTP/9.9\r\nHost: x\r\n\r\n`] }),
  (t) => ({ parts: [`POST ${t.path}\r\n\r\n`] }),
  () => ({ parts: ["\r\n\r\n\r\n"] }),
  (_t, n, random) => ({ parts: [Buffer.from(Array.from({ length: 64 + (n % 4_000) }, () => Math.floor(random() * 256)))] }),
  (t, n) => ({ parts: [`POST ${t.path}?${"q=".repeat(20_000 + n)} HTTP/1.1\r\nHost: x\r\n\r\n`] }),
  (t) => ({ parts: [`P@ST ${t.path} HTTP/1.1\r\nHost: x\r\n\r\n`, `post ${t.path} HTTP/1.1\r\nHost: x\r\n\r\n`] }),
  (t) => ({ parts: [`POST ${t.path} HTTP/1.1\nHost: x\nContent-Length: 2\n\n{}`] }),
  (t) => ({ parts: [`POST ${t.path}/%00/../%2e%2e/电报 HTTP/1.1\r\nHost: x\r\n\r\n`] }),
  (t) => ({ parts: [request(t, "POST", [t.auth, "Expect: 100-continue", "Content-Length: 10485760"], "")], hangUpAfterMs: 200 }),
  (t) => ({
    parts: [
      `POST ${t.path} HTTP/1.0\r\n\r\n`,
      "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n",
      "CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: x\r\n\r\n",
    ],
  }),
  // A good request, then garbage on the same connection.
  (t) => ({ parts: [post(t, update, ["Connection: keep-alive"], false) + "\u0000\u0001GARBAGE\r\n\r\n"] }),
  // Slowloris: headers one byte at a time, then gone.
  (t) => ({
    parts: [`POST ${t.path} HTTP/1.1\r\nHost: x\r\n`, ..."X-Slow: aaaaaaa".split("")],
    pauseMs: 100,
    hangUpAfterMs: 100,
  }),
  // A body trickled one byte at a time, then gone.
  (t) => ({
    parts: [request(t, "POST", [t.auth, "Content-Length: 100"], ""), ...'{"update_id"'.split("")],
    pauseMs: 100,
    hangUpAfterMs: 100,
  }),
  // Gone at once, or halfway through the request line.
  () => ({ parts: [], hangUpAfterMs: 0 }),
  (t) => ({ parts: [`POST ${t.path.slice(0, 3)}`], hangUpAfterMs: 0 }),
  (t) => ({ parts: [post(t, update).slice(0, -10)], hangUpAfterMs: 50 }),
];

/** A small deterministic generator, so a failing run can be repeated. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export async function fuzzHttp(baseUrl: string, options: FuzzOptions = {}): Promise<FuzzReport> {
  const url = new URL(baseUrl);
  const auth = Object.entries(options.authHeaders ?? {})
    .map(([k, v]) => `${k}: ${v}`)
    .join("\r\n");
  const target: Target = { host: url.hostname, port: Number(url.port), path: url.pathname, auth };
  const count = options.count ?? 1_000;
  const random = seeded(20240301);
  const report: FuzzReport = { sent: 0, outcomes: {} };
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const n = next++;
      const attack = ATTACKS[n % ATTACKS.length]!(target, n, random);
      const outcome = await send(target, attack, options.requestTimeoutMs ?? 3_000);
      report.sent++;
      report.outcomes[outcome] = (report.outcomes[outcome] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 20 }, worker));
  return report;
}

function send(target: Target, attack: Attack, timeoutMs: number): Promise<string> {
  return new Promise((resolve) => {
    const socket: Socket = connect(target.port, target.host);
    let answer = "";
    let settled = false;
    const finish = (outcome: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish("no-answer"), timeoutMs);
    socket.on("data", (chunk: Buffer) => {
      answer += chunk.toString("latin1");
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(answer);
      if (status) finish(status[1]!);
    });
    socket.on("error", () => finish("reset"));
    socket.on("close", () => finish("closed"));
    socket.on("connect", () => {
      void (async () => {
        for (const part of attack.parts) {
          if (socket.destroyed) return;
          socket.write(part);
          if (attack.pauseMs) await new Promise((r) => setTimeout(r, attack.pauseMs));
        }
        if (attack.hangUpAfterMs !== undefined) setTimeout(() => finish("hung-up"), attack.hangUpAfterMs);
      })();
    });
  });
}

/**
 * A slow client: writes `first`, then `byte` every 100 ms for as long as the connection lasts (at most 10 s).
 * Resolves with what the server answered and how long it took to cut the client off.
 */
export function trickle(port: number, first: string, byte: string): Promise<{ answer: string; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(port, "127.0.0.1");
    let answer = "";
    const timer = setInterval(() => socket.write(byte), 100);
    socket.on("connect", () => socket.write(first));
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString("latin1")));
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearInterval(timer);
      resolve({ answer, ms: Date.now() - started });
    });
    setTimeout(() => socket.destroy(), 10_000);
  });
}
