/**
 * From extracted page text to the report's own lines: normalised whitespace, page debris removed
 * (after reading the fields that are metadata), and a body repeated on the same page kept once.
 * Every step is a single pass over lines, so a 2 MB single-line file costs no more than its size.
 */

export interface PageFields {
  /** 来源 as printed, e.g. 鱼峰区人民政府 or 本网. */
  source: string | null;
  /** ISO date from 发布时间 / 发布日期 / 生成日期, or a bare date line in the page header. */
  publishedAt: string | null;
  /** 发布机构 */
  issuer: string | null;
  /** 标题, where the page prints the title as a field. */
  title: string | null;
}

export interface CleanPage {
  lines: string[];
  fields: PageFields;
}

export function cleanPage(raw: string): CleanPage {
  const fields: PageFields = { source: null, publishedAt: null, issuer: null, title: null };
  let bareDate: string | null = null;
  const kept: string[] = [];
  for (const rawLine of withoutRunningLines(raw)) {
    const line = rawLine.replace(/ {2,}/g, " ").trim();
    if (line === "") continue;
    const bare = stripBullet(line);
    if (bare.length <= 200 && isFieldLine(bare)) {
      readFields(bare, fields);
      continue;
    }
    if (bare.length <= 80) {
      if (isDebris(bare)) continue;
      if (BARE_DATE.test(bare)) {
        bareDate ??= toIsoDate(bare);
        continue;
      }
    }
    kept.push(line);
  }
  fields.publishedAt ??= bareDate;
  return { lines: dropRepeatedBody(kept), fields };
}

/** CRLF/CR line ends, NBSP, full-width and other exotic spaces, zero-width characters. Form feeds (page breaks) stay. */
function normalizeWhitespace(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\v]/g, " ")
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, "");
}

/**
 * The lines of the text without the running header and footer of paged documents (PDF text and
 * pdftotext output separate pages with form feeds): a first or last line of a page that recurs,
 * page numbers aside, on at least half of the pages.
 */
function withoutRunningLines(raw: string): string[] {
  const pages = normalizeWhitespace(raw).split("\f");
  if (pages.length < 3) return pages.join("\n").split("\n");
  const key = (line: string) => line.replace(/\s+/g, "").replace(/\d+/g, "#");
  const edges = pages.map((page) => {
    const lines = page.split("\n").filter((line) => line.trim() !== "");
    return new Set([lines[0], lines[1], lines[lines.length - 2], lines[lines.length - 1]].filter((l): l is string => l !== undefined).map(key));
  });
  const seen = new Map<string, number>();
  for (const set of edges) for (const k of set) seen.set(k, (seen.get(k) ?? 0) + 1);
  const running = new Set([...seen].filter(([k, n]) => k !== "" && n >= Math.max(2, pages.length / 2)).map(([k]) => k));
  return pages.flatMap((page, i) => page.split("\n").filter((line) => !(running.has(key(line)) && edges[i]?.has(key(line)))));
}

function stripBullet(line: string): string {
  return line.replace(/^(?:[•·●▪◆■*]|-(?= ))\s*/, "");
}

const FIELD_KEYS = [
  "来源", "信息来源", "文章来源", "来源单位", "发布时间", "发布日期", "更新时间", "更新日期", "时间", "日期", "发布机构", "发布单位",
  "发文机关", "发文机构", "制发机构", "生成日期", "成文日期", "成文时间", "发文时间", "发文日期", "索引号", "主题分类", "体裁分类",
  "文件编号", "发文字号", "文号", "有效性", "效力状态", "公开范围", "公开方式", "浏览次数", "阅读次数", "访问次数", "点击数", "字体",
  "字号", "作者", "责任编辑", "标题", "内容概述",
]
  // Pages print keys letter-spaced (索 引 号).
  .map((key) => [...key].join("\\s*"))
  .join("|");
/** 来源：… or a bracketed key, [ 发布机构 ] …, as field tables print it. */
const FIELD_AT_START = new RegExp(`^(?:[【\\[|]?\\s*(?:${FIELD_KEYS})\\s*[:：]|[【\\[]\\s*(?:${FIELD_KEYS})\\s*[】\\]])`);
const FIELD_ANYWHERE = new RegExp(`(${FIELD_KEYS})\\s*(?:[:：]|[】\\]])`, "g");

function isFieldLine(line: string): boolean {
  return FIELD_AT_START.test(line);
}

function readFields(line: string, fields: PageFields): void {
  const matches = [...line.matchAll(FIELD_ANYWHERE)];
  matches.forEach((match, i) => {
    const key = (match[1] ?? "").replace(/\s+/g, "");
    const from = (match.index ?? 0) + match[0].length;
    const to = matches[i + 1]?.index ?? line.length;
    const value = line
      .slice(from, to)
      .replace(/[|【】[\]]/g, " ")
      .replace(/ {2,}/g, " ")
      .trim();
    if (value === "") return;
    const first = value.split(" ")[0] ?? value;
    if (/来源/.test(key)) fields.source ??= first;
    else if (/^(?:发布机构|发布单位|发文机关|发文机构|制发机构)$/.test(key)) fields.issuer ??= first;
    else if (key === "标题") fields.title ??= value.replace(/\s+/g, "");
    else if (/^(?:发布|更新|生成|成文|发文)?(?:时间|日期)$/.test(key)) fields.publishedAt ??= toIsoDate(value);
  });
}

const BARE_DATE = /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?: \d{1,2}:\d{2}(?::\d{2})?)?$/;

const CHINESE_DIGITS: Record<string, number> = { 〇: 0, 零: 0, O: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 二〇二四 → 2024; 十五 → 15; 二十 → 20; 三十一 → 31. */
function chineseNumber(text: string): number {
  if (!text.includes("十")) return Number([...text].map((ch) => CHINESE_DIGITS[ch] ?? "").join(""));
  const [tens, ones] = text.split("十");
  return (tens ? (CHINESE_DIGITS[tens] ?? 0) : 1) * 10 + (ones ? (CHINESE_DIGITS[ones] ?? 0) : 0);
}

const CN = "[〇零O一二三四五六七八九十]";

/** First date in `text` (2024-03-01, 2024/3/1, 2024年3月1日, 二〇二四年三月十五日) as ISO, or null. */
export function toIsoDate(text: string): string | null {
  const arabic = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/.exec(text);
  const chinese = arabic ? null : new RegExp(`(${CN}{4})年(${CN}{1,2})月(${CN}{1,3})日`).exec(text);
  const m = arabic ?? (chinese ? [chinese[0], chineseNumber(chinese[1] ?? ""), chineseNumber(chinese[2] ?? ""), chineseNumber(chinese[3] ?? "")] : null);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

const DEBRIS_LINES: RegExp[] = [
  /^[\s\-_=|•·*~^【】[\]<>《》()（）:：.。,，]*$/,
  /^(?:政府)?信息公开$/,
  /扫一扫/,
  /^分享到/,
  /门户网站$/,
  /即将离开/,
  /是否继续[?？]?$/,
  /^(?:当前位置|您的位置|您当前的位置|您现在的位置|您所在的位置)/,
  /^今天是/,
  /^(?:首页|网站首页)\s*[>›»]/,
  /^(?:上一篇|下一篇)/,
  /^(?:相关链接|相关阅读|相关文件|附件下载|附件)[:：]?$/,
  /版权所有|ICP备|网站标识码|公网安备|技术支持[:：]/,
  /^(?:主办|承办)(?:单位)?[:：]/,
  /^(?:联系我们|网站地图|加入收藏|设为首页)/,
  // Page numbers printed by PDFs and Word: "- 3 -", "3", "第 3 页 共 12 页", "3/12".
  /^[-—–\s]*\d{1,4}[-—–\s]*$/,
  /^第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?$/,
  /^\d{1,4}\s*\/\s*\d{1,4}$/,
];

/** Words that make up navigation bars and toolbars; a short line of only these is debris. */
const DEBRIS_WORDS = new Set([
  "无障碍",
  "无障碍浏览",
  "长者模式",
  "关怀版",
  "简体",
  "繁体",
  "简体版",
  "繁体版",
  "简",
  "繁",
  "English",
  "打印",
  "打印本页",
  "关闭",
  "关闭窗口",
  "分享",
  "收藏",
  "首页",
  "登录",
  "注册",
  "搜索",
  "大",
  "中",
  "小",
  "返回",
  "返回顶部",
  "微信",
  "微博",
  "QQ空间",
  "朋友圈",
  "字体",
  "字号",
  "默认",
]);

function isDebris(line: string): boolean {
  if (DEBRIS_LINES.some((re) => re.test(line))) return true;
  const tokens = line.split(/[\s|/·•]+/).filter((t) => t !== "");
  return (
    tokens.length > 0 &&
    tokens.every((token) => {
      const word = token.replace(/^[【[]+|[】\]]+$/g, "");
      return word === "" || DEBRIS_WORDS.has(word);
    })
  );
}

/**
 * Scraped pages sometimes carry the report twice. A line seen before is dropped when it is long
 * enough to be a real passage, or when a neighbour is a repeat too (a repeated run: headings,
 * signature lines). A short line repeated on its own (a common sub-heading) is kept.
 */
function dropRepeatedBody(lines: string[]): string[] {
  const seen = new Set<string>();
  const repeated = lines.map((line) => {
    const key = line.replace(/\s+/g, "");
    const was = seen.has(key);
    seen.add(key);
    return was;
  });
  return lines.filter((line, i) => {
    if (!repeated[i]) return true;
    if (line.length >= 16) return false;
    return !(repeated[i - 1] === true || repeated[i + 1] === true);
  });
}
