import cliProgress from "cli-progress";
import { type Library, openLibrary } from "../search/library.js";
import type { CliContext } from "./context.js";

/** `index [--rebuild]`: builds or updates the index; a progress bar on a terminal, then one summary line. */
export async function indexCommand(opts: { rebuild: boolean }, ctx: CliContext): Promise<void> {
  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar(
        { format: "向量化 [{bar}] {value}/{total} 个片段", hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      )
    : null;
  let started = false;
  let library: Library;
  try {
    library = await openLibrary({
      corpusDir: ctx.corpusDir,
      indexDir: ctx.indexDir,
      config: ctx.config,
      rebuild: opts.rebuild,
      onProgress: (done, total) => {
        if (!bar) return;
        if (!started) bar.start(total, 0);
        started = true;
        bar.update(done);
      },
    });
  } finally {
    if (started) bar?.stop();
  }
  const s = library.summary();
  const changed = s.added.length + s.updated.length + s.removed.length;
  const counts = `报告 ${s.reports} 份，章节 ${s.sections} 个，片段 ${s.chunks} 个`;
  // Wall time since the process started: what the user waited, start-up included.
  const seconds = (performance.now() / 1000).toFixed(2);
  const skipped = s.skipped.length > 0 ? `，跳过 ${s.skipped.length} 个文件` : "";
  const line =
    changed === 0 && !s.rebuilt
      ? `索引已是最新：${counts}${skipped}，用时 ${seconds} 秒。`
      : `索引${s.rebuilt ? "已建立" : "已更新"}：${counts}${skipped}，用时 ${seconds} 秒` +
        (s.rebuilt ? "。" : `（新增 ${s.added.length}、更新 ${s.updated.length}、删除 ${s.removed.length} 个文件）。`);
  process.stdout.write(`${line}\n`);
}
