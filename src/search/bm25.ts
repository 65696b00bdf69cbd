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

  /** `terms[i]` holds the terms of document i, space-separated, repeats included (the stored form). */
  constructor(terms: readonly string[]) {
    const building = new Map<string, { docs: number[]; tfs: number[] }>();
    this.lengths = new Float64Array(terms.length);
    let total = 0;
    const tf = new Map<string, number>();
    terms.forEach((joined, doc) => {
      const docTerms = joined === "" ? [] : joined.split(" ");
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
    for (const [term, list] of building)
      this.postings.set(term, { docs: Int32Array.from(list.docs), tfs: Uint16Array.from(list.tfs) });
    this.averageLength = terms.length > 0 ? total / terms.length || 1 : 1;
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
    return topK(touched, scores, k);
  }
}

/** The k best of `docs` by score (ties: lower doc first), via a size-k min-heap: no full sort of every match. */
function topK(docs: readonly number[], scores: Float64Array, k: number): Ranked[] {
  const heap: number[] = [];
  // a is worse than b: lower score, or equal score and later doc.
  const worse = (a: number, b: number) => scores[a]! < scores[b]! || (scores[a] === scores[b] && a > b);
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (const doc of docs) {
    if (heap.length < k) {
      heap.push(doc);
      for (let i = heap.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (!worse(heap[i]!, heap[parent]!)) break;
        [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
        i = parent;
      }
    } else if (k > 0 && worse(heap[0]!, doc)) {
      heap[0] = doc;
      siftDown(0);
    }
  }
  return heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0)).map((doc) => ({ doc, score: scores[doc]! }));
}
