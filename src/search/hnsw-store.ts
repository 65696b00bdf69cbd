import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { Document } from "@langchain/core/documents";
import { VectorStore } from "@langchain/core/vectorstores";
import hnswlib from "hnswlib-node";
import { z } from "zod";
import { writeFileAtomic } from "./atomic-write.js";

/** Graph degree and build breadth: recall ≈ 1 on a few hundred thousand vectors while inserts stay cheap. */
export const HNSW_M = 16;
export const HNSW_EF_CONSTRUCTION = 100;
/** Search breadth; raised per query when k is larger. */
export const HNSW_EF_SEARCH = 64;
const INITIAL_CAPACITY = 1024;
/** Up to this many admitted points (by default), a filtered search scans them exactly instead of walking the graph. */
const EXACT_SEARCH_LIMIT = 4096;

export type DocumentFilter = (doc: Document) => boolean;

const DocstoreFile = z.object({
  dimensions: z.number().int().positive(),
  nextLabel: z.number().int().nonnegative(),
  docs: z.array(z.tuple([z.number().int(), z.string(), z.string(), z.record(z.string(), z.unknown())])),
});

/**
 * A LangChain VectorStore on hnswlib-node: cosine space, filter evaluated inside the graph search,
 * growth by resizing, replacement by id (old point marked deleted, its slot reused), save/load.
 */
export class HnswStore extends VectorStore {
  declare FilterType: DocumentFilter;

  private index: hnswlib.HierarchicalNSW | null = null;
  private dims: number | null = null;
  private readonly docs = new Map<number, Document>();
  private readonly labels = new Map<string, number>();
  private nextLabel = 0;

  private readonly exactSearchLimit: number;

  constructor(embeddings: EmbeddingsInterface, options: { exactSearchLimit?: number } = {}) {
    super(embeddings, options);
    this.exactSearchLimit = options.exactSearchLimit ?? EXACT_SEARCH_LIMIT;
  }

  _vectorstoreType(): string {
    return "hnswlib-node";
  }

  get size(): number {
    return this.docs.size;
  }

  async addDocuments(documents: Document[], options?: { ids?: string[] }): Promise<string[]> {
    const vectors = await this.embeddings.embedDocuments(documents.map((d) => d.pageContent));
    return this.addVectors(vectors, documents, options);
  }

  async addVectors(vectors: number[][], documents: Document[], options?: { ids?: string[] }): Promise<string[]> {
    const ids = options?.ids ?? documents.map((d, i) => d.id ?? `${this.nextLabel + i}`);
    if (vectors.length === 0) return [];
    const index = this.ensureIndex(vectors[0]!.length);
    const needed = this.docs.size + vectors.length;
    if (needed > index.getMaxElements()) index.resizeIndex(Math.max(needed, index.getMaxElements() * 2));
    vectors.forEach((vector, i) => {
      const id = ids[i]!;
      if (vector.length !== this.dims) throw new Error(`向量长度 ${vector.length} 与索引的 ${this.dims} 不一致（${id}）`);
      this.remove(id);
      const label = this.nextLabel++;
      index.addPoint(vector, label, true);
      const doc = documents[i]!;
      this.docs.set(label, new Document({ id, pageContent: doc.pageContent, metadata: doc.metadata }));
      this.labels.set(id, label);
    });
    return ids;
  }

  override async delete(params?: { ids?: string[] }): Promise<void> {
    for (const id of params?.ids ?? []) this.remove(id);
  }

  async similaritySearchVectorWithScore(query: number[], k: number, filter?: DocumentFilter): Promise<[Document, number][]> {
    if (!this.index || this.docs.size === 0) return [];
    if (filter) {
      const admitted: number[] = [];
      this.docs.forEach((doc, label) => {
        if (filter(doc)) admitted.push(label);
      });
      if (admitted.length <= this.exactSearchLimit) return this.exactSearch(query, k, admitted);
    }
    const wanted = Math.min(k, this.docs.size);
    this.index.setEf(Math.max(HNSW_EF_SEARCH, wanted));
    const accept = filter ? (label: number) => filter(this.docs.get(label)!) : undefined;
    const { neighbors, distances } = this.index.searchKnn(query, wanted, accept);
    return neighbors.map((label, i) => [this.docs.get(label)!, 1 - distances[i]!]);
  }

  /**
   * Cosine against each admitted point. A selective filter (one region's report) starves the graph
   * walk, which then visits most of the index; scanning the few admitted points is exact and faster.
   */
  private exactSearch(query: number[], k: number, labels: number[]): [Document, number][] {
    let norm = 0;
    for (const v of query) norm += v * v;
    norm = Math.sqrt(norm) || 1;
    return labels
      .map((label): [Document, number] => {
        const point = this.index!.getPoint(label);
        let dot = 0;
        let pointNorm = 0;
        for (let i = 0; i < point.length; i++) {
          dot += point[i]! * query[i]!;
          pointNorm += point[i]! * point[i]!;
        }
        return [this.docs.get(label)!, dot / (norm * (Math.sqrt(pointNorm) || 1))];
      })
      .sort((a, b) => b[1] - a[1])
      .slice(0, k);
  }

  /** Writes `<name>.hnsw` and `<name>.json` into dir, each atomically. */
  save(dir: string, name: string): void {
    if (!this.index || this.dims === null) throw new Error("向量索引为空，无法保存");
    const tmp = join(dir, `${name}.hnsw.tmp-${process.pid}`);
    this.index.writeIndexSync(tmp);
    writeFileAtomic(join(dir, `${name}.hnsw`), null, tmp);
    const docs = [...this.docs].map(([label, d]) => [label, d.id!, d.pageContent, d.metadata]);
    writeFileAtomic(join(dir, `${name}.json`), JSON.stringify({ dimensions: this.dims, nextLabel: this.nextLabel, docs }));
  }

  /** Reads a store written by save(); throws (with the file name) when it is missing or damaged. */
  static load(dir: string, name: string, embeddings: EmbeddingsInterface): HnswStore {
    const file = join(dir, `${name}.json`);
    const parsed = DocstoreFile.safeParse(JSON.parse(readFileSync(file, "utf8")));
    if (!parsed.success) throw new Error(`向量索引文件 ${file} 已损坏`);
    const store = new HnswStore(embeddings);
    const { dimensions, nextLabel, docs } = parsed.data;
    const index = new hnswlib.HierarchicalNSW("cosine", dimensions);
    index.readIndexSync(join(dir, `${name}.hnsw`), true);
    store.index = index;
    store.dims = dimensions;
    store.nextLabel = nextLabel;
    for (const [label, id, pageContent, metadata] of docs) {
      store.docs.set(label, new Document({ id, pageContent, metadata }));
      store.labels.set(id, label);
    }
    return store;
  }

  private ensureIndex(dimensions: number): hnswlib.HierarchicalNSW {
    if (this.index) return this.index;
    const index = new hnswlib.HierarchicalNSW("cosine", dimensions);
    index.initIndex({
      maxElements: INITIAL_CAPACITY,
      m: HNSW_M,
      efConstruction: HNSW_EF_CONSTRUCTION,
      randomSeed: 100,
      allowReplaceDeleted: true,
    });
    this.index = index;
    this.dims = dimensions;
    return index;
  }

  private remove(id: string): void {
    const label = this.labels.get(id);
    if (label === undefined) return;
    this.index!.markDelete(label);
    this.labels.delete(id);
    this.docs.delete(label);
  }
}
