/**
 * Measure words, by what they count. A ranking or a comparison table puts side by side only figures
 * of one class: 718场次 and 167次 are both events, 97项 and 11个 both items, but 54起 (cases) and 3次
 * (events) are not the same measure.
 */
const CLASSES: Record<string, string> = {
  件: "case",
  宗: "case",
  起: "case",
  卷: "case",
  次: "event",
  场: "event",
  场次: "event",
  期: "event",
  人: "person",
  名: "person",
  位: "person",
  人次: "person-time",
  批: "batch",
  批次: "batch",
  家: "entity",
  户: "entity",
  个: "item",
  项: "item",
  条: "entry",
  份: "document",
  部: "document",
  张: "document",
  所: "place",
  元: "money",
  "%": "ratio",
  "％": "ratio",
  "‰": "ratio",
};

/** The measure word a figure ends with (925.1756万元 → 元, 718场次 → 场次), or "" for a bare number. */
function unitOf(figure: string): string {
  const m = /(人次|场次|批次|[件宗起卷次场期人名位批家户个项条份部张所元%％‰])$/.exec(figure);
  return m ? m[1]! : "";
}

/** What a figure counts: case, event, person, ratio, money …; "" when its unit is unknown. */
export function unitClass(figure: string): string {
  return CLASSES[unitOf(figure)] ?? "";
}

/** Classes 件 may stand for: 合同87件 and 合同11份 count the same things; 件 and 人 do not. */
const GENERIC_COUNT = new Set(["case", "document", "item"]);

/** Whether two figures can be ranked together: one class, or 件 beside a case, document or item count. */
export function sameMeasure(a: string, b: string): boolean {
  const ca = unitClass(a);
  const cb = unitClass(b);
  if (ca === cb) return true;
  const generic = (f: string, other: string) => unitOf(f) === "件" && GENERIC_COUNT.has(other);
  return generic(a, cb) || generic(b, ca);
}

/** The measure word a question asks in: 多少件 → 件, 几个 → 个, 比例/率 → %. */
export function askedUnit(question: string): string | null {
  const m = /(?:多少|几)(人次|场次|批次|[件宗起卷次场期人名位批家户个项条份部张所元])/.exec(question);
  if (m) return m[1]!;
  // 哪个区场次最多 / 人数最多: the measure word named without 多少.
  const named = /(人次|场次|批次|件数|人数|户数|家数)/.exec(question);
  if (named) return named[1]!.replace(/数$/, "");
  if (/比例|比率|占比|百分之|几成|[^效]率/.test(question)) return "%";
  if (/多少钱|金额|资金|经费|费用/.test(question)) return "元";
  return null;
}

/** The numeric value of a figure for ranking (1.5万 → 15000, 96.73% → 96.73). */
export function valueOf(figure: string): number {
  const m = /(\d+(?:[.,]\d+)*)\s*(万|亿|千|百)?/.exec(figure);
  if (!m) return Number.NaN;
  const n = Number(m[1]!.replace(/,/g, ""));
  const scale = { 万: 1e4, 亿: 1e8, 千: 1e3, 百: 1e2 }[m[2] as "万"] ?? 1;
  return n * scale;
}

/**
 * Verbs that say what a figure counts: 收到 247 applications is not 受理 133 cases. A ranking ranks
 * figures of one verb (the question's, else the one most reports use) and names the others.
 */
const MEASURE_VERBS =
  /新收|收到|接收|受理|办理|办结|审结|结案|立案|查处|处理|调解|化解|开展|组织|举办|培训|抽查|检查|评查|审查|审核|出具|发放|走访|接待|培育|入驻|提供|参与|印发|制定|清理|公开|撤销|纠正|移送/g;

/** The measure verbs of a clause (or question), in order of appearance. */
export function measureVerbs(text: string): string[] {
  return [...new Set([...text.matchAll(MEASURE_VERBS)].map((m) => m[0]))];
}

/** A total rather than a part of one: 全年共收到…, 累计受理… */
export const TOTAL = /共|累计|全年|全区|总计|合计|总数|全部/;
