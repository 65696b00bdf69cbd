import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { PARSER_VERSION } from "../corpus/load-corpus.js";
import type { IndexEmbeddings } from "./embeddings.js";
import { type Generation, readGeneration, removeOtherGenerations, writeGeneration } from "./index-files.js";
import { type CorpusFileEntry, INDEX_FORMAT, incompatibility, type Manifest, readManifest, writeManifest } from "./manifest.js";
import { DICTIONARY_HASH } from "./segmenter.js";

/**
 * The index on disk as a whole: which generation the manifest points to, whether this program can use
 * it, and writing a new generation so that a reader (or a crash) only ever sees a complete one.
 */

export type Restored = { manifest: Manifest; data: Generation } | { problem: string };

/** The index on disk when it is usable; otherwise why not (one Chinese line for the user). */
export function restoreIndex(indexDir: string, corpusDir: string, embeddings: IndexEmbeddings): Restored {
  const manifest = readManifest(indexDir);
  if (manifest === null) return { problem: "未找到检索索引，正在建立…" };
  if ("problem" in manifest) return { problem: `检索索引无法使用（${manifest.problem}），正在重建…` };
  const reason = incompatibility(manifest, {
    parserVersion: PARSER_VERSION,
    dictionaryHash: DICTIONARY_HASH,
    embedderId: embeddings.id,
  });
  if (reason) return { problem: `检索索引已过期（${reason}），正在重建…` };
  try {
    const data = readGeneration(indexDir, manifest.generation, embeddings);
    // The corpus folder may be given by another path than at build time.
    const sourceOf = new Map(Object.entries(manifest.files).map(([rel, entry]) => [entry.reportId, join(corpusDir, rel)]));
    for (const report of data.reports) report.source = sourceOf.get(report.id) ?? report.source;
    return { manifest, data };
  } catch (error) {
    return { problem: `检索索引文件无法读取（${error instanceof Error ? error.message : String(error)}），正在重建…` };
  }
}

/** New generation files first, then the manifest that points to them, then the old files go. */
export function persistIndex(
  indexDir: string,
  data: Generation,
  files: ReadonlyMap<string, CorpusFileEntry>,
  embeddings: IndexEmbeddings,
  previous: Manifest | null,
  seconds: number,
): Manifest {
  const generation = `${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
  writeGeneration(indexDir, generation, data);
  const manifest: Manifest = {
    format: INDEX_FORMAT,
    generation,
    parserVersion: PARSER_VERSION,
    dictionaryHash: DICTIONARY_HASH,
    // A remote embedder knows its dimensions only once it has answered; an update may embed nothing.
    embedder: { id: embeddings.id, dimensions: embeddings.dimensions ?? previous?.embedder.dimensions ?? null },
    files: Object.fromEntries([...files].sort(([a], [b]) => (a < b ? -1 : 1))),
    counts: {
      reports: data.reports.length,
      sections: data.reports.reduce((n, r) => n + r.sections.length, 0),
      chunks: data.chunks.length,
    },
    builtAt: new Date().toISOString(),
    seconds,
  };
  writeManifest(indexDir, manifest);
  removeOtherGenerations(indexDir, generation);
  return manifest;
}
