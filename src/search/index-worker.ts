import { parentPort, workerData } from "node:worker_threads";
import type { Config } from "../config.js";
import { logger } from "../logger.js";
import { UserError } from "../user-error.js";
import { createEmbeddings } from "./embeddings.js";
import { type IndexSummary, updateIndex } from "./index-update.js";
import { Segmenter } from "./segmenter.js";

/**
 * Worker thread entry: runs one index update off the main thread, so the library keeps answering
 * meanwhile. It loads its own segmenter and embedder (native objects stay in their thread), writes the
 * new generation to the index folder and reports its manifest; the main thread then loads that
 * generation and swaps it in. The caller holds the index lock throughout.
 */

export interface WorkerInput {
  corpusDir: string;
  indexDir: string;
  config: Config;
}

export type WorkerMessage =
  | { type: "progress"; done: number; total: number }
  | { type: "done"; generation: string; summary: IndexSummary }
  | { type: "failed"; message: string; exitCode: number | null };

const input = workerData as WorkerInput;
const port = parentPort!;
const send = (message: WorkerMessage) => port.postMessage(message);
logger.level = input.config.logLevel;

try {
  const segmenter = Segmenter.load();
  const { manifest, summary } = await updateIndex({
    corpusDir: input.corpusDir,
    indexDir: input.indexDir,
    segmenter,
    embeddings: await createEmbeddings(input.config, input.indexDir, segmenter),
    onProgress: (done, total) => send({ type: "progress", done, total }),
  });
  send({ type: "done", generation: manifest.generation, summary });
} catch (error) {
  // A UserError (an unreachable embedding service …) keeps its Chinese message and exit code across the thread.
  send({
    type: "failed",
    message:
      error instanceof Error ? (error instanceof UserError ? error.message : (error.stack ?? error.message)) : String(error),
    exitCode: error instanceof UserError ? error.exitCode : null,
  });
}
