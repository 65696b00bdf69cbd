import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { z } from "zod";
import { type Report, ReportSchema } from "../corpus/report.js";
import { writeFileAtomic } from "./atomic-write.js";
import type { Chunk } from "./chunk.js";
import { HnswStore } from "./hnsw-store.js";
import { MANIFEST_FILE } from "./manifest.js";

/** The data files of one index generation: parsed reports, chunks with their terms, vectors. */

export interface IndexedChunk extends Chunk {
  /** BM25 terms of the chunk (heading path + text), space-separated: one string per chunk, not thousands. */
  terms: string;
}

const ReportsFile = z.array(ReportSchema);
const ChunksFile = z.array(
  z.object({
    id: z.string(),
    sectionId: z.string(),
    reportId: z.string(),
    start: z.number().int(),
    end: z.number().int(),
    terms: z.string(),
  }),
);

const reportsFile = (generation: string) => `reports-${generation}.json`;
const chunksFile = (generation: string) => `chunks-${generation}.json`;
const vectorsName = (generation: string) => `vectors-${generation}`;

export interface Generation {
  reports: Report[];
  chunks: IndexedChunk[];
  store: HnswStore;
}

function readJson<T>(dir: string, file: string, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(JSON.parse(readFileSync(join(dir, file), "utf8")));
  if (!parsed.success) throw new Error(`索引文件 ${file} 格式不符`);
  return parsed.data;
}

/** Reads one generation; throws (naming the file) when anything is missing or damaged. */
export function readGeneration(indexDir: string, generation: string, embeddings: EmbeddingsInterface): Generation {
  const reports = readJson(indexDir, reportsFile(generation), ReportsFile);
  const chunks = readJson(indexDir, chunksFile(generation), ChunksFile);
  // An empty corpus has no vector file.
  const store = chunks.length > 0 ? HnswStore.load(indexDir, vectorsName(generation), embeddings) : new HnswStore(embeddings);
  return { reports, chunks, store };
}

/** Writes one generation's files, each atomically; the manifest that points to them comes after. */
export function writeGeneration(indexDir: string, generation: string, data: Generation): void {
  writeFileAtomic(join(indexDir, reportsFile(generation)), JSON.stringify(data.reports));
  writeFileAtomic(join(indexDir, chunksFile(generation)), JSON.stringify(data.chunks));
  if (data.store.size > 0) data.store.save(indexDir, vectorsName(generation));
}

/** Removes files of other generations and temporary files left by interrupted builds. */
export function removeOtherGenerations(indexDir: string, generation: string): void {
  for (const name of readdirSync(indexDir)) {
    const ours =
      name.startsWith(`reports-${generation}.`) ||
      name.startsWith(`chunks-${generation}.`) ||
      name.startsWith(`vectors-${generation}.`);
    const indexFile = /^(reports|chunks|vectors)-/.test(name) || name.includes(".tmp-");
    if (indexFile && !ours && name !== MANIFEST_FILE) rmSync(join(indexDir, name), { force: true });
  }
}
