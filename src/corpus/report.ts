import { z } from "zod";

/**
 * The domain model every other part reads: a parsed report and its citable sections. One zod
 * schema per shape; the TypeScript types are inferred from it, and the index files are checked
 * against the same schema when they are read back.
 */

export const SECTION_KINDS = ["intro", "measures", "problems", "plans", "other"] as const;
export const SectionKindSchema = z.enum(SECTION_KINDS);
export type SectionKind = z.infer<typeof SectionKindSchema>;

/** province; city = prefecture level (地级市, 自治州, 地区, 盟); county = 区, 县, 县级市, 旗, 新区/开发区. */
export const REGION_LEVELS = ["province", "city", "county"] as const;
export const RegionLevelSchema = z.enum(REGION_LEVELS);
export type RegionLevel = z.infer<typeof RegionLevelSchema>;

/** government = 人民政府 (or a 新区 管委会); department = 局, 委, 办 …; committee = party committee or 领导小组. */
export const ISSUER_KINDS = ["government", "department", "committee"] as const;
export const IssuerKindSchema = z.enum(ISSUER_KINDS);
export type IssuerKind = z.infer<typeof IssuerKindSchema>;

export const SectionSchema = z.object({
  /** Stable across re-parses of the same file: `${reportId}-${ordinal}` (ASCII, short enough for Telegram callback data). */
  id: z.string(),
  reportId: z.string(),
  /** Heading chain from the top level down to this section, e.g. ["一、…", "(三)…"]; [] for the opening paragraph. */
  path: z.array(z.string()),
  /** This section's own heading (last element of path), "" for the intro. */
  heading: z.string(),
  kind: SectionKindSchema,
  /** Section body as it stands in the cleaned text (heading line included when the heading is inline). */
  text: z.string(),
  /** Character offsets of `text` in Report.text: Report.text.slice(start, end) === text. */
  start: z.number().int(),
  end: z.number().int(),
});
export type Section = z.infer<typeof SectionSchema>;

export const ReportSchema = z.object({
  /** Stable id derived from the file's path relative to the corpus folder. */
  id: z.string(),
  title: z.string().nullable(),
  /** The place the report is about, e.g. 鱼峰区, 桂林市, 新疆维吾尔自治区. */
  region: z.string().nullable(),
  level: RegionLevelSchema.nullable(),
  /** GB/T 2260 code of the region (six digits), null when the region is not a listed division or is ambiguous. */
  divisionCode: z.string().nullable(),
  /** The enclosing units, largest first, e.g. 广西壮族自治区柳州市; null for a province or when unknown. */
  parent: z.string().nullable(),
  /** e.g. 鱼峰区人民政府, 澄海区司法局 */
  issuer: z.string().nullable(),
  issuerKind: IssuerKindSchema.nullable(),
  /** The year the report is about (not the publication year). */
  year: z.number().int().nullable(),
  /** ISO date (YYYY-MM-DD) or null. */
  publishedAt: z.string().nullable(),
  /** File path as given to the loader (relative to the working directory when the corpus path is). */
  source: z.string(),
  /** The cleaned text; every Section is a slice of it, so citations can quote it verbatim. */
  text: z.string(),
  sections: z.array(SectionSchema),
  /** Human-readable (Chinese) notes on what could not be read or was inferred, e.g. 未找到报告年份. */
  warnings: z.array(z.string()),
});
export type Report = z.infer<typeof ReportSchema>;

/** The `reports --json` row (DESIGN.md), field order as documented. */
export const ReportSummarySchema = ReportSchema.pick({
  id: true,
  title: true,
  region: true,
  level: true,
  divisionCode: true,
  parent: true,
  issuer: true,
  issuerKind: true,
  year: true,
  publishedAt: true,
  source: true,
  warnings: true,
}).extend({ sections: z.number().int(), chars: z.number().int() });
export type ReportSummary = z.infer<typeof ReportSummarySchema>;

export function summarizeReport(report: Report): ReportSummary {
  return {
    id: report.id,
    title: report.title,
    region: report.region,
    level: report.level,
    divisionCode: report.divisionCode,
    parent: report.parent,
    issuer: report.issuer,
    issuerKind: report.issuerKind,
    year: report.year,
    publishedAt: report.publishedAt,
    source: report.source,
    sections: report.sections.length,
    chars: report.text.length,
    warnings: report.warnings,
  };
}
