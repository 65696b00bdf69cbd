import type { IssuerKind, RegionLevel, Report } from "../corpus/report.js";

/** How `reports` and `show` print a report's level, place and issuer. */

export const LEVEL_LABELS: Record<RegionLevel, string> = { province: "省级", city: "地市级", county: "区县级" };
const ISSUER_KIND_LABELS: Record<IssuerKind, string> = { government: "政府", department: "部门", committee: "党委/领导小组" };

/** 广西壮族自治区柳州市 鱼峰区（区县级，450203） */
export function placeLabel(report: Pick<Report, "region" | "parent" | "level" | "divisionCode">): string {
  if (!report.region) return "—";
  const about = [report.level ? LEVEL_LABELS[report.level] : null, report.divisionCode].filter((x) => x !== null).join("，");
  return `${report.parent ? `${report.parent} ` : ""}${report.region}${about ? `（${about}）` : ""}`;
}

/** 澄海区司法局（部门） */
export function issuerLabel(report: Pick<Report, "issuer" | "issuerKind">): string {
  if (!report.issuer) return "—";
  return `${report.issuer}${report.issuerKind ? `（${ISSUER_KIND_LABELS[report.issuerKind]}）` : ""}`;
}
