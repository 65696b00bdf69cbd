import { divisionNameAt, provinceAt } from "./divisions.js";
import type { IssuerKind } from "./report.js";

/**
 * Names of organs as reports print them — 广西柳州市鱼峰区人民政府, 广州市公安局增城区分局, 市司法局,
 * 东乌旗人民政府, 中共汉中市委汉中市人民政府, 我局 — split into the places they name and the organ.
 */

/** How an organ's name ends. 委 covers 卫健委 and 市委; 机关 covers 全区各级行政机关. */
const ORGAN_END =
  /(?:人民政府|政府|行政公署|管理委员会|管委会|委员会|领导小组|办公室|分局|局|厅|委|部|署|办|中心|机关|院|站|所)$/;

/** A place's own unit word (市 in 许昌市), longest first. */
const UNIT = /(?:自治区|自治州|自治县|自治旗|特别行政区|新区|开发区|地区|林区|特区|街道|省|市|区|县|旗|州|盟|镇|乡)$/;
/** Words that end a place name's reach: 公安局增城区 is an organ, then a place. */
const NOT_A_PLACE = /[局厅委办署部院所站，,、]|政府|公安|司法|机关/;
/** A unit standing for the reporting place itself: 市 in 市司法局, 全州 in 全州各级政府, 我县. */
const SELF_UNIT = /^(?:我|全|本|该)?(自治区|自治州|省|市|区|县|旗|州|盟)/;

export interface OrganName {
  /** The name as printed, spaces removed. */
  printed: string;
  /** Places printed in the name, largest first (广州市, 增城区); the last is the organ's own place. */
  places: string[];
  /** The unit the organ belongs to when the name gives only that (市 in 市司法局), else null. */
  selfUnit: string | null;
  /** What follows the places (公安局增城区分局 → 分局 of 增城区); "" for a place name alone. */
  organ: string;
}

/** Short names departments go by, both ways (市场监督管理局 / 市场监管局). */
const DEPARTMENT_SHORT_FORMS: ReadonlyArray<readonly [string, string]> = [
  ["市场监督管理局", "市场监管局"],
  ["人力资源和社会保障局", "人社局"],
  ["卫生健康委员会", "卫健委"],
  ["卫生健康委员会", "卫生健康委"],
  ["住房和城乡建设局", "住建局"],
  ["发展和改革委员会", "发改委"],
  ["文化和旅游局", "文旅局"],
  ["自然资源和规划局", "自然资源局"],
  ["综合行政执法局", "综合执法局"],
  ["城市管理局", "城管局"],
  ["医疗保障局", "医保局"],
  ["工业和信息化局", "工信局"],
];

/** A department's own name and the short names it goes by; a branch (公安局增城区分局) counts as its parent organ. */
export function departmentForms(organ: string): string[] {
  const own = /^(.+?[局厅])[\u4e00-\u9fa5]{2,8}?[区县市旗]分局$/.exec(organ)?.[1] ?? organ;
  if (own.length < 2) return [];
  const forms = new Set([own]);
  for (const [full, short] of DEPARTMENT_SHORT_FORMS) {
    if (own.endsWith(full)) forms.add(own.slice(0, -full.length) + short);
    if (own.endsWith(short)) forms.add(own.slice(0, -short.length) + full);
  }
  return [...forms];
}

export function isOrganLike(text: string): boolean {
  return ORGAN_END.test(text) || /^我[局委办院部厅署]/.test(text);
}

/** The kind of issuer an organ name denotes, or null when it names no organ. */
export function issuerKindOf(name: string): IssuerKind | null {
  if (/领导小组|依法治[省市区县旗州]|^中共|党委|[市区县旗州省]委(?:、|$|[\u4e00-\u9fa5]*人民政府)/.test(name)) return "committee";
  if (/(?:人民政府|政府|行政公署|管理委员会|管委会)$/.test(name)) return "government";
  return isOrganLike(name) ? "department" : null;
}

/** Splits an organ or place name; null when the text is neither (a sentence fragment, 本网). */
export function splitOrganName(raw: string): OrganName | null {
  const printed = raw.replace(/\s+/g, "");
  let rest = printed.replace(/^中共/, "");
  if (rest.length < 2 || rest.length > 40 || /[，,。；;:：]/.test(rest)) return null;
  const places: string[] = [];
  for (;;) {
    const known = divisionNameAt(rest);
    const province = provinceAt(rest);
    const provinceLength = province ? (rest.startsWith(province.name) ? province.name.length : shortLength(rest, province.name)) : 0;
    if (province && provinceLength >= (known?.length ?? 0)) {
      places.push(province.name);
      rest = rest.slice(provinceLength);
      continue;
    }
    if (known && (rest.length === known.length || isOrganLike(rest.slice(known.length)) || startsPlace(rest.slice(known.length)))) {
      places.push(known);
      rest = rest.slice(known.length);
      continue;
    }
    const generic = genericPlaceAt(rest);
    if (generic) {
      places.push(generic);
      rest = rest.slice(generic.length);
      continue;
    }
    break;
  }
  let selfUnit: string | null = null;
  if (places.length === 0) {
    const self = SELF_UNIT.exec(rest);
    if (self && isOrganLike(rest.slice(self[0].length))) {
      selfUnit = self[1] ?? null;
      rest = rest.slice(self[0].length);
    }
  }
  // 广州市公安局增城区分局: a branch named after its own place.
  const branch = /^(.+?[局厅])([\u4e00-\u9fa5]{2,8}?[区县市旗])(分局|支队|大队)$/.exec(rest);
  if (branch?.[2]) places.push(branch[2]);
  if (rest !== "" && !isOrganLike(rest)) return null;
  if (places.length === 0 && selfUnit === null && !isOrganLike(rest)) return null;
  return { printed, places, selfUnit, organ: rest };
}

function shortLength(text: string, provinceName: string): number {
  for (let n = provinceName.length - 1; n >= 2; n--) if (text.startsWith(provinceName.slice(0, n))) return n;
  return 0;
}

function startsPlace(text: string): boolean {
  return divisionNameAt(text) !== null || genericPlaceAt(text) !== null;
}

/**
 * A place name that is not in the division list (大鹏新区, 东乌旗): two characters or more and a
 * unit word, followed by an organ or by nothing.
 */
function genericPlaceAt(text: string): string | null {
  for (let end = 3; end <= Math.min(text.length, 12); end++) {
    const candidate = text.slice(0, end);
    if (NOT_A_PLACE.test(candidate)) return null;
    if (!UNIT.test(candidate)) continue;
    const after = text.slice(end);
    if (after === "" || isOrganLike(after) || /^[委、]/.test(after)) return candidate;
  }
  return null;
}
