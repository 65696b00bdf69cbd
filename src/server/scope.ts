import type { ReportSummary } from "../corpus/report.js";

/** The page's region and year filters. */
export interface QuestionScope {
  region?: string;
  year?: number;
}

/**
 * Applies the filters the way a user would: by naming the region and year in the question, unless the
 * question already names a region or a year of its own (then the question wins). The assistant
 * understands places and years in the text, so no second filtering path is needed.
 */
export function scopeQuestion(question: string, scope: QuestionScope, reports: readonly ReportSummary[]): string {
  const regions = reports.flatMap((r) => (r.region ? [r.region] : []));
  const namesRegion = regions.some((r) => question.includes(r) || question.includes(r.replace(/[区县市旗]$/, "")));
  const namesYear = /(?:19|20)\d{2}\s*年/.test(question);
  const prefix = `${scope.region && !namesRegion ? scope.region : ""}${scope.year && !namesYear ? `${scope.year}年` : ""}`;
  return prefix ? `${prefix}${question}` : question;
}
