import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createEmbeddings, EmbeddingError } from "../../src/search/embeddings.js";
import { openLibrary } from "../../src/search/library.js";
import { OpenAICompatibleEmbeddings } from "../../src/search/openai-embeddings.js";
import { Segmenter } from "../../src/search/segmenter.js";

/** A stand-in embeddings endpoint on 127.0.0.1: vector = [length, first char code, 1]. */
let server: Server;
let baseURL: string;
let requests: Array<{ input: string[]; model: string }> = [];
let failNext: number[] = [];
let answerEmpty = false;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const status = failNext.shift();
      if (status) {
        res.writeHead(status, { "content-type": "application/json", "retry-after-ms": "5" });
        res.end(JSON.stringify({ error: { message: "slow down" } }));
        return;
      }
      const { input, model } = JSON.parse(body) as { input: string[]; model: string };
      requests.push({ input, model });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          object: "list",
          model,
          data: answerEmpty
            ? []
            : input.map((text, index) => ({ object: "embedding", index, embedding: [text.length, text.charCodeAt(0), 1] })),
          usage: { prompt_tokens: 1, total_tokens: 1 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let cacheDir: string;
beforeEach(() => {
  requests = [];
  failNext = [];
  answerEmpty = false;
  cacheDir = mkdtempSync(join(tmpdir(), "emb-cache-"));
  return () => rmSync(cacheDir, { recursive: true, force: true });
});

const make = () => new OpenAICompatibleEmbeddings({ model: "test-embed", baseURL, apiKey: "k", cacheDir, batchSize: 2 });

describe("OpenAICompatibleEmbeddings", () => {
  it("sends texts in batches and returns vectors in input order", async () => {
    const embeddings = make();
    const vectors = await embeddings.embedDocuments(["一", "二二", "三三三", "四四四四", "五五五五五"]);
    expect(requests.map((r) => r.input.length)).toEqual([2, 2, 1]);
    expect(requests.every((r) => r.model === "test-embed")).toBe(true);
    expect(vectors.map((v) => v[0])).toEqual([1, 2, 3, 4, 5]);
    expect(embeddings.dimensions).toBe(3);
    expect(embeddings.id).toBe("openai:test-embed");
  });

  it("retries after a 429 and a 503, then succeeds", async () => {
    failNext = [429, 503];
    const vectors = await make().embedDocuments(["行政复议"]);
    expect(vectors).toEqual([[4, "行".charCodeAt(0), 1]]);
    expect(failNext).toEqual([]);
    expect(requests).toHaveLength(1);
  });

  it("answers repeated texts from the on-disk cache, also in a new process", async () => {
    await make().embedDocuments(["甲", "乙"]);
    expect(requests).toHaveLength(1);
    const again = make(); // a fresh instance reads the cache file
    const vectors = await again.embedDocuments(["乙", "甲", "丙"]);
    expect(requests).toHaveLength(2);
    expect(requests[1]!.input).toEqual(["丙"]);
    expect(vectors.map((v) => v[1])).toEqual(["乙", "甲", "丙"].map((c) => c.charCodeAt(0)));
  });

  it("rejects a reply that does not match the request, naming the model, and caches nothing", async () => {
    answerEmpty = true;
    await expect(make().embedDocuments(["x"])).rejects.toThrow(EmbeddingError);
    await expect(make().embedDocuments(["x"])).rejects.toThrow(/test-embed/);
    answerEmpty = false;
    await make().embedDocuments(["x"]);
    expect(requests).toHaveLength(3);
  });

  it("gives up after its retries with a message naming the endpoint and model", async () => {
    failNext = [500, 500, 500];
    const embeddings = new OpenAICompatibleEmbeddings({ model: "test-embed", baseURL, apiKey: "k", cacheDir, maxRetries: 2 });
    await expect(embeddings.embedDocuments(["x"])).rejects.toThrow(/嵌入服务调用失败.*127\.0\.0\.1.*test-embed/);
    expect(failNext).toEqual([]);
  });

  it("serves a library configured with EMBEDDING_PROVIDER=openai; a rebuild is paid from the cache", async () => {
    const config = loadConfig({ EMBEDDING_PROVIDER: "openai", EMBEDDING_MODEL: "test-embed", OPENAI_BASE_URL: baseURL });
    const indexDir = join(cacheDir, "index");
    const corpusDir = new URL("../../corpus/", import.meta.url).pathname;
    const embeddings = await createEmbeddings(config, indexDir, Segmenter.load());
    expect(embeddings.id).toBe("openai:test-embed");

    const first = await openLibrary({ corpusDir, indexDir, config });
    expect(requests.length).toBeGreaterThan(1);
    expect(first.summary().embedder).toBe("openai:test-embed");
    const texts = requests.flatMap((r) => r.input).length;
    expect(texts).toBe(first.summary().chunks);

    requests = [];
    const rebuilt = await openLibrary({ corpusDir, indexDir, config, rebuild: true });
    expect(rebuilt.summary().rebuilt).toBe(true);
    expect(requests).toEqual([]);
    const result = await rebuilt.search("鱼峰区法律明白人");
    expect(result.results.every((h) => h.region === "鱼峰区")).toBe(true);
  });
});
