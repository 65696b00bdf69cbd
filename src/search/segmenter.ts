import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type * as nodejieba from "nodejieba";

/**
 * The jieba segmenter with the domain dictionary, and the index/query terms made with it: jieba
 * search-mode segmentation, numbers kept whole with their units (jieba would cut 925.1756万元 into
 * single digits), stop words dropped.
 *
 * One instance is created where a program starts (openLibrary) and passed to whatever segments text,
 * so that every part cuts words the same way. nodejieba keeps one native dictionary per thread; words
 * added through any instance land there, so each instance checks the dictionary's version before
 * trusting its cache of recent results.
 */

type Jieba = typeof nodejieba;

const DICT_FILE = new URL("./domain-dict.txt", import.meta.url);
/**
 * jieba also loads a 6 MB IDF table and a stop-word list for keyword extraction, which we never use;
 * a one-line stand-in for both saves ~15% of the start-up load.
 */
const EXTRACTOR_STUB = new URL("./jieba-extractor-stub.utf8", import.meta.url);
/** Bump when the way terms are produced changes: the index manifest records it via DICTIONARY_HASH. */
const TOKENIZER_VERSION = "3";

/** A number with an optional magnitude, "余" and unit: 2023年, 70件, 100%, 925.1756万元, 960余人次. */
const NUMBER =
  /\d+(?:\.\d+)?(?:[万亿])?余?(?:人次|场次|批次|万元|亿元|元|年|月|日|件|宗|人|名|次|场|项|个|户|家|条|份|张|起|卷|期|倍|部|%)?/g;
const DIGIT = /\d/;
const NOISE = /^[\p{P}\p{S}\s]*$/u;

const STOP_WORDS = new Set(
  (
    "的 了 和 与 及 以及 或 等 在 是 对 为 将 把 被 由 从 向 于 以 之 其 这 那 该 各 每 也 都 又 还 就 并 而 且 " +
    "有 无 个 中 上 下 内 后 前 我 我们 你 你们 他 他们 她 它 区 年 月 日 " +
    "多少 几 几个 几起 哪些 哪个 什么 怎么 怎样 如何 是否 吗 呢 吧 啊 呀 请 请问 一下 有没有 情况 方面 " +
    "进行 开展 工作 相关 有关 通过 按照 根据 进一步 不断 持续 全面 加强 推进"
  ).split(" "),
);

/** The domain dictionary and tokenizer version, hashed: a change invalidates every stored term list. */
export const DICTIONARY_HASH = createHash("sha256")
  .update(TOKENIZER_VERSION)
  .update(readFileSync(DICT_FILE))
  .update([...STOP_WORDS].join(" "))
  .digest("hex")
  .slice(0, 16);

/** Results cached per instance: indexing cuts each chunk twice (BM25 terms, then the local embedder). */
const RECENT_LIMIT = 2048;

/** The thread's native dictionary: words it holds and a version bumped whenever one is added. */
interface Dictionary {
  jieba: Jieba;
  words: Set<string>;
  version: number;
}
const dictionaries = new WeakMap<Jieba, Dictionary>();

function loadDictionary(): Dictionary {
  const jieba = createRequire(import.meta.url)("nodejieba") as Jieba;
  let dictionary = dictionaries.get(jieba);
  if (!dictionary) {
    // fileURLToPath, not URL.pathname: an install path with spaces or Chinese characters stays readable.
    const stub = fileURLToPath(EXTRACTOR_STUB);
    jieba.load({ userDict: fileURLToPath(DICT_FILE), idfDict: stub, stopWordDict: stub });
    dictionary = { jieba, words: new Set(), version: 0 };
    dictionaries.set(jieba, dictionary);
  }
  return dictionary;
}

/** Normalises width and spelling variants so index and query agree (，→, ；双随机,一公开 → 双随机、一公开). */
export function normalize(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/双随机\s*[,、]?\s*一公开/g, "双随机、一公开");
}

export class Segmenter {
  private readonly recent = new Map<string, readonly string[]>();
  private cachedVersion: number;

  private constructor(private readonly dictionary: Dictionary) {
    this.cachedVersion = dictionary.version;
  }

  /** Loads jieba with the domain dictionary in this thread (about a second the first time). */
  static load(): Segmenter {
    return new Segmenter(loadDictionary());
  }

  /** Plain jieba words (precise mode). */
  cut(text: string): string[] {
    return this.dictionary.jieba.cut(text);
  }

  /** Words of at most `max` characters (基层法治 → 基层, 法治): how a long word is made up. */
  cutSmall(text: string, max: number): string[] {
    return this.dictionary.jieba.cutSmall(text, max);
  }

  /** Words with their part-of-speech tags (ns = place name). */
  tag(text: string): Array<{ word: string; tag: string }> {
    return this.dictionary.jieba.tag(text);
  }

  /** Adds words (region names found in the corpus) to the dictionary; cheap to repeat. */
  addWords(words: Iterable<string>): void {
    const dictionary = this.dictionary;
    for (const word of words) {
      if (word.length < 2 || dictionary.words.has(word)) continue;
      dictionary.words.add(word);
      dictionary.jieba.insertWord(word);
      dictionary.version++;
    }
  }

  /** Index/query terms of a text, in order, with repeats (term frequency matters to BM25). Do not mutate. */
  tokenize(text: string): readonly string[] {
    if (this.cachedVersion !== this.dictionary.version) {
      // A word added since: earlier results may cut it apart.
      this.recent.clear();
      this.cachedVersion = this.dictionary.version;
    }
    let terms = this.recent.get(text);
    if (!terms) {
      terms = this.terms(text);
      if (this.recent.size >= RECENT_LIMIT) this.recent.delete(this.recent.keys().next().value!);
      this.recent.set(text, terms);
    }
    return terms;
  }

  private terms(text: string): string[] {
    const jieba = this.dictionary.jieba;
    const normalized = normalize(text);
    const out: string[] = [];
    let last = 0;
    for (const match of normalized.matchAll(NUMBER)) {
      const at = match.index;
      if (at > last) pushWords(out, jieba.cutForSearch(normalized.slice(last, at)));
      // "960余人次" and "960人次" should meet; a bare year-like number stays as is.
      out.push(match[0].replace("余", ""));
      last = at + match[0].length;
    }
    if (last < normalized.length) pushWords(out, jieba.cutForSearch(normalized.slice(last)));
    return out;
  }
}

function pushWords(out: string[], words: string[]): void {
  for (const word of words) {
    if (word.length === 0 || STOP_WORDS.has(word) || NOISE.test(word) || DIGIT.test(word)) continue;
    out.push(word);
  }
}
