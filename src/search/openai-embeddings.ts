import OpenAI from "openai";
import { z } from "zod";
import { EmbeddingCache } from "./embedding-cache.js";
import { EmbeddingError, IndexEmbeddings } from "./embeddings.js";

export interface OpenAICompatibleEmbeddingsOptions {
  model: string;
  apiKey?: string;
  baseURL?: string;
  /** Where the on-disk cache lives (under the index folder). */
  cacheDir: string;
  /** Texts per request. */
  batchSize?: number;
  /** Retries on 408/409/429/5xx and network errors, with exponential backoff honouring Retry-After (the openai client's own). */
  maxRetries?: number;
}

const EmbeddingResponse = z.object({
  data: z.array(z.object({ index: z.number().int().nonnegative(), embedding: z.array(z.number()).min(1) })),
});

/** Embeddings from any OpenAI-compatible endpoint (OpenAI, DashScope, Ollama, vLLM …), batched and cached. */
export class OpenAICompatibleEmbeddings extends IndexEmbeddings {
  readonly id: string;
  private readonly client: OpenAI;
  private readonly cache: EmbeddingCache;
  private readonly batchSize: number;
  private dims: number | null = null;

  constructor(private readonly options: OpenAICompatibleEmbeddingsOptions) {
    super({});
    this.id = `openai:${options.model}`;
    // Local servers (Ollama, vLLM) need no key, but the client insists on one.
    this.client = new OpenAI({
      apiKey: options.apiKey ?? "unused",
      baseURL: options.baseURL,
      maxRetries: options.maxRetries ?? 5,
    });
    this.cache = new EmbeddingCache(options.cacheDir, options.model);
    this.batchSize = options.batchSize ?? 64;
  }

  get dimensions(): number | null {
    return this.dims;
  }

  /** Questions are embedded directly: caching them on disk would grow the cache forever and keep users' questions. */
  async embedQuery(document: string): Promise<number[]> {
    const [vector] = await this.request([document]);
    this.dims ??= vector!.length;
    return vector!;
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    const keys = documents.map((text) => this.cache.key(text));
    const missing = new Map<string, string>();
    keys.forEach((key, i) => {
      if (!this.cache.get(key)) missing.set(key, documents[i]!);
    });
    const pending = [...missing];
    for (let from = 0; from < pending.length; from += this.batchSize) {
      const batch = pending.slice(from, from + this.batchSize);
      const vectors = await this.request(batch.map(([, text]) => text));
      this.cache.putAll(batch.map(([key], i) => [key, vectors[i]!]));
    }
    return keys.map((key) => {
      const vector = this.cache.get(key)!;
      this.dims ??= vector.length;
      return vector;
    });
  }

  private async request(input: string[]): Promise<number[][]> {
    const where = `${this.options.baseURL ?? "https://api.openai.com/v1"}，模型 ${this.options.model}`;
    let raw: unknown;
    try {
      raw = await this.client.embeddings.create({ model: this.options.model, input, encoding_format: "float" });
    } catch (error) {
      throw new EmbeddingError(`嵌入服务调用失败（${where}）：${error instanceof Error ? error.message : String(error)}`);
    }
    const parsed = EmbeddingResponse.safeParse(raw);
    if (!parsed.success || parsed.data.data.length !== input.length) {
      throw new EmbeddingError(`嵌入服务返回的数据无法识别（${where}，请求 ${input.length} 条）`);
    }
    const vectors = new Array<number[]>(input.length);
    for (const item of parsed.data.data) vectors[item.index] = item.embedding;
    const dims = vectors[0]?.length;
    if (vectors.some((v) => v === undefined || v.length !== dims)) {
      throw new EmbeddingError(`嵌入服务返回的向量长度不一致（${where}）`);
    }
    return vectors;
  }
}
