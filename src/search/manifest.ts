import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { writeFileAtomic } from "./atomic-write.js";

/**
 * The one file that says what the index folder holds. It is written last, after every data file of
 * its generation is in place, so whatever it points to is complete.
 */

export const MANIFEST_FILE = "manifest.json";
/** Bump when the layout of the index files changes. */
export const INDEX_FORMAT = 2;

const CorpusFileEntry = z.object({
  /** sha256 of the file's bytes. */
  hash: z.string(),
  reportId: z.string().nullable(),
  /** Why the file holds no report (Chinese), or null. */
  skipped: z.string().nullable(),
});

export const ManifestSchema = z.object({
  format: z.literal(INDEX_FORMAT),
  /** Names the data files of this build: reports-<g>.json, chunks-<g>.json, vectors-<g>.hnsw/.json. */
  generation: z.string().regex(/^[\w-]+$/),
  parserVersion: z.string(),
  dictionaryHash: z.string(),
  embedder: z.object({ id: z.string(), dimensions: z.number().int().positive().nullable() }),
  /** Keyed by path relative to the corpus folder, with "/" separators. */
  files: z.record(z.string(), CorpusFileEntry),
  counts: z.object({ reports: z.number().int(), sections: z.number().int(), chunks: z.number().int() }),
  builtAt: z.string(),
  seconds: z.number(),
});

export type Manifest = z.infer<typeof ManifestSchema>;
export type CorpusFileEntry = z.infer<typeof CorpusFileEntry>;

/** The manifest, null when there is none, or a Chinese reason when it cannot be used. */
export function readManifest(indexDir: string): Manifest | null | { problem: string } {
  let raw: string;
  try {
    raw = readFileSync(join(indexDir, MANIFEST_FILE), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    return { problem: `无法读取 ${MANIFEST_FILE}` };
  }
  try {
    const parsed = ManifestSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : { problem: `${MANIFEST_FILE} 格式不符，可能由其他版本生成` };
  } catch {
    return { problem: `${MANIFEST_FILE} 已损坏` };
  }
}

export function writeManifest(indexDir: string, manifest: Manifest): void {
  writeFileAtomic(join(indexDir, MANIFEST_FILE), JSON.stringify(manifest, null, 1));
}

/** Why an index built under `manifest` cannot serve the current program, or null when it can. */
export function incompatibility(
  manifest: Manifest,
  current: { parserVersion: string; dictionaryHash: string; embedderId: string },
): string | null {
  if (manifest.parserVersion !== current.parserVersion) return "报告解析程序已更新";
  if (manifest.dictionaryHash !== current.dictionaryHash) return "分词词典已更新";
  if (manifest.embedder.id !== current.embedderId) return `嵌入模型由 ${manifest.embedder.id} 改为 ${current.embedderId}`;
  return null;
}
