import { IndexEmbeddings } from "./embeddings.js";
import { normalize, type Segmenter } from "./segmenter.js";

const DIMENSIONS = 384;
/** Word features weigh more than character pairs: they carry the domain terms and whole figures. */
const WORD_WEIGHT = 1;
const LONG_WORD_WEIGHT = 1.6;
const BIGRAM_WEIGHT = 0.5;
const WORD_SEED = 0x811c9dc5;
const BIGRAM_SEED = 0x01000193;

function isHan(code: number): boolean {
  return code >= 0x3400 && code <= 0x9fff;
}

function hashString(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function hashPair(a: number, b: number): number {
  return Math.imul(Math.imul(BIGRAM_SEED ^ a, 0x01000193) ^ b, 0x01000193) >>> 0;
}

/**
 * Offline embeddings: jieba words and Han character bigrams hashed into a fixed-length signed vector
 * with sublinear term frequency, L2-normalised. No network, no model file; stable across corpora
 * (no corpus statistics), so unchanged chunks never need re-embedding.
 */
export class LocalHashEmbeddings extends IndexEmbeddings {
  readonly id = `local-hash-v1/${DIMENSIONS}`;

  constructor(private readonly segmenter: Segmenter) {
    super({});
  }

  get dimensions(): number {
    return DIMENSIONS;
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((text) => this.embed(text));
  }

  async embedQuery(document: string): Promise<number[]> {
    return this.embed(document);
  }

  private embed(text: string): number[] {
    // Feature hash → [count, weight]; counts first so that term frequency can be dampened.
    const counts = new Map<number, number>();
    const weights = new Map<number, number>();
    const add = (hash: number, weight: number) => {
      counts.set(hash, (counts.get(hash) ?? 0) + 1);
      weights.set(hash, weight);
    };
    for (const word of this.segmenter.tokenize(text))
      add(hashString(word, WORD_SEED), word.length >= 3 ? LONG_WORD_WEIGHT : WORD_WEIGHT);
    const chars = normalize(text);
    for (let i = 0; i + 1 < chars.length; i++) {
      const a = chars.charCodeAt(i);
      const b = chars.charCodeAt(i + 1);
      if (isHan(a) && isHan(b)) add(hashPair(a, b), BIGRAM_WEIGHT);
    }
    const vector = new Float64Array(DIMENSIONS);
    for (const [hash, count] of counts) {
      const sign = hash & 0x80000000 ? -1 : 1;
      vector[hash % DIMENSIONS]! += sign * (1 + Math.log(count)) * weights.get(hash)!;
    }
    let norm = 0;
    for (const v of vector) norm += v * v;
    norm = Math.sqrt(norm) || 1;
    return Array.from(vector, (v) => v / norm);
  }
}
