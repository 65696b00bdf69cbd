import { createHash } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

const CacheLine = z.object({ k: z.string(), v: z.array(z.number()) });

/**
 * Remote embeddings kept on disk, keyed by model and text hash, so re-indexing never pays twice.
 * One append-only JSON-lines file per model: a crash can only tear the last line, which is skipped on read.
 */
export class EmbeddingCache {
  private readonly file: string;
  private entries: Map<string, number[]> | null = null;

  constructor(
    private readonly dir: string,
    private readonly model: string,
  ) {
    this.file = join(dir, `${model.replace(/[^\w.-]+/g, "_")}.jsonl`);
  }

  key(text: string): string {
    return createHash("sha256").update(this.model).update("\n").update(text).digest("hex").slice(0, 32);
  }

  get(key: string): number[] | undefined {
    return this.load().get(key);
  }

  putAll(items: Array<[key: string, vector: number[]]>): void {
    if (items.length === 0) return;
    const entries = this.load();
    mkdirSync(this.dir, { recursive: true });
    appendFileSync(this.file, items.map(([k, v]) => `${JSON.stringify({ k, v })}\n`).join(""));
    for (const [k, v] of items) entries.set(k, v);
  }

  private load(): Map<string, number[]> {
    if (this.entries) return this.entries;
    this.entries = new Map();
    if (existsSync(this.file)) {
      for (const line of readFileSync(this.file, "utf8").split("\n")) {
        if (line.trim() === "") continue;
        try {
          const entry = CacheLine.parse(JSON.parse(line));
          this.entries.set(entry.k, entry.v);
        } catch {
          // A torn last line from an interrupted run: that text is simply embedded again.
        }
      }
    }
    return this.entries;
  }
}
