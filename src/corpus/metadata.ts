import type { PageFields } from "./clean.js";
import { toIsoDate } from "./clean.js";
import { isOrganLike, issuerKindOf, type OrganName, splitOrganName } from "./organ-name.js";
import { NO_PLACE, type Place, placeOfName, placeOfUnit } from "./place.js";
import type { IssuerKind, Report } from "./report.js";
import { findYear } from "./report-year.js";

/**
 * Report metadata read from the text (file names are arbitrary). Each field comes from the most
 * explicit place that states it — title, page fields, signature, then the opening sentence. What
 * nothing states is null with a warning; what is read from the opening sentence rather than
 * printed as such (the issuer of “2024年水磨沟区委、区政府坚持…”) is said so in the warnings.
 */

export type ReportMetadata = Pick<
  Report,
  "title" | "region" | "level" | "divisionCode" | "parent" | "issuer" | "issuerKind" | "year" | "publishedAt" | "warnings"
>;

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

/** How much of the text is searched for place names: reports state their place early. */
const OPENING_CHARS = 3000;

export function readMetadata(src: MetadataSources): ReportMetadata {
  const warnings: string[] = [];
  const title = src.title ?? src.fields.title;
  const opening = src.text.slice(0, OPENING_CHARS);
  const closingText = src.closing.join("\n");
  const context = `${opening}\n${closingText}`;

  // Names in the order of how explicitly they speak for the report.
  const titleName = parseName(title ? titleSubject(title) : null);
  const publisher = parseName(src.fields.issuer);
  const signature = src.closing.map(parseName).find((n): n is OrganName => n !== null) ?? null;
  const subjects = openingSubjects(src.intro || opening).map(parseName).filter((n): n is OrganName => n !== null);
  const source = parseName(src.fields.source);
  const named = [titleName, publisher, signature, ...subjects, source].filter((n): n is OrganName => n !== null);

  const place = findPlace(named, subjects, opening, context);
  const issuer = findIssuer([titleName, publisher, signature, ...subjects], source, place, opening);
  const publishedAt = src.fields.publishedAt ?? firstDate(src.closing);
  const year = findYear({ title, opening: [src.intro, ...src.topHeadings.slice(0, 1)].join("\n") || opening, publishedAt });

  if (title === null) warnings.push("未找到标题");
  if (place.region === null) warnings.push("未找到地区");
  else if (place.ambiguous.length > 1) warnings.push(`地区“${place.region}”有重名（${place.ambiguous.join("、")}），未能确定所属`);
  if (issuer.name === null) warnings.push("未找到发布机构");
  else if (issuer.inferred) warnings.push(`发布机构未写明，按正文推断为${issuer.name}`);
  if (year.year === null) warnings.push("未找到报告年份");
  warnings.push(...year.warnings);
  if (publishedAt === null) warnings.push("未找到发布日期");

  return {
    title,
    region: place.region,
    level: place.level,
    divisionCode: place.divisionCode,
    parent: place.parent,
    issuer: issuer.name,
    issuerKind: issuer.kind,
    year: year.year,
    publishedAt,
    warnings,
  };
}

function parseName(text: string | null | undefined): OrganName | null {
  return text ? splitOrganName(text) : null;
}

/**
 * What a title names before its subject matter: 鱼峰区人民政府 in 鱼峰区人民政府关于2023年…的报告,
 * 北京市 in 北京市2019年法治政府建设年度情况报告, 静海区 in 2020年静海区法治政府建设情况报告.
 */
function titleSubject(title: string): string | null {
  const t = title.replace(/\s+/g, "").replace(/^关于/, "");
  const about = t.indexOf("关于");
  if (about > 0) return t.slice(0, about);
  const year = /(?:19|20)\d{2}/.exec(t);
  if (year && year.index > 0) return t.slice(0, year.index);
  const rest = year ? t.slice(year.index).replace(/^(?:19|20)\d{2}(?:[-—–~至](?:19|20)\d{2})?年度?/, "") : t;
  const topic = rest.search(/法治|依法行政|法制/);
  return topic > 0 ? rest.slice(0, topic) : null;
}

const SUBJECT_VERB =
  "始终|坚持|深入|认真|全面|紧紧|紧扣|以|在|按照|围绕|聚焦|立足|着力|持续|不断|积极|严格|扎实|高度|牢牢|贯彻|切实|把|将|对|根据|全力|大力|狠抓|进一步|较好|主动|统筹|强化|加快|锚定|踔厉";
const SUBJECT = new RegExp(`^([\\u4e00-\\u9fa5、（）()]{2,30}?)(?=${SUBJECT_VERB})`);
const LEADING_TIME = /^(?:(?:19|20)\d{2}\s*年度?(?:以来)?|今年以来|一年来|近年来|过去一年|\d{4}年全年)[，,]?/;
const LEADING_CIRCUMSTANCE = /^在[^，,。]{0,80}?(?:下|中|上)[，,]/;

/**
 * Who the opening sentences say acted or reports: 南昌县 in “2019年，…南昌县全面贯彻…”, 市司法局 in
 * “2020年，市司法局坚持…”, 省政府 in “现将省政府2022年度…报告如下”.
 */
function openingSubjects(opening: string): string[] {
  const found: string[] = [];
  for (const sentence of opening.split(/[。！？\n]/).slice(0, 4)) {
    const reporting = /现将([^，,。]{1,40}?)(?:法治政府建设|依法行政|有关|相关|主要|工作)/.exec(sentence);
    if (reporting?.[1]) {
      const who = reporting[1].replace(/(?:19|20)\d{2}(?:[-—–](?:19|20)\d{2})?年度?/g, "").replace(/的$/, "");
      if (who) found.push(who);
    }
    let s = sentence.trim();
    for (let i = 0; i < 3; i++) s = s.replace(LEADING_TIME, "").replace(LEADING_CIRCUMSTANCE, "").trim();
    const subject = SUBJECT.exec(s)?.[1];
    if (subject) found.push(subject);
  }
  return found.filter((s) => isOrganLike(s) || /(?:省|市|区|县|旗|州|盟)$/.test(s));
}

/** The units a department's report answers to: 市 in “在市委、市政府的正确领导下，我局…”. */
function superiorUnit(opening: string): string | null {
  return /在(?:中共)?([省市区县旗州])委/.exec(opening.slice(0, 400))?.[1] ?? null;
}

function findPlace(named: OrganName[], subjects: OrganName[], opening: string, context: string): Place {
  for (const name of named) {
    const place = placeOfName(name, context);
    if (place) return place;
  }
  const unit =
    named.find((n) => n.selfUnit !== null)?.selfUnit ??
    (subjects.length > 0 && subjects.every((s) => s.places.length === 0) ? superiorUnit(opening) : null) ??
    selfReference(opening);
  return (unit && placeOfUnit(unit, opening)) || NO_PLACE;
}

/** The unit the text calls “我县/全县” most often. */
function selfReference(opening: string): string | null {
  const counts = new Map<string, number>();
  for (const m of opening.matchAll(/[我全本](自治区|省|市|区|县|旗|州)/g)) {
    const unit = m[1] ?? "";
    counts.set(unit, (counts.get(unit) ?? 0) + 1);
  }
  let best: [string, number] | null = null;
  for (const entry of counts) if (!best || entry[1] > best[1]) best = entry;
  return best?.[0] ?? null;
}

interface Issuer {
  name: string | null;
  kind: IssuerKind | null;
  /** True when no organ is printed as the issuer and it is read from the opening sentence. */
  inferred: boolean;
}

/**
 * The organ that issued the report: the first organ among title, 发布机构, signature and opening
 * subject (a short form such as 市司法局 completed with the region), else the region's government
 * when the title or opening names only the place, else an organ named as 来源.
 */
function findIssuer(named: Array<OrganName | null>, source: OrganName | null, place: Place, opening: string): Issuer {
  let placeOnly = false;
  for (const [i, name] of named.entries()) {
    if (!name) continue;
    const inferred = i >= 3;
    if (name.organ === "" || /^委、/.test(name.organ) || /^各级/.test(name.organ)) {
      placeOnly = true;
      continue;
    }
    const full = fullOrganName(name, place) ?? ownOrganName(name.organ, opening, place.region);
    if (full) return { name: full, kind: issuerKindOf(full), inferred };
    const kind = issuerKindOf(name.organ);
    if (kind) return { name: null, kind, inferred };
  }
  if (placeOnly && place.region) {
    const government = /(?:新区|开发区|园区|示范区)$/.test(place.region) ? `${place.region}管理委员会` : `${place.region}人民政府`;
    return { name: government, kind: "government", inferred: true };
  }
  if (source && source.places.length > 0 && source.organ !== "") {
    const full = fullOrganName(source, place);
    if (full) return { name: full, kind: issuerKindOf(full), inferred: false };
  }
  return { name: null, kind: null, inferred: false };
}

/** 广州市公安局增城区分局 as printed; 市司法局 → 雅安市司法局; 省政府 → 湖南省人民政府; 我局 → null. */
function fullOrganName(name: OrganName, place: Place): string | null {
  if (name.places.length > 0) return name.printed;
  if (name.selfUnit) return place.region ? `${place.region}${name.organ.replace(/^政府$/, "人民政府")}` : null;
  if (/^我/.test(name.organ)) return null;
  // A national organ (司法部) names no place; a local one printed bare (司法局) belongs to the region.
  return place.region ? `${place.region}${name.organ}` : name.organ;
}

/**
 * The name of the organ a report calls 我局/我委, where the opening prints it in full with the
 * region (《龙岩市永定区卫生健康局参与…方案》): the most frequent such name ending in the same word.
 */
function ownOrganName(organ: string, opening: string, region: string | null): string | null {
  const end = /^我([局委办院部厅署])/.exec(organ)?.[1];
  if (!end || !region) return null;
  const counts = new Map<string, number>();
  for (const m of opening.matchAll(new RegExp(`[\\u4e00-\\u9fa5]{0,8}?${region}[\\u4e00-\\u9fa5]{2,14}?${end}`, "g"))) {
    const name = splitOrganName(m[0]);
    if (name && name.places.includes(region)) counts.set(name.printed, (counts.get(name.printed) ?? 0) + 1);
  }
  let best: [string, number] | null = null;
  for (const entry of counts) if (!best || entry[1] > best[1]) best = entry;
  return best?.[0] ?? null;
}

function firstDate(lines: string[]): string | null {
  for (const line of lines) {
    const date = toIsoDate(line);
    if (date) return date;
  }
  return null;
}
