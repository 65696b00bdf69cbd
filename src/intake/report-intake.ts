import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, extname, join, relative, resolve, sep } from "node:path";
import type { Assistant, LibraryStats } from "../answer/assistant.js";
import { CORPUS_EXTENSIONS, CorpusFileError, listCorpusFiles, readReportFile } from "../corpus/load-corpus.js";
import { type Report, type ReportSummary, summarizeReport } from "../corpus/report.js";
import { writeFileAtomic } from "../search/atomic-write.js";

/**
 * Adding a report file to the library without a shell (page upload, bot document) and removing one.
 * A file is parsed by the corpus loader exactly as it will be once stored, shown back, and stored only
 * when it reads as a report, is not too large and is not already in the library; on any refusal
 * nothing in the corpus folder is touched. Changes run one at a time, each followed by an incremental
 * reindex, and a stored file the library then does not take is removed again.
 */

/** Uploaded files go in this folder of the corpus, so they are easy to tell from the shipped ones. */
export const UPLOAD_FOLDER = "uploads";
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export class IntakeRefusal extends Error {
  constructor(
    readonly code: "unsupported_type" | "too_large" | "empty" | "unreadable" | "not_a_report" | "duplicate" | "not_found",
    reason: string,
  ) {
    super(reason);
    this.name = "IntakeRefusal";
  }
}

export interface IntakePreview {
  /** Where the file will be stored, relative to the corpus folder. */
  file: string;
  report: ReportSummary & { outline: { id: string; path: string[]; kind: string }[] };
}

export interface IntakeResult {
  report: ReportSummary;
  stats: LibraryStats;
}

/** Keeps letters (Chinese too), digits and a few marks; never a path. */
function safeName(name: string): string {
  const base = basename(name.replace(/\\/g, "/")).normalize("NFC");
  const ext = extname(base).toLowerCase();
  const stem = base
    .slice(0, base.length - extname(base).length)
    .replace(/[^\p{L}\p{N}_.（）()\-—]+/gu, "_")
    .replace(/^[._]+/, "");
  return `${stem.slice(0, 80) || "report"}${ext}`;
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The loader reads any text; a report of this library names a place or a year and is about 法治. */
function notAReport(report: Report): string | null {
  if (!report.text.includes("法治")) return "文中没有“法治”字样，不像法治政府建设年度报告";
  if (!report.region && !report.year) return "读不出地区和年份，不像法治政府建设年度报告";
  if (report.sections.length === 0) return "没有读出任何章节";
  return null;
}

export class ReportIntake {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly corpusDir: string,
    private readonly assistant: Assistant,
    private readonly maxBytes = MAX_UPLOAD_BYTES,
  ) {}

  /** Parses the file as it would be stored and says what it holds; throws IntakeRefusal with the reason. */
  async preview(name: string, bytes: Uint8Array): Promise<IntakePreview> {
    const fileName = safeName(name);
    const ext = extname(fileName);
    if (!CORPUS_EXTENSIONS.includes(ext)) {
      throw new IntakeRefusal(
        "unsupported_type",
        `不支持的文件类型「${ext || "无扩展名"}」：请上传 ${CORPUS_EXTENSIONS.join("、")} 文件`,
      );
    }
    if (bytes.length === 0) throw new IntakeRefusal("empty", "文件是空的");
    if (bytes.length > this.maxBytes) {
      throw new IntakeRefusal(
        "too_large",
        `文件太大（${(bytes.length / 1048576).toFixed(1)} MB），上限 ${this.maxBytes / 1048576} MB`,
      );
    }
    const file = `${UPLOAD_FOLDER}/${fileName}`;
    if (existsSync(join(this.corpusDir, file))) throw new IntakeRefusal("duplicate", `资料库中已有同名文件 ${file}`);
    await this.refuseSameContent(bytes);
    const report = await this.parse(file, bytes);
    const why = notAReport(report);
    if (why) throw new IntakeRefusal("not_a_report", why);
    const twin = this.assistant
      .reports()
      .find(
        (r) =>
          report.region !== null &&
          report.year !== null &&
          r.region === report.region &&
          r.year === report.year &&
          r.issuer === report.issuer,
      );
    if (twin) {
      throw new IntakeRefusal(
        "duplicate",
        `资料库中已有${report.region}${report.year}年的报告（ID ${twin.id}，${twin.title ?? twin.source}）；如需替换，请先删除它`,
      );
    }
    return {
      file,
      report: { ...summarizeReport(report), outline: report.sections.map((s) => ({ id: s.id, path: s.path, kind: s.kind })) },
    };
  }

  /** Checks the file again, stores it in the corpus folder and updates the index. */
  add(name: string, bytes: Uint8Array): Promise<IntakeResult> {
    return this.exclusive(async () => {
      const { file, report } = await this.preview(name, bytes);
      const target = join(this.corpusDir, file);
      await mkdir(dirname(target), { recursive: true });
      const tmp = `${target}.tmp-${process.pid}`;
      await writeFile(tmp, bytes);
      writeFileAtomic(target, null, tmp);
      let stats: LibraryStats;
      try {
        stats = await this.assistant.reindex();
      } catch (error) {
        await this.undo(target);
        throw error;
      }
      const added = this.assistant.reports().find((r) => r.id === report.id);
      if (!added) {
        await this.undo(target);
        throw new IntakeRefusal("unreadable", "文件已保存但资料库未能读取，已撤销");
      }
      return { report: added, stats };
    });
  }

  /** Deletes a report's file from the corpus folder and updates the index. */
  remove(reportId: string): Promise<IntakeResult> {
    return this.exclusive(async () => {
      const report = this.assistant.reports().find((r) => r.id === reportId);
      if (!report) throw new IntakeRefusal("not_found", `没有 ID 为 ${reportId} 的报告`);
      const source = resolve(report.source);
      if (relative(resolve(this.corpusDir), source).startsWith(`..${sep}`)) {
        throw new IntakeRefusal("not_found", `报告 ${reportId} 的文件不在报告目录中`);
      }
      await unlink(source);
      return { report, stats: await this.assistant.reindex() };
    });
  }

  private async refuseSameContent(bytes: Uint8Array): Promise<void> {
    const hash = sha256(bytes);
    for (const existing of await listCorpusFiles(this.corpusDir)) {
      if (sha256(await readFile(existing)) === hash) {
        throw new IntakeRefusal(
          "duplicate",
          `与资料库中的 ${relative(this.corpusDir, existing).split(sep).join("/")} 内容完全相同`,
        );
      }
    }
  }

  /** Parses from a scratch folder laid out like the corpus, so the report id is the one it will have. */
  private async parse(file: string, bytes: Uint8Array): Promise<Report> {
    const scratch = await mkdtemp(join(tmpdir(), "report-intake-"));
    try {
      const path = join(scratch, file);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, bytes);
      return await readReportFile(path, scratch);
    } catch (error) {
      if (error instanceof CorpusFileError) throw new IntakeRefusal("unreadable", `无法读取：${error.reason}`);
      throw error;
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }

  private async undo(target: string): Promise<void> {
    await rm(target, { force: true });
    await this.assistant.reindex();
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
