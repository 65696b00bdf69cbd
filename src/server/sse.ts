import type { FastifyReply } from "fastify";

/**
 * A Server-Sent Events response on the raw socket. `closed` turns true when the client goes away,
 * so a producer stops instead of writing into a dead connection.
 */
export class SseStream {
  closed = false;

  constructor(private readonly reply: FastifyReply) {
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      // Tells nginx not to buffer the stream.
      "x-accel-buffering": "no",
    });
    raw.flushHeaders();
    raw.on("close", () => {
      this.closed = true;
    });
  }

  /** One event: `data:` JSON (or a literal such as [DONE]), with an optional event name. */
  send(data: unknown, event?: string): void {
    if (this.closed) return;
    const payload = typeof data === "string" ? data : JSON.stringify(data);
    this.reply.raw.write(`${event ? `event: ${event}\n` : ""}data: ${payload}\n\n`);
  }

  end(): void {
    if (!this.closed) this.reply.raw.end();
  }
}
