/** Okapi BM25 over the chunks' jieba terms, with the filter applied while scoring. */

const K1 = 1.2;
const B = 0.75;

interface Postings {
  docs: Int32Array;
  tfs: Uint16Array;
}

export interface Ranked {
  /** Position of the document in the list the index was built from. */
  doc: number;
  score: number;
}

export class Bm25Index {
  private readonly postings = new Map<string, Postings>();
  private readonly lengths: Float64Array;
  private readonly averageLength: number;

  /** `terms[i]` are the terms of document i, repeats included. */
  constructor(terms: ReadonlyArray<readonly string[]>) {
    const building = new Map<string, { docs: number[]; tfs: number[] }>();
    this.lengths = new Float64Array(terms.length);
    let total = 0;
    const tf = new Map<string, number>();
    terms.forEach((docTerms, doc) => {
      tf.clear();
      for (const term of docTerms) tf.set(term, (tf.get(term) ?? 0) + 1);
      for (const [term, count] of tf) {
        let list = building.get(term);
        if (!list) building.set(term, (list = { docs: [], tfs: [] }));
        list.docs.push(doc);
        list.tfs.push(Math.min(count, 0xffff));
      }
      this.lengths[doc] = docTerms.length;
      total += docTerms.length;
    });
    for (const [term, list] of building) this.postings.set(term, { docs: Int32Array.from(list.docs), tfs: Uint16Array.from(list.tfs) });
    this.averageLength = terms.length > 0 ? total / terms.length || 1 : 1;
  }

  get size(): number {
    return this.lengths.length;
  }

  /** The k best documents for the query terms among those `allowed` admits (all when null). */
  search(queryTerms: readonly string[], k: number, allowed: Uint8Array | null): Ranked[] {
    const n = this.lengths.length;
    const scores = new Float64Array(n);
    const touched: number[] = [];
    for (const term of new Set(queryTerms)) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = Math.log(1 + (n - list.docs.length + 0.5) / (list.docs.length + 0.5));
      for (let i = 0; i < list.docs.length; i++) {
        const doc = list.docs[i]!;
        if (allowed && allowed[doc] === 0) continue;
        const f = list.tfs[i]!;
        const norm = f + K1 * (1 - B + (B * this.lengths[doc]!) / this.averageLength);
        if (scores[doc] === 0) touched.push(doc);
        scores[doc]! += (idf * f * (K1 + 1)) / norm;
      }
    }
    return touched
      .map((doc) => ({ doc, score: scores[doc]! }))
      .sort((a, b) => b.score - a.score || a.doc - b.doc)
      .slice(0, k);
  }
}
