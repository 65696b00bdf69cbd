import {
  ancestors,
  countDivisionNames,
  type Division,
  divisions,
  expandAbbreviation,
  parentName,
  shortName,
} from "./divisions.js";
import type { OrganName } from "./organ-name.js";
import type { RegionLevel } from "./report.js";

/**
 * Which place a report is about, resolved against the divisions list: from the places its title,
 * issuer or opening sentence name, else from the place names its opening uses most at the level
 * the report speaks for (市司法局 → a 市). Only whole names are taken, never pieces of sentences.
 */

export interface Place {
  region: string | null;
  level: RegionLevel | null;
  divisionCode: string | null;
  parent: string | null;
  /** Set when the name fits several divisions and nothing in the text tells them apart. */
  ambiguous: string[];
}

export const NO_PLACE: Place = { region: null, level: null, divisionCode: null, parent: null, ambiguous: [] };

/** Units as the text says them (市 in 我市) and the division names they cover. */
function fitsUnit(division: Division, unit: string): boolean {
  const name = division.name;
  switch (unit) {
    case "省":
      return division.level === "province" && name.endsWith("省");
    case "自治区":
      return division.level === "province" && name.endsWith("自治区");
    case "市":
      return name.endsWith("市");
    case "州":
    case "自治州":
      return name.endsWith("自治州");
    case "盟":
      return name.endsWith("盟");
    case "区":
      return division.level === "county" && name.endsWith("区");
    case "县":
      return division.level === "county" && name.endsWith("县");
    case "旗":
      return division.level === "county" && name.endsWith("旗");
    default:
      return false;
  }
}

/** The level a name not in the list has, from its unit word. */
function levelOfUnit(name: string): RegionLevel | null {
  // Townships (镇, 乡, 街道) report too, below the three levels.
  if (/(?:镇|乡|街道)$/.test(name)) return null;
  if (/(?:省|自治区|特别行政区)$/.test(name)) return "province";
  if (/(?:自治州|地区|盟|州)$/.test(name)) return "city";
  if (/(?:区|县|旗)$/.test(name)) return "county";
  if (/市$/.test(name)) return "city";
  return null;
}

/**
 * The place named by an organ or place name (its last place, narrowed by the ones before it), or
 * null when the name gives none.
 */
export function placeOfName(name: OrganName, context: string): Place | null {
  const own = name.places[name.places.length - 1];
  if (!own) return null;
  const enclosing = name.places.slice(0, -1);
  const listed = divisions().byName.get(own) ?? [];
  const candidates = listed.length > 0 ? listed : expandAbbreviation(own);
  if (candidates.length === 0) {
    const outer = enclosing.length > 0 ? resolve(enclosing[enclosing.length - 1]!, enclosing.slice(0, -1), context) : null;
    const parent = outer?.division ? [parentName(outer.division), outer.division.name].filter(Boolean).join("") : null;
    return { region: own, level: levelOfUnit(own), divisionCode: null, parent: parent || null, ambiguous: [] };
  }
  return placeOf(resolveAmong(candidates, enclosing, context), own);
}

/** The place the report speaks for when it names only its unit (市司法局, 全州): the most named fitting division. */
export function placeOfUnit(unit: string, opening: string): Place | null {
  const { byName } = divisions();
  const best = { name: "", count: 0, at: 0 };
  const consider = (name: string, count: number) => {
    const at = opening.indexOf(name);
    if (count > best.count || (count === best.count && at < best.at)) Object.assign(best, { name, count, at });
  };
  for (const [name, count] of countDivisionNames(opening)) {
    if ((byName.get(name) ?? []).some((d) => fitsUnit(d, unit))) consider(name, count);
  }
  if (best.count === 0 && (unit === "州" || unit === "旗" || unit === "自治州")) {
    // 法治巴州, 东乌旗: the usual short forms of 自治州 and 旗 names.
    const suffix = unit === "旗" ? "旗" : "州";
    const counts = new Map<string, number>();
    for (const m of opening.matchAll(new RegExp(`[\\u4e00-\\u9fa5]{1,3}(?=${suffix})`, "g"))) {
      const body = m[0];
      for (let from = 0; from < body.length; from++) {
        const token = body.slice(from) + suffix;
        const expanded = expandAbbreviation(token).filter((d) => fitsUnit(d, unit));
        if (expanded.length === 1) {
          const full = expanded[0]!.name;
          counts.set(full, (counts.get(full) ?? 0) + 1);
          break;
        }
      }
    }
    for (const [name, count] of counts) consider(name, count);
  }
  if (best.count === 0) return null;
  const candidates = (byName.get(best.name) ?? expandAbbreviation(best.name)).filter((d) => fitsUnit(d, unit));
  if (candidates.length === 0) return null;
  return placeOf(resolveAmong(candidates, [], opening), best.name);
}

interface Resolution {
  division: Division | null;
  candidates: Division[];
}

function resolve(name: string, enclosing: string[], context: string): Resolution {
  const listed = divisions().byName.get(name) ?? [];
  return resolveAmong(listed.length > 0 ? listed : expandAbbreviation(name), enclosing, context);
}

/**
 * One division among same-named ones: the one inside the places printed before it (龙岩市永定区),
 * else the one whose city or province the text names most.
 */
function resolveAmong(candidates: Division[], enclosing: string[], context: string): Resolution {
  let pool = candidates;
  if (enclosing.length > 0) {
    const inside = pool.filter((d) => enclosing.every((name) => ancestors(d).some((a) => a.name === name)));
    if (inside.length > 0) pool = inside;
  }
  if (pool.length === 1) return { division: pool[0]!, candidates: pool };
  const scored = pool.map((d) => ({ d, score: ancestorMentions(d, context) }));
  scored.sort((a, b) => b.score - a.score);
  const [first, second] = scored;
  if (first && first.score > 0 && (!second || first.score > second.score)) return { division: first.d, candidates: pool };
  return { division: null, candidates: pool };
}

function ancestorMentions(division: Division, text: string): number {
  let score = 0;
  for (const up of ancestors(division)) {
    score += occurrences(text, up.name);
    const short = shortName(up.name);
    if (short && up.level === "province") score += occurrences(text, short);
  }
  return score;
}

function occurrences(text: string, needle: string): number {
  let n = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) n++;
  return n;
}

function placeOf(resolution: Resolution, printed: string): Place {
  const { division, candidates } = resolution;
  if (division) {
    return { region: division.name, level: division.level, divisionCode: division.code, parent: parentName(division), ambiguous: [] };
  }
  const first = candidates[0];
  const sameLevel = candidates.every((d) => d.level === first?.level);
  const parents = new Set(candidates.map((d) => d.parent?.parent?.code ?? d.parent?.code));
  const commonProvince = first && parents.size === 1 && first.level === "county" ? ancestors(first)[0] : undefined;
  const name = candidates.every((d) => d.name === first?.name) && first ? first.name : printed;
  return {
    region: name,
    level: sameLevel && first ? first.level : levelOfUnit(name),
    divisionCode: null,
    parent: commonProvince?.name ?? null,
    ambiguous: candidates.map((d) => parentName(d) ?? d.name),
  };
}
