import { join } from "node:path";
import { Document } from "@langchain/core/documents";
import type { SkippedFile } from "../corpus/load-corpus.js";
import type { Report } from "../corpus/report.js";
import { chunkReport } from "./chunk.js";
import { syncCorpus } from "./corpus-sync.js";
import type { IndexEmbeddings } from "./embeddings.js";
import { buildCatalog } from "./filters.js";
import { HnswStore } from "./hnsw-store.js";
import type { Generation, IndexedChunk } from "./index-files.js";
import { persistIndex, restoreIndex } from "./index-storage.js";
import type { CorpusFileEntry, Manifest } from "./manifest.js";
import type { Segmenter } from "./segmenter.js";
import { KIND_SEARCH_LABEL } from "../lexicon/section-kinds.js";

/**
 * One index update, start to finish: the index on disk (unless rebuilding), the corpus changes since,
 * the new and changed reports chunked, cut into terms and embedded, and a new generation written. It
 * owns everything it works on, so it runs the same on the main thread (opening) or in a worker
 * (updates while the library serves), and whoever started it takes the result as a whole.
 */

export interface IndexSummary {
  reports: number;
  sections: number;
  chunks: number;
  /** Time the last build or update took. */
  seconds: number;
  /** e.g. local-hash-v1/384, openai:text-embedding-3-small */
  embedder: string;
  /** ISO time of the index on disk. */
  builtAt: string | null;
  /** Corpus files (relative paths) read in the last update, by what happened to them. */
  added: string[];
  updated: string[];
  removed: string[];
  skipped: SkippedFile[];
  /** Whether the last update started from an empty index (first build, --rebuild, or an unusable index). */
  rebuilt: boolean;
}

export interface UpdateOptions {
  corpusDir: string;
  indexDir: string;
  embeddings: IndexEmbeddings;
  segmenter: Segmenter;
  /** Ignore the index on disk and build from scratch. */
  rebuild?: boolean;
  /** Called as chunks are embedded. */
  onProgress?: (done: number, total: number) => void;
}

export interface UpdateResult {
  data: Generation;
  /** The manifest now on disk; its generation names the files of `data`. */
  manifest: Manifest;
  summary: IndexSummary;
}

/** Texts per embedding call while indexing. */
const EMBED_BATCH = 256;

export async function updateIndex(opts: UpdateOptions): Promise<UpdateResult> {
  const started = performance.now();
  const { corpusDir, indexDir, embeddings, segmenter } = opts;
  let previous: Manifest | null = null;
  let data: Generation = { reports: [], chunks: [], store: new HnswStore(embeddings) };
  if (!opts.rebuild) {
    const restored = restoreIndex(indexDir, corpusDir, embeddings);
    if ("problem" in restored) process.stderr.write(`${restored.problem}\n`);
    else ({ manifest: previous, data } = restored);
  }
  const changes = await syncCorpus(corpusDir, new Map(Object.entries(previous?.files ?? {})));
  const { added, updated, removed } = changes;
  const rebuilt = previous === null;
  const summarize = (manifest: Manifest, seconds: number): IndexSummary => ({
    reports: manifest.counts.reports,
    sections: manifest.counts.sections,
    chunks: manifest.counts.chunks,
    seconds: Number(seconds.toFixed(3)),
    embedder: embeddings.id,
    builtAt: manifest.builtAt,
    added,
    updated,
    removed,
    skipped: skippedFiles(corpusDir, changes.files),
    rebuilt,
  });
  if (previous && added.length + updated.length + removed.length === 0) {
    return { data, manifest: previous, summary: summarize(previous, previous.seconds) };
  }

  const reports = [...data.reports.filter((r) => !changes.dropped.has(r.id)), ...changes.fresh].sort((a, b) =>
    a.source < b.source ? -1 : a.source > b.source ? 1 : 0,
  );
  // Region names join the dictionary before the new chunks are cut into terms.
  segmenter.addWords(buildCatalog(reports).aliases.map((a) => a.alias));
  await data.store.delete({ ids: data.chunks.filter((c) => changes.dropped.has(c.reportId)).map((c) => c.id) });
  const embedded = await embedReports(changes.fresh, data.store, opts);
  const next: Generation = {
    reports,
    chunks: [...data.chunks.filter((c) => !changes.dropped.has(c.reportId)), ...embedded],
    store: data.store,
  };
  const seconds = (performance.now() - started) / 1000;
  const manifest = persistIndex(indexDir, next, changes.files, embeddings, previous, seconds);
  return { data: next, manifest, summary: summarize(manifest, seconds) };
}

function skippedFiles(corpusDir: string, files: ReadonlyMap<string, CorpusFileEntry>): SkippedFile[] {
  return [...files].flatMap(([rel, e]) => (e.skipped ? [{ file: join(corpusDir, rel), reason: e.skipped }] : []));
}

/** Chunks, tokenizes and embeds new reports in batches, adding them to the vector store; returns their chunks. */
async function embedReports(reports: Report[], store: HnswStore, opts: UpdateOptions): Promise<IndexedChunk[]> {
  const { embeddings, segmenter, onProgress } = opts;
  const chunks: IndexedChunk[] = [];
  const planned = reports.flatMap((report) => {
    const sections = new Map(report.sections.map((s) => [s.id, s]));
    return chunkReport(report).map((chunk) => ({ chunk, report, section: sections.get(chunk.sectionId)! }));
  });
  // Batch by batch, so the terms cut for BM25 are still in the segmenter's cache when the local embedder asks.
  for (let from = 0; from < planned.length; from += EMBED_BATCH) {
    const batch = planned.slice(from, from + EMBED_BATCH).map(({ chunk, report, section }) => {
      const text = report.text.slice(chunk.start, chunk.end);
      // The heading chain belongs to every window of a section: it says what the text is about.
      const indexText = `${KIND_SEARCH_LABEL[section.kind]}${section.path.join(" ")}\n${text}`;
      // The report's metadata travels with every vector, so the store is self-describing for LangChain callers.
      const metadata = {
        sectionId: chunk.sectionId,
        reportId: chunk.reportId,
        region: report.region,
        year: report.year,
        issuer: report.issuer,
      };
      return { chunk: { ...chunk, terms: segmenter.tokenize(indexText).join(" ") }, text, indexText, metadata };
    });
    const vectors = await embeddings.embedDocuments(batch.map((p) => p.indexText));
    const docs = batch.map((p) => new Document({ id: p.chunk.id, pageContent: p.text, metadata: p.metadata }));
    await store.addVectors(vectors, docs, { ids: batch.map((p) => p.chunk.id) });
    chunks.push(...batch.map((p) => p.chunk));
    onProgress?.(from + batch.length, planned.length);
  }
  return chunks;
}
