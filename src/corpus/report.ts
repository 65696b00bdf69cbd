/** The domain model every other part reads: a parsed report and its citable sections. */

export const SECTION_KINDS = ["intro", "measures", "problems", "plans", "other"] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

export interface Section {
  /** Stable across re-parses of the same file: `${reportId}-${ordinal}` (ASCII, short enough for Telegram callback data). */
  id: string;
  reportId: string;
  /** Heading chain from the top level down to this section, e.g. ["一、…", "(三)…"]; [] for the opening paragraph. */
  path: string[];
  /** This section's own heading (last element of path), "" for the intro. */
  heading: string;
  kind: SectionKind;
  /** Section body as it stands in the cleaned text (heading line included when the heading is inline). */
  text: string;
  /** Character offsets of `text` in Report.text: Report.text.slice(start, end) === text. */
  start: number;
  end: number;
}

export interface Report {
  /** Stable id derived from the file's path relative to the corpus folder. */
  id: string;
  title: string | null;
  /** e.g. 鱼峰区 */
  region: string | null;
  /** Larger units where the report states them, e.g. 柳州市 / 广西壮族自治区. */
  city: string | null;
  province: string | null;
  /** e.g. 鱼峰区人民政府, 澄海区司法局 */
  issuer: string | null;
  /** The year the report is about (not the publication year). */
  year: number | null;
  /** ISO date (YYYY-MM-DD) or null. */
  publishedAt: string | null;
  /** File path as given to the loader (relative to the working directory when the corpus path is). */
  source: string;
  /** The cleaned text; every Section is a slice of it, so citations can quote it verbatim. */
  text: string;
  sections: Section[];
  /** Human-readable (Chinese) notes on what could not be read, e.g. 未找到报告年份. */
  warnings: string[];
}

/** The `reports --json` row (DESIGN.md). */
export interface ReportSummary {
  id: string;
  title: string | null;
  region: string | null;
  issuer: string | null;
  year: number | null;
  publishedAt: string | null;
  source: string;
  sections: number;
  chars: number;
  warnings: string[];
}

export function summarizeReport(report: Report): ReportSummary {
  return {
    id: report.id,
    title: report.title,
    region: report.region,
    issuer: report.issuer,
    year: report.year,
    publishedAt: report.publishedAt,
    source: report.source,
    sections: report.sections.length,
    chars: report.text.length,
    warnings: report.warnings,
  };
}
