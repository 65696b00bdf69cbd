import { createHash, randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { Document } from "@langchain/core/documents";
import type { Config } from "../config.js";
import {
  assertCorpusDir,
  CorpusFileError,
  listCorpusFiles,
  PARSER_VERSION,
  readReportFile,
  type SkippedFile,
} from "../corpus/load-corpus.js";
import type { Report, Section, SectionKind } from "../corpus/report.js";
import { Bm25Index } from "./bm25.js";
import { chunkReport } from "./chunk.js";
import { createEmbeddings, type IndexEmbeddings } from "./embeddings.js";
import { buildCatalog, type Catalog, type Filters, hasFilters, parseFilters, reportMatches, settleYears } from "./filters.js";
import { HnswStore } from "./hnsw-store.js";
import { fuseRankings } from "./hybrid.js";
import { type Generation, type IndexedChunk, readGeneration, removeOtherGenerations, writeGeneration } from "./index-files.js";
import { type CorpusFileEntry, INDEX_FORMAT, incompatibility, type Manifest, readManifest, writeManifest } from "./manifest.js";
import { expandQuery } from "../lexicon/wordings.js";
import { addWords, DICTIONARY_HASH, tokenize } from "./tokenizer.js";

/** One ranked section (DESIGN.md `search --json`); `text` is the best-matching chunk of it. */
export interface SearchHit {
  rank: number;
  score: number;
  chunkId: string;
  sectionId: string;
  reportId: string;
  region: string | null;
  year: number | null;
  title: string | null;
  path: string[];
  text: string;
}

export interface SearchResult {
  query: string;
  filters: Filters;
  results: SearchHit[];
}

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

export interface Library {
  readonly reports: Report[];
  readonly catalog: Catalog;
  /**
   * Without `filters` they are parsed from the query (a year no report of the named regions is about is
   * then dropped); given ones are used as they are. The result says which filters were applied.
   */
  search(query: string, opts?: { k?: number; filters?: Filters }): Promise<SearchResult>;
  /** Re-reads the corpus folder: only changed or added files are parsed and embedded, deleted ones dropped. */
  update(): Promise<IndexSummary>;
  summary(): IndexSummary;
  section(id: string): Section | undefined;
  report(id: string): Report | undefined;
}

export interface OpenLibraryOptions {
  corpusDir: string;
  indexDir: string;
  config: Config;
  /** Ignore the index on disk and build from scratch. */
  rebuild?: boolean;
  /** Called as chunks are embedded. */
  onProgress?: (done: number, total: number) => void;
  /** Stands in for the configured embedder (tests count its calls). */
  embeddings?: IndexEmbeddings;
}

/** Texts per embedding call while indexing. */
const EMBED_BATCH = 256;
/** Candidates taken from each ranking before fusion. */
const CANDIDATES = 50;
/**
 * Fusion weights, measured on test/eval/eval-set.json (58 single-report questions, evidence in top 5 /
 * MRR): BM25 alone 100% / 0.991, local vectors alone 100% / 0.914, 1:1 100% / 0.945, 1:0.5 100% / 0.991.
 * The vectors stay in as a tie-breaker and for wording the lexicon does not know.
 */
const BM25_WEIGHT = 1;
const VECTOR_WEIGHT = 0.5;

/** Section kinds said in words, so that 存在什么问题 / 下一步打算 find those parts whatever their headings say. */
const KIND_LABEL: Record<SectionKind, string> = {
  intro: "",
  measures: "",
  problems: "存在的问题 不足 ",
  plans: "下一步 工作计划 ",
  other: "",
};

/** Opens the library at corpusDir, building or updating the index under indexDir first when needed. */
export async function openLibrary(opts: OpenLibraryOptions): Promise<Library> {
  await assertCorpusDir(opts.corpusDir);
  mkdirSync(opts.indexDir, { recursive: true });
  const embeddings = opts.embeddings ?? (await createEmbeddings(opts.config, opts.indexDir));
  const library = new IndexedLibrary(opts.corpusDir, opts.indexDir, embeddings, opts.onProgress);
  if (!opts.rebuild) library.restore();
  await library.update();
  return library;
}

function notice(line: string): void {
  process.stderr.write(`${line}\n`);
}

function posixRelative(file: string, dir: string): string {
  return relative(dir, file).split(sep).join("/");
}

class IndexedLibrary implements Library {
  reports: Report[] = [];
  catalog: Catalog = buildCatalog([]);

  private files = new Map<string, CorpusFileEntry>();
  private chunks: IndexedChunk[] = [];
  private store: HnswStore;
  private manifest: Manifest | null = null;
  private unsaved = false;
  private running: Promise<IndexSummary> | null = null;
  private bm25 = new Bm25Index([]);
  private chunkPosition = new Map<string, number>();
  /** Position in `reports` of each chunk's report, for building filter masks quickly. */
  private chunkReport = new Int32Array(0);
  private sections = new Map<string, Section>();
  private reportsById = new Map<string, Report>();
  private last: IndexSummary;

  constructor(
    private readonly corpusDir: string,
    private readonly indexDir: string,
    private readonly embeddings: IndexEmbeddings,
    private readonly onProgress?: (done: number, total: number) => void,
  ) {
    this.store = new HnswStore(embeddings);
    this.last = this.summarize(0, { added: [], updated: [], removed: [], rebuilt: true });
  }

  /** Loads the index on disk when it is usable; otherwise says why (one line) and leaves it empty. */
  restore(): void {
    const manifest = readManifest(this.indexDir);
    if (manifest === null) return notice("未找到检索索引，正在建立…");
    if ("problem" in manifest) return notice(`检索索引无法使用（${manifest.problem}），正在重建…`);
    const reason = incompatibility(manifest, {
      parserVersion: PARSER_VERSION,
      dictionaryHash: DICTIONARY_HASH,
      embedderId: this.embeddings.id,
    });
    if (reason) return notice(`检索索引已过期（${reason}），正在重建…`);
    let generation: Generation;
    try {
      generation = readGeneration(this.indexDir, manifest.generation, this.embeddings);
    } catch (error) {
      return notice(`检索索引文件无法读取（${error instanceof Error ? error.message : String(error)}），正在重建…`);
    }
    this.manifest = manifest;
    this.files = new Map(Object.entries(manifest.files));
    // The corpus folder may be given by another path than at build time.
    const sourceOf = new Map([...this.files].map(([rel, entry]) => [entry.reportId, join(this.corpusDir, rel)]));
    for (const report of generation.reports) report.source = sourceOf.get(report.id) ?? report.source;
    this.reports = generation.reports;
    this.chunks = generation.chunks;
    this.store = generation.store;
    this.derive();
  }

  /** Concurrent callers share one run; searches meanwhile see the previous state, swapped at the end. */
  update(): Promise<IndexSummary> {
    this.running ??= this.runUpdate().finally(() => (this.running = null));
    return this.running;
  }

  private async runUpdate(): Promise<IndexSummary> {
    const started = performance.now();
    const rebuilt = this.manifest === null;
    const onDisk = new Map<string, string>();
    for (const file of await listCorpusFiles(this.corpusDir)) onDisk.set(posixRelative(file, this.corpusDir), file);

    const hashes = new Map<string, string>();
    const added: string[] = [];
    const updated: string[] = [];
    for (const [rel, file] of onDisk) {
      const hash = createHash("sha256").update(await readFile(file)).digest("hex");
      hashes.set(rel, hash);
      const known = this.files.get(rel);
      if (!known) added.push(rel);
      else if (known.hash !== hash) updated.push(rel);
    }
    const removed = [...this.files.keys()].filter((rel) => !onDisk.has(rel));
    if (!rebuilt && !this.unsaved && added.length + updated.length + removed.length === 0) {
      this.last = this.summarize(this.manifest?.seconds ?? 0, { added, updated, removed, rebuilt });
      return this.last;
    }

    // The new file table is built aside and taken only once embedding has succeeded: if it fails
    // (an unreachable embedding service), the next update still sees these files as changed.
    const files = new Map(this.files);
    const dropped = new Set<string>();
    for (const rel of [...updated, ...removed]) {
      const reportId = files.get(rel)?.reportId;
      if (reportId) dropped.add(reportId);
      files.delete(rel);
    }
    const fresh: Report[] = [];
    for (const rel of [...added, ...updated].sort()) {
      const entry: CorpusFileEntry = { hash: hashes.get(rel)!, reportId: null, skipped: null };
      try {
        const report = await readReportFile(onDisk.get(rel)!, this.corpusDir);
        entry.reportId = report.id;
        fresh.push(report);
      } catch (error) {
        if (!(error instanceof CorpusFileError)) throw error;
        entry.skipped = error.reason;
        notice(`跳过文件 ${error.file}：${error.reason}`);
      }
      files.set(rel, entry);
    }

    const reports = [...this.reports.filter((r) => !dropped.has(r.id)), ...fresh].sort((a, b) =>
      a.source < b.source ? -1 : a.source > b.source ? 1 : 0,
    );
    // Region names join the dictionary before the new chunks are cut into terms.
    addWords(buildCatalog(reports).aliases.map((a) => a.alias));
    await this.store.delete({ ids: this.chunks.filter((c) => dropped.has(c.reportId)).map((c) => c.id) });
    const embedded = await this.embed(fresh);
    // From here until persist() succeeds, memory is ahead of the disk (a failed write is retried next update).
    this.unsaved = true;
    this.files = files;
    this.reports = reports;
    this.chunks = [...this.chunks.filter((c) => !dropped.has(c.reportId)), ...embedded];
    this.derive();

    const seconds = (performance.now() - started) / 1000;
    this.persist(seconds);
    this.last = this.summarize(seconds, { added, updated, removed, rebuilt });
    return this.last;
  }

  summary(): IndexSummary {
    return this.last;
  }

  section(id: string): Section | undefined {
    return this.sections.get(id);
  }

  report(id: string): Report | undefined {
    return this.reportsById.get(id);
  }

  async search(query: string, opts: { k?: number; filters?: Filters } = {}): Promise<SearchResult> {
    const k = opts.k ?? 5;
    const filters = opts.filters ?? settleYears(query, parseFilters(query, this.catalog), this.reports);
    const result: SearchResult = { query, filters, results: [] };
    if (query.trim() === "" || this.chunks.length === 0) return result;

    let mask: Uint8Array | null = null;
    let admittedIds: Set<unknown> | null = null;
    if (hasFilters(filters)) {
      const admitted = Uint8Array.from(this.reports, (r) => (reportMatches(r, filters) ? 1 : 0));
      if (!admitted.includes(1)) return result;
      mask = new Uint8Array(this.chunks.length);
      for (let i = 0; i < mask.length; i++) mask[i] = admitted[this.chunkReport[i]!]!;
      admittedIds = new Set(this.reports.filter((_, i) => admitted[i]).map((r) => r.id));
    }
    const candidates = Math.max(CANDIDATES, k * 4);
    const expanded = expandQuery(this.withoutFilteredNames(query, filters));
    const lexical = this.bm25.search(tokenize(expanded), candidates, mask).map((r) => this.chunks[r.doc]!.id);
    // The same filter inside the vector search, by the report id every vector's metadata carries
    // (a set lookup: tens of thousands of calls per query must stay cheap).
    const inAdmitted = admittedIds;
    const vector = await this.store.similaritySearchVectorWithScore(
      await this.embeddings.embedQuery(expanded),
      candidates,
      inAdmitted ? (doc) => inAdmitted.has(doc.metadata.reportId) : undefined,
    );
    const fused = fuseRankings([
      { ids: lexical, weight: BM25_WEIGHT },
      { ids: vector.map(([doc]) => doc.id!), weight: VECTOR_WEIGHT },
    ]);

    // One hit per section: its best chunk stands for it.
    const seen = new Set<string>();
    for (const { id, score } of fused) {
      const position = this.chunkPosition.get(id);
      // A vector added by an update still in progress: its chunk is not searchable yet.
      if (position === undefined) continue;
      const chunk = this.chunks[position]!;
      if (seen.has(chunk.sectionId)) continue;
      seen.add(chunk.sectionId);
      const report = this.reportsById.get(chunk.reportId)!;
      const section = this.sections.get(chunk.sectionId)!;
      result.results.push({
        rank: result.results.length + 1,
        score: Number(score.toFixed(6)),
        chunkId: chunk.id,
        sectionId: chunk.sectionId,
        reportId: chunk.reportId,
        region: report.region,
        year: report.year,
        title: report.title,
        path: section.path,
        text: report.text.slice(chunk.start, chunk.end),
      });
      if (result.results.length === k) break;
    }
    return result;
  }

  /**
   * The query minus the names of the regions it is filtered to: every allowed chunk is about them
   * already, so the names would only favour chunks that happen to repeat them.
   */
  private withoutFilteredNames(query: string, filters: Filters): string {
    let text = query.normalize("NFKC");
    for (const { alias, regions } of this.catalog.aliases) {
      if (regions.every((r) => filters.regions.includes(r))) text = text.split(alias).join(" ");
    }
    return text;
  }

  /** Chunks, tokenizes and embeds new reports in batches, adding them to the vector store; returns their chunks. */
  private async embed(reports: Report[]): Promise<IndexedChunk[]> {
    const chunks: IndexedChunk[] = [];
    const planned = reports.flatMap((report) => {
      const sections = new Map(report.sections.map((s) => [s.id, s]));
      return chunkReport(report).map((chunk) => ({ chunk, report, section: sections.get(chunk.sectionId)! }));
    });
    // Batch by batch, so the terms cut for BM25 are still in the tokenizer's memory when the local embedder asks.
    for (let from = 0; from < planned.length; from += EMBED_BATCH) {
      const batch = planned.slice(from, from + EMBED_BATCH).map(({ chunk, report, section }) => {
        const text = report.text.slice(chunk.start, chunk.end);
        // The heading chain belongs to every window of a section: it says what the text is about.
        const indexText = `${KIND_LABEL[section.kind]}${section.path.join(" ")}\n${text}`;
        // The report's metadata travels with every vector, so the store is self-describing for LangChain callers.
        const metadata = {
          sectionId: chunk.sectionId,
          reportId: chunk.reportId,
          region: report.region,
          year: report.year,
          issuer: report.issuer,
        };
        return { chunk: { ...chunk, terms: tokenize(indexText).join(" ") }, text, indexText, metadata };
      });
      const vectors = await this.embeddings.embedDocuments(batch.map((p) => p.indexText));
      const docs = batch.map(
        (p) => new Document({ id: p.chunk.id, pageContent: p.text, metadata: p.metadata }),
      );
      await this.store.addVectors(vectors, docs, { ids: batch.map((p) => p.chunk.id) });
      chunks.push(...batch.map((p) => p.chunk));
      this.onProgress?.(from + batch.length, planned.length);
    }
    return chunks;
  }

  /** Lookups and the BM25 index follow from reports and chunks. */
  private derive(): void {
    this.catalog = buildCatalog(this.reports);
    addWords(this.catalog.aliases.map((a) => a.alias));
    this.reportsById = new Map(this.reports.map((r) => [r.id, r]));
    this.sections = new Map(this.reports.flatMap((r) => r.sections.map((s) => [s.id, s] as const)));
    this.chunkPosition = new Map(this.chunks.map((c, i) => [c.id, i]));
    const reportPosition = new Map(this.reports.map((r, i) => [r.id, i]));
    this.chunkReport = Int32Array.from(this.chunks, (c) => reportPosition.get(c.reportId)!);
    this.bm25 = new Bm25Index(this.chunks.map((c) => c.terms));
  }

  /** New generation files first, then the manifest that points to them, then the old files go. */
  private persist(seconds: number): void {
    const generation = `${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
    writeGeneration(this.indexDir, generation, { reports: this.reports, chunks: this.chunks, store: this.store });
    const manifest: Manifest = {
      format: INDEX_FORMAT,
      generation,
      parserVersion: PARSER_VERSION,
      dictionaryHash: DICTIONARY_HASH,
      // A remote embedder knows its dimensions only once it has answered; an update may embed nothing.
      embedder: { id: this.embeddings.id, dimensions: this.embeddings.dimensions ?? this.manifest?.embedder.dimensions ?? null },
      files: Object.fromEntries([...this.files].sort(([a], [b]) => (a < b ? -1 : 1))),
      counts: { reports: this.reports.length, sections: this.sectionCount(), chunks: this.chunks.length },
      builtAt: new Date().toISOString(),
      seconds,
    };
    writeManifest(this.indexDir, manifest);
    this.manifest = manifest;
    this.unsaved = false;
    removeOtherGenerations(this.indexDir, generation);
  }

  private sectionCount(): number {
    return this.reports.reduce((n, r) => n + r.sections.length, 0);
  }

  private summarize(
    seconds: number,
    changes: Pick<IndexSummary, "added" | "updated" | "removed" | "rebuilt">,
  ): IndexSummary {
    return {
      reports: this.reports.length,
      sections: this.sectionCount(),
      chunks: this.chunks.length,
      seconds: Number(seconds.toFixed(3)),
      embedder: this.embeddings.id,
      builtAt: this.manifest?.builtAt ?? null,
      ...changes,
      skipped: [...this.files].flatMap(([rel, e]) => (e.skipped ? [{ file: join(this.corpusDir, rel), reason: e.skipped }] : [])),
    };
  }
}
