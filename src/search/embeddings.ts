import { UserError } from "../user-error.js";
import { join } from "node:path";
import { Embeddings } from "@langchain/core/embeddings";
import type { Config } from "../config.js";
import type { Segmenter } from "./segmenter.js";

/**
 * LangChain's Embeddings with what the index manifest must record: an id that changes whenever vectors
 * would (provider, model, algorithm version) and the vector length (null until a remote model answered).
 */
export abstract class IndexEmbeddings extends Embeddings {
  abstract readonly id: string;
  abstract get dimensions(): number | null;
}

/** A remote embedding service failed (after its retries); the message says which and why, in Chinese. */
export class EmbeddingError extends UserError {}

/** The configured embedder: the offline hashed one by default, an OpenAI-compatible endpoint on request. */
export async function createEmbeddings(config: Config, indexDir: string, segmenter: Segmenter): Promise<IndexEmbeddings> {
  if (config.embedding.provider === "openai") {
    const { OpenAICompatibleEmbeddings } = await import("./openai-embeddings.js");
    return new OpenAICompatibleEmbeddings({
      model: config.embedding.model,
      apiKey: config.openai.apiKey,
      baseURL: config.openai.baseURL,
      cacheDir: join(indexDir, "embedding-cache"),
    });
  }
  const { LocalHashEmbeddings } = await import("./local-embeddings.js");
  return new LocalHashEmbeddings(segmenter);
}
