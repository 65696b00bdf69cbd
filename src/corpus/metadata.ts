import type { Report } from "./report.js";
import type { PageFields } from "./clean.js";
import { toIsoDate } from "./clean.js";
import { countCities, leadingProvince, placeOfCity, statesProvince } from "./gazetteer.js";

/**
 * Report metadata read from the text (file names are arbitrary). Each field comes from the most
 * explicit place that states it; a field that nothing states is null with a warning, never a guess.
 */

export type ReportMetadata = Pick<Report, "title" | "region" | "city" | "province" | "issuer" | "year" | "publishedAt" | "warnings">;

export interface MetadataSources {
  title: string | null;
  /** Opening text before the first heading. */
  intro: string;
  topHeadings: string[];
  /** Signature and date lines after the last section. */
  closing: string[];
  fields: PageFields;
  /** The whole cleaned text. */
  text: string;
}

const ORGAN = /^[\u4e00-\u9fa5（）()]{2,30}?(?:人民政府|政府办公室|政府|局|委员会|委|办公室|厅|人民法院|人民检察院)$/;

export function readMetadata(src: MetadataSources): ReportMetadata {
  const warnings: string[] = [];
  const issuer = findIssuer(src);
  const place = findPlace(src, issuer);
  const year = findYear(src);
  const publishedAt = src.fields.publishedAt ?? firstDate(src.closing);

  if (src.title === null) warnings.push("未找到标题");
  if (place.region === null) warnings.push("未找到地区");
  if (issuer === null) warnings.push("未找到发布机构");
  if (year === null) warnings.push("未找到报告年份");
  if (publishedAt === null) warnings.push("未找到发布日期");

  return { title: src.title, ...place, issuer, year, publishedAt, warnings };
}

function findIssuer(src: MetadataSources): string | null {
  const field = src.fields.issuer;
  if (field && ORGAN.test(field)) return field;
  if (src.title) {
    const lead = src.title.split(/关于|\d{4}年/)[0] ?? "";
    if (ORGAN.test(lead)) return lead;
  }
  const signature = src.closing.find((line) => ORGAN.test(line));
  if (signature) return signature;
  if (src.fields.source && ORGAN.test(src.fields.source)) return src.fields.source;
  return field ?? null;
}

interface Place {
  region: string | null;
  city: string | null;
  province: string | null;
}

/** 遂宁市安居区人民政府 → city 遂宁市, region 安居区; 澄海区司法局 → region 澄海区. */
const CITY_AND_REGION = /^([\u4e00-\u9fa5]{2,8}?(?:市|自治州|地区|盟))([\u4e00-\u9fa5]{1,8}?(?:区|县|旗|市))/;
const REGION_ONLY = /^([\u4e00-\u9fa5]{1,8}?(?:区|县|旗|市|镇|乡|街道))/;

function findPlace(src: MetadataSources, issuer: string | null): Place {
  const titleLead = src.title?.split(/关于|\d{4}/)[0] ?? null;
  const named = placeInName(issuer) ?? placeInName(titleLead) ?? { region: regionFromText(src.text), city: null };
  let city = named.city;
  if (!city && named.region) {
    city = cityBefore(src.text, named.region) ?? (placeOfCity(named.region) ? named.region : mostNamedCity(src.text));
  }
  const place = city ? placeOfCity(city) : undefined;
  const province = place && statesProvince(src.text, place) ? place.province : null;
  return { region: named.region, city, province };
}

function placeInName(name: string | null): { region: string | null; city: string | null } | null {
  if (!name) return null;
  const unprefixed = name.replace(/^中共/, "");
  const province = leadingProvince(unprefixed);
  const rest = province ? unprefixed.slice(province.length) : unprefixed;
  const both = CITY_AND_REGION.exec(rest);
  if (both?.[1] && both[2] && placeOfCity(both[1])) return { city: both[1], region: both[2] };
  const region = REGION_ONLY.exec(rest)?.[1];
  return region ? { region, city: null } : null;
}

/** The city named right before the region (南昌市东湖区), which ties the two together. */
function cityBefore(text: string, region: string): string | null {
  let best: string | null = null;
  for (const [city] of countCities(text)) {
    if (text.includes(city + region) && (!best || city.length > best.length)) best = city;
  }
  return best;
}

/**
 * The city the text names most. Cities of a province the text also names come first: a report
 * citing another province's rules or visits names that province's cities less often than its own.
 */
function mostNamedCity(text: string): string | null {
  let best: { city: string; inStatedProvince: boolean; count: number } | null = null;
  for (const [city, count] of countCities(text)) {
    const place = placeOfCity(city);
    const inStatedProvince = place !== undefined && statesProvince(text, place);
    if (
      !best ||
      (inStatedProvince && !best.inStatedProvince) ||
      (inStatedProvince === best.inStatedProvince && count > best.count)
    ) {
      best = { city, inStatedProvince, count };
    }
  }
  return best?.city ?? null;
}

/**
 * Without an issuer or title, the district the text speaks for: names before 区委/区政府/区人民政府
 * ("2024年水磨沟区委、区政府"). Unsegmented text gives no word start, so two- and three-character
 * candidates are weighed by how often each occurs as a name in the whole text.
 */
function regionFromText(text: string): string | null {
  const candidates = new Set<string>();
  for (const m of text.matchAll(/(?:区|县)(?=委|人民政府|政府)/g)) {
    const at = m.index ?? 0;
    for (const size of [2, 3]) {
      const name = text.slice(at - size, at);
      if (at - size >= 0 && /^[\u4e00-\u9fa5]+$/.test(name) && !/[我全本该市省各县区年]/.test(name[0] ?? "")) {
        candidates.add(name + (m[0] ?? ""));
      }
    }
  }
  let best: { name: string; count: number } | null = null;
  for (const name of candidates) {
    const count = text.split(name).length - 1;
    if (!best || count > best.count || (count === best.count && name.length > best.name.length)) {
      best = { name, count };
    }
  }
  return best?.name ?? null;
}

/**
 * The year the report is about: stated in the title, else the first year in the opening text
 * (东湖区: "2022年,东湖区委…", published 2023), else in the first top-level heading.
 */
function findYear(src: MetadataSources): number | null {
  for (const text of [src.title ?? "", src.intro, src.topHeadings[0] ?? ""]) {
    const m = /((?:19|20)\d{2})\s*年/.exec(text);
    if (m) return Number(m[1]);
  }
  return null;
}

function firstDate(lines: string[]): string | null {
  for (const line of lines) {
    const date = toIsoDate(line);
    if (date) return date;
  }
  return null;
}
