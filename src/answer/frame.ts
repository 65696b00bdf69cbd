import type { Report } from "../corpus/report.js";

/** The words an answer adds around its quotes: who wrote a report and for which year, and the scope. */

type Labelled = Pick<Report, "region" | "issuer" | "issuerKind" | "title" | "year">;

/** 澄海区司法局 for a department's report; the region for a government's. */
export function authorOf(report: Labelled): string {
  const department = report.issuerKind === "department" ? report.issuer : null;
  return department ?? report.region ?? report.issuer ?? report.title ?? "未知地区";
}

/** 鱼峰区2023年 / 澄海区司法局2023年 */
export function reportLabel(report: Labelled): string {
  return report.year === null ? authorOf(report) : `${authorOf(report)}${report.year}年`;
}

/** 资料库全部5份报告——东湖区2022年、安居区2016年… */
export function scopeLine(inScope: readonly Labelled[], library: readonly Labelled[]): string {
  const names = listOf(inScope.map(reportLabel));
  if (inScope.length === library.length && library.length > 1) return `范围：资料库全部${library.length}份报告——${names}。`;
  return `范围：${inScope.length}份报告——${names}。`;
}

/** 东湖区2022年、安居区2016年 … and, beyond `max`, how many more. */
export function listOf(names: string[], max = 12): string {
  return names.length <= max ? names.join("、") : `${names.slice(0, max).join("、")}等${names.length}份`;
}

const CHINESE_DIGITS = "一二三四五六七八九十";

/** 1 → 一, 12 → 十二 (outline numbering). */
export function chineseNumber(n: number): string {
  if (n <= 10) return CHINESE_DIGITS[n - 1]!;
  if (n < 20) return `十${CHINESE_DIGITS[n - 11] ?? ""}`;
  return String(n);
}
