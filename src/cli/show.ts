import { findReport, loadCorpus } from "../corpus/load-corpus.js";
import { type Report, type SectionKind, summarizeReport } from "../corpus/report.js";
import { UserError } from "../user-error.js";
import { type CliContext, printJson } from "./context.js";
import { issuerLabel, placeLabel } from "./report-labels.js";

/** `show <reportId> [--json]`: one report with its sections. */
export async function showCommand(reportId: string, opts: { json: boolean }, ctx: CliContext): Promise<void> {
  const loaded = await loadCorpus(ctx.corpusDir);
  const report = findReport(loaded.reports, reportId.trim());
  if (!report) throw new UserError(`未找到报告 ID：${reportId}（用 reports 命令查看报告库中的全部报告）`);
  if (opts.json) {
    printJson(reportJson(report));
    return;
  }
  process.stdout.write(renderOutline(report));
}

/** The `show --json` value (DESIGN.md): the summary fields and the sections. */
function reportJson(report: Report) {
  return {
    ...summarizeReport(report),
    sections: report.sections.map(({ id, path, heading, kind, text }) => ({ id, path, heading, kind, text })),
  };
}

const KIND_LABELS: Record<SectionKind, string> = {
  intro: "开篇",
  measures: "措施",
  problems: "问题",
  plans: "计划",
  other: "其他",
};

function renderOutline(report: Report): string {
  const out = [
    report.title ?? "（无标题）",
    `ID ${report.id} · 地区 ${placeLabel(report)} · 年份 ${report.year ?? "—"} · 发布机构 ${issuerLabel(report)} · 发布日期 ${report.publishedAt ?? "—"}`,
    `来源 ${report.source} · ${report.text.length} 字 · ${report.sections.length} 个章节`,
  ];
  if (report.warnings.length > 0) out.push(`注意：${report.warnings.join("；")}`);
  out.push("");
  let printed: string[] = [];
  for (const section of report.sections) {
    const tag = `[${KIND_LABELS[section.kind]}] ${section.id} · ${section.text.length} 字`;
    if (section.path.length === 0) {
      out.push(`${tag}  ${section.text.slice(0, 40).replace(/\n/g, " ")}…`);
      printed = [];
      continue;
    }
    const shared = sharedPrefix(printed, section.path);
    section.path.forEach((heading, depth) => {
      if (depth < shared) return;
      const indent = "  ".repeat(depth);
      out.push(depth === section.path.length - 1 ? `${indent}${heading}  ${tag}` : `${indent}${heading}`);
    });
    printed = section.path;
  }
  return `${out.join("\n")}\n`;
}

function sharedPrefix(a: string[], b: string[]): number {
  let n = 0;
  while (n < a.length && n < b.length - 1 && a[n] === b[n]) n++;
  return n;
}
