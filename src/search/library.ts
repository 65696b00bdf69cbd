import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { createRequire } from "node:module";
import type { Config } from "../config.js";
import { assertCorpusDir } from "../corpus/load-corpus.js";
import type { Report, Section } from "../corpus/report.js";
import { UserError } from "../user-error.js";
import { createEmbeddings, type IndexEmbeddings } from "./embeddings.js";
import type { Catalog } from "./filters.js";
import { readGeneration } from "./index-files.js";
import { lockIndex, type LockOptions } from "./index-lock.js";
import { type IndexSummary, updateIndex } from "./index-update.js";
import type { WorkerInput, WorkerMessage } from "./index-worker.js";
import { IndexState, type SearchOptions, type SearchResult } from "./retrieval.js";
import { Segmenter } from "./segmenter.js";

export type { IndexSummary } from "./index-update.js";
export type { SearchHit, SearchResult } from "./retrieval.js";

/**
 * The library: the reports of a corpus folder, searchable through the index in an index folder. It
 * serves one IndexState at a time; an update builds the next one aside (in a worker thread once the
 * library is open) and swaps it in whole, so searches never see half an update.
 */
export interface Library {
  readonly reports: Report[];
  readonly catalog: Catalog;
  /** The segmenter the index was cut with; whatever segments questions uses it too. */
  readonly segmenter: Segmenter;
  /**
   * Without `filters` they are parsed from the query (a year no report of the named regions is about is
   * then dropped); given ones are used as they are. The result says which filters were applied.
   */
  search(query: string, opts?: SearchOptions): Promise<SearchResult>;
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
  /**
   * Stands in for the configured embedder (tests count its calls). An object cannot cross to a worker
   * thread, so updates then run on this thread.
   */
  embeddings?: IndexEmbeddings;
  /** How long to wait for another program that holds the index folder's lock (tests). */
  lockWaitMs?: number;
}

/** Opens the library at corpusDir, building or updating the index under indexDir first when needed. */
export async function openLibrary(opts: OpenLibraryOptions): Promise<Library> {
  await assertCorpusDir(opts.corpusDir);
  mkdirSync(opts.indexDir, { recursive: true });
  const segmenter = Segmenter.load();
  const embeddings = opts.embeddings ?? (await createEmbeddings(opts.config, opts.indexDir, segmenter));
  // Nothing is served yet, so the first update runs here, without a worker's start-up cost.
  const lock = await lockIndex(opts.indexDir, lockOptions(opts));
  try {
    const { data, manifest, summary } = await updateIndex({ ...opts, embeddings, segmenter });
    return new LiveLibrary(opts, segmenter, embeddings, new IndexState(data, segmenter), manifest.generation, summary);
  } finally {
    lock.release();
  }
}

function lockOptions(opts: OpenLibraryOptions): LockOptions {
  return {
    waitMs: opts.lockWaitMs,
    onWait: (holder) =>
      process.stderr.write(`索引目录 ${opts.indexDir} 正被${holder ? `进程 ${holder.pid}` : "另一个进程"}更新，等待其完成…\n`),
  };
}

class LiveLibrary implements Library {
  private running: Promise<IndexSummary> | null = null;

  constructor(
    private readonly opts: OpenLibraryOptions,
    readonly segmenter: Segmenter,
    private readonly embeddings: IndexEmbeddings,
    private state: IndexState,
    private generation: string,
    private last: IndexSummary,
  ) {}

  get reports(): Report[] {
    return this.state.reports;
  }

  get catalog(): Catalog {
    return this.state.catalog;
  }

  search(query: string, opts: SearchOptions = {}): Promise<SearchResult> {
    return this.state.search(query, opts, this.segmenter, this.embeddings);
  }

  section(id: string): Section | undefined {
    return this.state.sections.get(id);
  }

  report(id: string): Report | undefined {
    return this.state.reportsById.get(id);
  }

  summary(): IndexSummary {
    return this.last;
  }

  /** Concurrent callers share one run; searches meanwhile see the previous state, swapped at the end. */
  update(): Promise<IndexSummary> {
    this.running ??= this.runUpdate().finally(() => (this.running = null));
    return this.running;
  }

  private async runUpdate(): Promise<IndexSummary> {
    const { corpusDir, indexDir, config } = this.opts;
    const lock = await lockIndex(indexDir, lockOptions(this.opts));
    try {
      if (this.opts.embeddings) {
        const { data, manifest, summary } = await updateIndex({
          ...this.opts,
          rebuild: false,
          embeddings: this.embeddings,
          segmenter: this.segmenter,
        });
        this.swap(new IndexState(data, this.segmenter), manifest.generation);
        return (this.last = summary);
      }
      const { generation, summary } = await updateInWorker({ corpusDir, indexDir, config }, this.opts.onProgress);
      // Another program may have written the index since we loaded it, even when this update changed nothing.
      if (generation !== this.generation) {
        this.swap(new IndexState(readGeneration(indexDir, generation, this.embeddings), this.segmenter), generation);
      }
      return (this.last = summary);
    } finally {
      lock.release();
    }
  }

  private swap(state: IndexState, generation: string): void {
    this.state = state;
    this.generation = generation;
  }
}

/** Where the worker's code is: compiled JavaScript beside this file, or TypeScript run through tsx in development. */
function workerScript(): { script: string | URL; eval: boolean } {
  if (!import.meta.url.endsWith(".ts")) return { script: new URL("./index-worker.js", import.meta.url), eval: false };
  const entry = new URL("./index-worker.ts", import.meta.url).href;
  // tsx's ES module API, found through its package's export map (an eval'd worker resolves from the working directory).
  const tsxPackage = createRequire(import.meta.url).resolve("tsx/package.json");
  const { exports } = JSON.parse(readFileSync(tsxPackage, "utf8")) as {
    exports: Record<string, { import: { default: string } }>;
  };
  const api = pathToFileURL(join(dirname(tsxPackage), exports["./esm/api"]!.import.default)).href;
  return {
    script: `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`,
    eval: true,
  };
}

/** Runs one update in a worker thread; settles once the thread has ended, so its memory is free before the new index is loaded. */
function updateInWorker(
  input: WorkerInput,
  onProgress?: (done: number, total: number) => void,
): Promise<{ generation: string; summary: IndexSummary }> {
  const { script, eval: isEval } = workerScript();
  const worker = new Worker(script, { eval: isEval, workerData: input });
  return new Promise((resolve, reject) => {
    let outcome: { generation: string; summary: IndexSummary } | Error | null = null;
    worker.on("message", (message: WorkerMessage) => {
      if (message.type === "progress") return onProgress?.(message.done, message.total);
      outcome =
        message.type === "done"
          ? { generation: message.generation, summary: message.summary }
          : message.exitCode === null
            ? new Error(message.message)
            : new UserError(message.message, message.exitCode);
      // Its work is done: end it now rather than when its last handle (an HTTP keep-alive …) closes.
      void worker.terminate();
    });
    worker.on("error", (error) => (outcome ??= error));
    worker.on("exit", (code) => {
      if (outcome === null) reject(new Error(`索引更新线程意外退出（退出码 ${code}）`));
      else if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    });
  });
}
