import { ancestors, type Division, divisions, divisionNameAt, shortName } from "../corpus/divisions.js";
import { departmentForms, splitOrganName } from "../corpus/organ-name.js";
import type { Report } from "../corpus/report.js";
import { PLANS_QUESTION } from "../lexicon/section-kinds.js";

/** What a question restricts the search to; an empty list means "any". */
export interface Filters {
  regions: string[];
  years: number[];
  issuers: string[];
}

/** The names the library knows, and the ways a question may say them. */
export interface Catalog {
  regions: string[];
  years: number[];
  issuers: string[];
  /**
   * Every way of naming regions at any level (鱼峰区, 鱼峰, 柳州市, 柳州, 广西壮族自治区, 广西 …) → the
   * library's regions it covers; longest first.
   */
  aliases: Array<{ alias: string; regions: string[] }>;
  /** Full and short issuer names (澄海区司法局, 澄海司法局) → the issuer. */
  issuerForms: Array<{ form: string; issuer: string }>;
  /** Department words (司法局, 市场监管局) → the departments' reports that issued reports, with their regions. */
  departments: Array<{ form: string; issuers: Array<{ issuer: string; region: string | null }> }>;
}

export const NO_FILTERS: Filters = { regions: [], years: [], issuers: [] };

/** The divisions enclosing a report's region: from its code, else the division names its parent string is made of. */
function enclosingNames(report: Pick<Report, "divisionCode" | "parent">): string[] {
  const division: Division | undefined = report.divisionCode ? divisions().byCode.get(report.divisionCode) : undefined;
  if (division) return ancestors(division).map((d) => d.name);
  const names: string[] = [];
  let rest = report.parent ?? "";
  while (rest.length > 0) {
    const name = divisionNameAt(rest);
    if (!name) break;
    names.push(name);
    rest = rest.slice(name.length);
  }
  return names;
}

export function buildCatalog(reports: readonly Report[]): Catalog {
  const aliases = new Map<string, Set<string>>();
  const addAlias = (alias: string | null, region: string) => {
    if (!alias) return;
    let regions = aliases.get(alias);
    if (!regions) aliases.set(alias, (regions = new Set()));
    regions.add(region);
  };
  const issuerForms = new Map<string, string>();
  const departments = new Map<string, Map<string, string | null>>();
  for (const report of reports) {
    const region = report.region;
    if (region) {
      for (const name of [region, ...enclosingNames(report)]) {
        addAlias(name, region);
        addAlias(shortName(name), region);
      }
    }
    const issuer = report.issuer;
    if (!issuer) continue;
    issuerForms.set(issuer, issuer);
    const short = region && issuer.startsWith(region) ? shortName(region) : null;
    if (short && region) issuerForms.set(short + issuer.slice(region.length), issuer);
    if (report.issuerKind === "department") {
      const organ = splitOrganName(issuer)?.organ ?? "";
      for (const form of departmentForms(organ)) {
        const holders = departments.get(form) ?? new Map<string, string | null>();
        holders.set(issuer, region);
        departments.set(form, holders);
      }
    }
  }
  const sorted = <T>(values: Iterable<T>) => [...new Set(values)].sort();
  return {
    regions: sorted(reports.flatMap((r) => (r.region ? [r.region] : []))),
    years: [...new Set(reports.flatMap((r) => (r.year === null ? [] : [r.year])))].sort((a, b) => a - b),
    issuers: sorted(reports.flatMap((r) => (r.issuer ? [r.issuer] : []))),
    aliases: [...aliases]
      .map(([alias, regions]) => ({ alias, regions: [...regions].sort() }))
      .sort((a, b) => b.alias.length - a.alias.length || a.alias.localeCompare(b.alias)),
    issuerForms: [...issuerForms].map(([form, issuer]) => ({ form, issuer })).sort((a, b) => b.form.length - a.form.length),
    departments: [...departments]
      .map(([form, holders]) => ({ form, issuers: [...holders].map(([issuer, region]) => ({ issuer, region })) }))
      .sort((a, b) => b.form.length - a.form.length),
  };
}

/**
 * A four-digit year (1950–2099) that is not part of a longer number nor followed by a count unit:
 * 2023年, 2023年度 and a bare 2023 count; 2016项 does not.
 */
const YEAR = /(?<![\d.])((?:19[5-9]|20\d)\d)(?![\d.%])(?!\s*(?:[件项个人名次户家宗条份张起万亿元]|余))/g;

/** Reads region, year and issuer filters from a question (鱼峰区2023年… → 鱼峰区, 2023; 那水磨沟呢 → 水磨沟区). */
export function parseFilters(question: string, catalog: Catalog): Filters {
  const text = question.normalize("NFKC");
  const regions = new Set<string>();
  // Longest names first; a matched span is blanked so 鱼峰 does not match again inside 鱼峰区.
  let rest = text;
  for (const { alias, regions: meant } of catalog.aliases) {
    if (!rest.includes(alias)) continue;
    meant.forEach((r) => regions.add(r));
    rest = rest.split(alias).join("\u0000".repeat(alias.length));
  }
  const years = new Set<number>();
  for (const match of text.matchAll(YEAR)) years.add(Number(match[1]));
  const issuers = new Set<string>();
  for (const { form, issuer } of catalog.issuerForms) if (text.includes(form)) issuers.add(issuer);
  if (issuers.size === 0) {
    // 市场监管局的报告: the departments of that kind, within the regions named if any; a department
    // named inside a region that has no such report (鱼峰区司法局) is a topic, not a filter.
    for (const { form, issuers: holders } of catalog.departments) {
      if (!text.includes(form)) continue;
      for (const { issuer, region } of holders) {
        if (regions.size === 0 || (region !== null && regions.has(region))) issuers.add(issuer);
      }
      if (issuers.size > 0) break;
    }
  }
  return { regions: [...regions].sort(), years: [...years].sort((a, b) => a - b), issuers: [...issuers].sort() };
}

/** The years of a question, settled against the reports in its scope. */
export interface SettledYears {
  /** Years reports in scope are about (Y-1 too for plans for Y: 2025年工作安排 is in the 2024 report). */
  years: number[];
  /** Years no report in scope is about but one mentions (水磨沟区2023年度述法工作会议 in its 2024 report). */
  mentioned: number[];
  /** Years the library cannot answer for: none is about them, none mentions them. */
  missing: number[];
}

/**
 * Years in a question usually name the report's year, but not always: a plans question about Y is
 * answered by the report about Y-1, and an event of Y may be told in a later report. A question asked
 * only about years the library lacks keeps them as missing, even if another asked year is mentioned.
 */
export function settleYears(filters: Filters, reports: readonly Report[], plans: boolean): SettledYears {
  const result: SettledYears = { years: [], mentioned: [], missing: [] };
  if (filters.years.length === 0) return result;
  const inScope = reports.filter((r) => reportMatches(r, { ...filters, years: [] }));
  const held = (year: number) => inScope.some((r) => r.year === year);
  const years = new Set<number>();
  for (const y of filters.years) {
    if (held(y)) years.add(y);
    if (plans && held(y - 1)) years.add(y - 1);
    if (held(y) || (plans && held(y - 1))) continue;
    if (filters.regions.length > 0 && inScope.some((r) => r.text.includes(`${y}年`))) result.mentioned.push(y);
    else result.missing.push(y);
  }
  result.years = [...years].sort((a, b) => a - b);
  return result.years.length || result.mentioned.length ? { ...result, missing: [] } : result;
}

/** A query's filters with its years settled (search without an understood question). */
export function settledFilters(question: string, filters: Filters, reports: readonly Report[]): Filters {
  const { years, mentioned } = settleYears(filters, reports, PLANS_QUESTION.test(question));
  return { ...filters, years: years.length ? years : mentioned.length ? [] : filters.years };
}

/** Whether a report passes the filters (every non-empty list must contain the report's value). */
export function reportMatches(report: Pick<Report, "region" | "year" | "issuer">, filters: Filters): boolean {
  return (
    (filters.regions.length === 0 || (report.region !== null && filters.regions.includes(report.region))) &&
    (filters.years.length === 0 || (report.year !== null && filters.years.includes(report.year))) &&
    (filters.issuers.length === 0 || (report.issuer !== null && filters.issuers.includes(report.issuer)))
  );
}

export function hasFilters(filters: Filters): boolean {
  return filters.regions.length + filters.years.length + filters.issuers.length > 0;
}
