/**
 * The year a report is about. In order: the title (2023年度 / 2023年; a span 2015-2020年 counts as
 * its last year), else the opening's own year (“2023年，我区…”, 一、2023年工作情况), else the year
 * before publication. Years inside 《document titles》, “quotations”, spans and plans (到2025年)
 * are never the report's year.
 */

export interface YearSources {
  title: string | null;
  /** The opening text before the first heading, then the first top-level headings. */
  opening: string;
  publishedAt: string | null;
}

export interface ReportYear {
  year: number | null;
  /** Chinese notes: sources that disagree, a year inferred from the publication date. */
  warnings: string[];
}

const YEAR = /((?:19|20)\d{2})\s*(?:[-—–~至到](?:19|20)?(\d{2,4})\s*)?年/g;

export function findYear(src: YearSources): ReportYear {
  const warnings: string[] = [];
  const titleYear = src.title ? firstYear(src.title, false) : null;
  const openingYear = firstYear(src.opening.slice(0, 1200), true);
  const published = src.publishedAt ? Number(src.publishedAt.slice(0, 4)) : null;

  let year = titleYear?.year ?? openingYear?.year ?? null;
  if (titleYear?.span) warnings.push(`报告涵盖${titleYear.span}，按最后一年计`);
  if (titleYear && openingYear && titleYear.year !== openingYear.year) {
    warnings.push(`年份来源不一致：标题为${titleYear.year}年，正文开头为${openingYear.year}年，按标题计`);
  }
  if (year === null && published !== null) {
    year = published - 1;
    warnings.push(`未写明报告年份，按发布日期（${src.publishedAt}）推断为${year}年`);
  } else if (year !== null && published !== null && year > published) {
    warnings.push(`年份来源不一致：报告年份${year}年晚于发布日期${src.publishedAt}`);
  }
  return { year, warnings };
}

interface FoundYear {
  year: number;
  /** e.g. 2015—2020年, when the text gives a span. */
  span: string | null;
}

/**
 * The first year in the text that is not inside 《》 or quotation marks, not part of a plan
 * (到/至2025年) and, in running text, not a date (2019年1月7日 is an event inside the year).
 */
function firstYear(text: string, runningText: boolean): FoundYear | null {
  const hidden = hiddenRanges(text);
  let date: FoundYear | null = null;
  for (const m of text.matchAll(YEAR)) {
    const at = m.index ?? 0;
    if (hidden.some(([from, to]) => at >= from && at < to)) continue;
    const before = text.slice(Math.max(0, at - 2), at);
    if (/[到至]$/.test(before) && !before.endsWith("截至")) continue;
    if (/[（(]$/.test(before)) continue;
    const start = Number(m[1]);
    let year = start;
    let span: string | null = null;
    if (m[2]) {
      const end = m[2].length === 2 ? Math.floor(start / 100) * 100 + Number(m[2]) : Number(m[2]);
      if (end <= start || end - start > 10) continue;
      if (runningText) continue;
      year = end;
      span = `${start}—${end}年`;
    }
    const after = text.slice(at + m[0].length, at + m[0].length + 4);
    if (runningText && /^\d{1,2}月/.test(after)) {
      date ??= { year, span };
      continue;
    }
    return { year, span };
  }
  return date;
}

/** Character ranges inside 《…》, “…”, "…" and （…）. */
function hiddenRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const m of text.matchAll(/《[^》\n]{0,80}》|“[^”\n]{0,300}”|"[^"\n]{0,300}"|[（(][^）)\n]{0,40}[）)]/g)) {
    ranges.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
  }
  return ranges;
}
