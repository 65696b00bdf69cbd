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
  try {
    const bytes = await readFile(file);
    const rawText = await extractText(file, bytes);
    return parseReport({ id: reportIdFor(file, corpusDir), source: file, rawText });
  } catch (error) {
    if (error instanceof UnreadableError) throw new CorpusFileError(file, error.message);
    if (isNodeError(error)) throw new CorpusFileError(file, `无法读取：${error.message}`);
    throw error;
  }
}

export interface LoadedCorpus {
  reports: Report[];
  skipped: SkippedFile[];
}

export async function loadCorpus(dir: string): Promise<LoadedCorpus> {
  await assertCorpusDir(dir);
  const reports: Report[] = [];
  const skipped: SkippedFile[] = [];
  const owners = new Map<string, string>();
  for (const file of await listCorpusFiles(dir)) {
    try {
      const report = await readReportFile(file, dir);
      const clash = owners.get(report.id);
      if (clash) throw new CorpusFileError(file, `报告 ID ${report.id} 与 ${clash} 冲突，请重命名其中一个文件`);
      owners.set(report.id, file);
      reports.push(report);
    } catch (error) {
      if (!(error instanceof CorpusFileError)) throw error;
      skipped.push({ file: error.file, reason: error.reason });
      logger.warn({ file: error.file, reason: error.reason }, `跳过文件 ${error.file}：${error.reason}`);
    }
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
