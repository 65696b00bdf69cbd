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
}

export interface CleanPage {
  lines: string[];
  fields: PageFields;
}

export function cleanPage(raw: string): CleanPage {
  const fields: PageFields = { source: null, publishedAt: null, issuer: null };
  let bareDate: string | null = null;
  const kept: string[] = [];
  for (const rawLine of normalizeWhitespace(raw).split("\n")) {
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

/** CRLF/CR line ends, NBSP, full-width and other exotic spaces, zero-width characters. */
function normalizeWhitespace(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]/g, " ")
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, "");
}

function stripBullet(line: string): string {
  return line.replace(/^[•·●▪◆■*]\s*/, "");
}

const FIELD_KEYS =
  "来源|信息来源|发布时间|发布日期|发布机构|生成日期|成文日期|索引号|主题分类|文件编号|发文字号|有效性|公开范围|公开方式|浏览次数|阅读次数|访问次数|点击数|字体|字号|作者|责任编辑";
const FIELD_AT_START = new RegExp(`^[【\\[|]?\\s*(?:${FIELD_KEYS})\\s*[:：]`);
const FIELD_ANYWHERE = new RegExp(`(${FIELD_KEYS})\\s*[:：]`, "g");

function isFieldLine(line: string): boolean {
  return FIELD_AT_START.test(line);
}

function readFields(line: string, fields: PageFields): void {
  const matches = [...line.matchAll(FIELD_ANYWHERE)];
  matches.forEach((match, i) => {
    const key = match[1] ?? "";
    const from = (match.index ?? 0) + match[0].length;
    const to = matches[i + 1]?.index ?? line.length;
    const value = line
      .slice(from, to)
      .replace(/[|【】[\]]/g, " ")
      .replace(/ {2,}/g, " ")
      .trim();
    if (value === "") return;
    if (key === "来源" || key === "信息来源") fields.source ??= value.split(" ")[0] ?? value;
    else if (key === "发布机构") fields.issuer ??= value.split(" ")[0] ?? value;
    else if (key === "发布时间" || key === "发布日期" || key === "生成日期" || key === "成文日期") {
      fields.publishedAt ??= toIsoDate(value);
    }
  });
}

const BARE_DATE = /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?: \d{1,2}:\d{2}(?::\d{2})?)?$/;

/** First date in `text` (2024-03-01, 2024/3/1, 2024年3月1日) as ISO, or null. */
export function toIsoDate(text: string): string | null {
  const m = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/.exec(text);
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
  /^(?:当前位置|您的位置|您当前的位置|您现在的位置)/,
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
