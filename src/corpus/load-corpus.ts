import { UserError } from "../user-error.js";
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { extname, join, relative, sep } from "node:path";
import { logger } from "../logger.js";
import { extractText } from "./extract.js";
import { parseReport } from "./parse-report.js";
import type { Report } from "./report.js";
import { UnreadableError } from "./unreadable.js";

/**
 * Loading the corpus folder: every supported file, recursively, each parsed into a Report or
 * skipped with a reason; one bad file never stops the others.
 */

/** Bump whenever parsing output changes; the index manifest stores it to know when to rebuild. */
export const PARSER_VERSION = "3";

export const CORPUS_EXTENSIONS: readonly string[] = [".txt", ".md", ".html", ".htm", ".docx", ".pdf"];

/** A file that holds no readable report. `reason` is user-visible Chinese, e.g. 空文件. */
export class CorpusFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}：${reason}`);
    this.name = "CorpusFileError";
  }
}

export interface SkippedFile {
  file: string;
  reason: string;
}

/** Supported files under `dir`, recursively, sorted by relative path, as join(dir, relativePath). */
export async function listCorpusFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const relativePaths = entries
    .filter((entry) => entry.isFile() && CORPUS_EXTENSIONS.includes(extname(entry.name).toLowerCase()))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
  return relativePaths.map((path) => join(dir, path));
}

/** Short, stable, ASCII: the same relative path always gives the same id. */
export function reportIdFor(file: string, corpusDir: string): string {
  const posixPath = relative(corpusDir, file).split(sep).join("/");
  return createHash("sha1").update(posixPath).digest("hex").slice(0, 8);
}

/** Parses one corpus file; throws CorpusFileError when the file should be skipped. */
export async function readReportFile(file: string, corpusDir: string): Promise<Report> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if (isNodeError(error)) throw new CorpusFileError(file, `无法读取：${error.message}`);
    throw error;
  }
  return parseReportBytes(file, corpusDir, bytes);
}

async function parseReportBytes(file: string, corpusDir: string, bytes: Uint8Array): Promise<Report> {
  try {
    const rawText = await extractText(file, bytes);
    return parseReport({ id: reportIdFor(file, corpusDir), source: file, rawText });
  } catch (error) {
    if (error instanceof UnreadableError) throw new CorpusFileError(file, error.message);
    if (isNodeError(error)) throw new CorpusFileError(file, `无法读取：${error.message}`);
    throw error;
  }
}

/** One corpus file as read: its path relative to the folder ("/" separators), its bytes' hash, what it holds. */
export type CorpusEntry = { rel: string; file: string; hash: string } & (
  | { report: Report }
  | { skipped: string }
  /** The caller already holds this version of the file: not parsed again. */
  | { unchanged: true }
);

/**
 * Reads the corpus folder file by file, the one way every part loads it: each file's bytes are read
 * once, hashed, and parsed unless `isUnchanged(rel, hash)` says the caller already has that version.
 * The folder may change while it is read: a file that vanishes after the listing is left out as if it
 * had never been listed, and one that changes is taken as its bytes were when read (the next read
 * sees the new version).
 */
export async function* readCorpus(
  dir: string,
  isUnchanged: (rel: string, hash: string) => boolean = () => false,
): AsyncGenerator<CorpusEntry> {
  await assertCorpusDir(dir);
  const owners = new Map<string, string>();
  for (const file of await listCorpusFiles(dir)) {
    const rel = relative(dir, file).split(sep).join("/");
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      if (isNodeError(error) && error.code === "ENOENT") continue;
      if (!isNodeError(error)) throw error;
      yield skip({ rel, file, hash: "" }, `无法读取：${error.message}`);
      continue;
    }
    const entry = { rel, file, hash: createHash("sha256").update(bytes).digest("hex") };
    const id = reportIdFor(file, dir);
    const clash = owners.get(id);
    if (clash) {
      yield skip(entry, `报告 ID ${id} 与 ${clash} 冲突，请重命名其中一个文件`);
      continue;
    }
    owners.set(id, file);
    if (isUnchanged(rel, entry.hash)) {
      yield { ...entry, unchanged: true };
      continue;
    }
    try {
      yield { ...entry, report: await parseReportBytes(file, dir, bytes) };
    } catch (error) {
      if (!(error instanceof CorpusFileError)) throw error;
      yield skip(entry, error.reason);
    }
  }
}

function skip(entry: { rel: string; file: string; hash: string }, reason: string): CorpusEntry {
  logger.warn({ file: entry.file, reason }, `跳过文件 ${entry.file}：${reason}`);
  return { ...entry, skipped: reason };
}

export interface LoadedCorpus {
  reports: Report[];
  skipped: SkippedFile[];
}

/** Every report of the folder, parsed (the `reports` and `show` commands: no index needed). */
export async function loadCorpus(dir: string): Promise<LoadedCorpus> {
  const reports: Report[] = [];
  const skipped: SkippedFile[] = [];
  for await (const entry of readCorpus(dir)) {
    if ("report" in entry) reports.push(entry.report);
    else if ("skipped" in entry) skipped.push({ file: entry.file, reason: entry.skipped });
  }
  return { reports, skipped };
}

/** Raised when the corpus folder itself is missing or not a folder. */
export class CorpusDirError extends UserError {}

export async function assertCorpusDir(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => null);
  if (!info) throw new CorpusDirError(`报告目录不存在：${dir}（可用 --corpus 或环境变量 CORPUS_DIR 指定）`);
  if (!info.isDirectory()) throw new CorpusDirError(`报告目录不是文件夹：${dir}`);
}

function isNodeError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === "string";
}

/** The report with this id, or undefined. */
export function findReport(reports: readonly Report[], id: string): Report | undefined {
  return reports.find((report) => report.id === id);
}
