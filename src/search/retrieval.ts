import type { Report, Section } from "../corpus/report.js";
import { Bm25Index } from "./bm25.js";
import type { IndexEmbeddings } from "./embeddings.js";
import { buildCatalog, type Catalog, type Filters, hasFilters, parseFilters, reportMatches, settledFilters } from "./filters.js";
import type { HnswStore } from "./hnsw-store.js";
import { fuseRankings } from "./hybrid.js";
import type { Generation, IndexedChunk } from "./index-files.js";
import type { Segmenter } from "./segmenter.js";
import { expandQuery } from "../lexicon/wordings.js";

/**
 * Hybrid retrieval over one loaded index: BM25 over jieba terms and HNSW vectors, fused, filtered by
 * region/year/issuer inside both searches. An IndexState never changes once built: an update builds a
 * new one and the library swaps it in, so a search that is under way finishes on the state it began with.
 */

/** One ranked section (`search --json`); `text` is the best-matching chunk of it. */
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

export interface SearchOptions {
  k?: number;
  /** Without them, filters are parsed from the query (a year no report of the named regions is about is dropped). */
  filters?: Filters;
}

/** Candidates taken from each ranking before fusion. */
const CANDIDATES = 50;
/**
 * Fusion weights, measured on test/eval/eval-set.json (58 single-report questions, evidence in top 5 /
 * MRR): BM25 alone 100% / 0.991, local vectors alone 100% / 0.914, 1:1 100% / 0.945, 1:0.5 100% / 0.991.
 * The vectors stay in as a tie-breaker and for wording the lexicon does not know.
 */
const BM25_WEIGHT = 1;
const VECTOR_WEIGHT = 0.5;

export class IndexState {
  readonly catalog: Catalog;
  readonly reportsById: ReadonlyMap<string, Report>;
  readonly sections: ReadonlyMap<string, Section>;
  private readonly chunkPosition: ReadonlyMap<string, number>;
  /** Position in `reports` of each chunk's report, for building filter masks quickly. */
  private readonly chunkReport: Int32Array;
  private readonly bm25: Bm25Index;

  readonly reports: Report[];
  private readonly chunks: IndexedChunk[];
  private readonly store: HnswStore;

  /** Lookups and the BM25 index follow from reports and chunks; the region names join the segmenter's words. */
  constructor(data: Generation, segmenter: Segmenter) {
    ({ reports: this.reports, chunks: this.chunks, store: this.store } = data);
    this.catalog = buildCatalog(this.reports);
    segmenter.addWords(this.catalog.aliases.map((a) => a.alias));
    this.reportsById = new Map(this.reports.map((r) => [r.id, r]));
    this.sections = new Map(this.reports.flatMap((r) => r.sections.map((s) => [s.id, s] as const)));
    this.chunkPosition = new Map(this.chunks.map((c, i) => [c.id, i]));
    const reportPosition = new Map(this.reports.map((r, i) => [r.id, i]));
    this.chunkReport = Int32Array.from(this.chunks, (c) => reportPosition.get(c.reportId)!);
    this.bm25 = new Bm25Index(this.chunks.map((c) => c.terms));
  }

  get chunkCount(): number {
    return this.chunks.length;
  }

  get sectionCount(): number {
    return this.sections.size;
  }

  async search(query: string, opts: SearchOptions, segmenter: Segmenter, embeddings: IndexEmbeddings): Promise<SearchResult> {
    const k = opts.k ?? 5;
    const filters = opts.filters ?? settledFilters(query, parseFilters(query, this.catalog), this.reports);
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
    const lexical = this.bm25.search(segmenter.tokenize(expanded), candidates, mask).map((r) => this.chunks[r.doc]!.id);
    // The same filter inside the vector search, by the report id every vector's metadata carries
    // (a set lookup: tens of thousands of calls per query must stay cheap).
    const inAdmitted = admittedIds;
    const vector = await this.store.similaritySearchVectorWithScore(
      await embeddings.embedQuery(expanded),
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
      const chunk = this.chunks[this.chunkPosition.get(id)!]!;
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
}
