import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** An OpenAI-compatible chat endpoint on 127.0.0.1 that records requests and replies as told. */

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage["headers"];
  body: { model: string; stream?: boolean; messages: { role: string; content: string }[] };
}

export type Behaviour =
  | { kind: "reply"; text: string | ((req: RecordedRequest) => string); chunkSize?: number; delayMs?: number }
  | { kind: "status"; status: number }
  | { kind: "hang" };

export interface FakeOpenAI {
  baseURL: string;
  requests: RecordedRequest[];
  behave(b: Behaviour): void;
  close(): Promise<void>;
}

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const requests: RecordedRequest[] = [];
  let behaviour: Behaviour = { kind: "status", status: 500 };
  const hanging = new Set<() => void>();
  const respond = async (req: IncomingMessage, res: ServerResponse) => {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    const record: RecordedRequest = { path: req.url ?? "", headers: req.headers, body: JSON.parse(raw || "{}") };
    requests.push(record);
    if (behaviour.kind === "hang") {
      hanging.add(() => res.destroy());
      return;
    }
    if (behaviour.kind === "status") {
      res.writeHead(behaviour.status, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "boom", type: "server_error" } }));
      return;
    }
    const text = typeof behaviour.text === "function" ? behaviour.text(record) : behaviour.text;
    if (behaviour.delayMs)
      await new Promise((resolve) => setTimeout(resolve, behaviour.kind === "reply" ? behaviour.delayMs : 0));
    const size = behaviour.chunkSize ?? 8;
    const chunk = (delta: object, finish: string | null) =>
      `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", created: 0, model: record.body.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    if (record.body.stream) {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(chunk({ role: "assistant", content: "" }, null));
      for (let i = 0; i < text.length; i += size) res.write(chunk({ content: text.slice(i, i + size) }, null));
      res.write(chunk({}, "stop"));
      res.end("data: [DONE]\n\n");
    } else {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          id: "c1",
          object: "chat.completion",
          created: 0,
          model: record.body.model,
          choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }],
        }),
      );
    }
  };
  const server: Server = createServer((req, res) => {
    respond(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    behave: (b) => {
      behaviour = b;
    },
    close: async () => {
      for (const end of hanging) end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
