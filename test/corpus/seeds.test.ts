import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import type { Report, SectionKind } from "../../src/corpus/report.js";

/** The five real reports shipped in corpus/, each with the shape that makes it hard. */

const corpusDir = fileURLToPath(new URL("../../corpus", import.meta.url));
let reports: Report[];

beforeAll(async () => {
  const loaded = await loadCorpus(corpusDir);
  expect(loaded.skipped).toEqual([]);
  reports = loaded.reports;
});

function seed(fileStart: string): Report {
  const report = reports.find((r) => r.source.split("/").pop()?.startsWith(fileStart));
  if (!report) throw new Error(`seed ${fileStart} not loaded`);
  return report;
}

/** The top-level parts in order, each with the kind its sections carry. */
function topLevelParts(report: Report): Array<{ heading: string; kind: SectionKind }> {
  const parts: Array<{ heading: string; kind: SectionKind }> = [];
  for (const section of report.sections) {
    const heading = section.path[0];
    if (heading !== undefined && parts[parts.length - 1]?.heading !== heading) parts.push({ heading, kind: section.kind });
  }
  return parts;
}

function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

describe("seed reports", () => {
  it("loads all five seeds", () => {
    expect(reports).toHaveLength(5);
  });

  it("东湖区: issuer from the 发布机构 table, no title, about 2022 though published 2023-01-17", () => {
    const r = seed("000");
    expect(r).toMatchObject({
      title: null,
      region: "东湖区",
      level: "county",
      divisionCode: "360102",
      parent: "江西省南昌市",
      issuerKind: "government",
      issuer: "东湖区人民政府",
      year: 2022,
      publishedAt: "2023-01-17",
    });
    expect(r.warnings).toContain("未找到标题");
    expect(topLevelParts(r).map((p) => p.kind)).toEqual([
      "measures",
      "measures",
      "measures",
      "measures",
      "measures",
      "problems",
      "plans",
    ]);
    expect(r.sections.map((s) => s.path)).toContainEqual(["一、践行习近平法治思想,纵深推进法治政府建设", "(一)科学部署规划"]);
    expect(r.sections[0]?.kind).toBe("intro");
    expect(r.text).not.toMatch(/索引号|主题分类|公开方式/);
  });

  it("安居区: title echo and signature kept out of sections, about 2016, published 2017-09-11", () => {
    const r = seed("001");
    expect(r).toMatchObject({
      title: "遂宁市安居区人民政府关于安居区2016年度法治政府建设情况的报告",
      region: "安居区",
      level: "county",
      divisionCode: "510904",
      parent: "四川省遂宁市",
      issuerKind: "government",
      issuer: "遂宁市安居区人民政府",
      year: 2016,
      publishedAt: "2017-09-11",
      warnings: [],
    });
    expect(topLevelParts(r)).toEqual([
      { heading: "一、工作开展情况", kind: "measures" },
      { heading: "二、存在的问题", kind: "problems" },
      { heading: "三、2017年工作打算", kind: "plans" },
    ]);
    expect(r.sections.map((s) => s.path)).toContainEqual(["三、2017年工作打算", "(四)全面推进政务公开"]);
    expect(r.text).not.toMatch(/报 告|扫一扫|浏览次数/);
    const last = r.sections[r.sections.length - 1];
    expect(last?.text).not.toContain("2017年3月28日");
    expect(last?.text.endsWith("形成化解社会矛盾纠纷工作合力。")).toBe(true);
  });

  it("澄海区: a department's report, page debris stripped", () => {
    const r = seed("002");
    expect(r).toMatchObject({
      title: "澄海区司法局2023年法治政府建设年度报告",
      region: "澄海区",
      level: "county",
      divisionCode: "440515",
      parent: "广东省汕头市",
      issuerKind: "department",
      issuer: "澄海区司法局",
      year: 2023,
      publishedAt: "2024-02-01",
    });
    expect(topLevelParts(r).map((p) => p.kind)).toEqual([
      "measures",
      "measures",
      "measures",
      "measures",
      "measures",
      "problems",
      "plans",
    ]);
    expect(r.sections.map((s) => s.path)).toContainEqual(["六、存在问题", "(一)思想认识不到位"]);
    expect(r.text).not.toMatch(/扫一扫|分享到|即将离开|字体|-_-|^澄海区人民政府门户网站$/m);
    // The page header's bare date line is the publication date and leaves the text.
    expect(r.text).not.toContain("2024-02-01");
  });

  it("鱼峰区: the body printed twice on the page is kept once", () => {
    const r = seed("003");
    expect(r).toMatchObject({
      title: "鱼峰区人民政府关于2023年法治政府建设工作情况的报告",
      region: "鱼峰区",
      level: "county",
      divisionCode: "450203",
      parent: "广西壮族自治区柳州市",
      issuerKind: "government",
      issuer: "鱼峰区人民政府",
      year: 2023,
      publishedAt: "2024-03-01",
    });
    expect(occurrences(r.text, "全年共收到行政复议申请70件")).toBe(1);
    expect(r.sections.filter((s) => s.text.includes("全年共收到行政复议申请70件"))).toHaveLength(1);
    expect(topLevelParts(r)).toEqual([
      { heading: "一、法治政府建设主要措施和工作成效", kind: "measures" },
      { heading: "二、存在的问题", kind: "problems" },
      { heading: "三、2024年工作计划", kind: "plans" },
    ]);
    const section = r.sections.find((s) => s.heading === "(三)示范创建和法治监督双向发力");
    expect(section?.path).toEqual(["一、法治政府建设主要措施和工作成效", "(三)示范创建和法治监督双向发力"]);
    expect(section?.kind).toBe("measures");
    expect(r.sections.every((s) => !s.text.includes("2024年3月1日"))).toBe(true);
  });

  it("水磨沟区: no title, the issuer read from the opening sentence, three heading levels down to 1./2.", () => {
    const r = seed("004");
    expect(r).toMatchObject({
      title: null,
      region: "水磨沟区",
      level: "county",
      divisionCode: "650105",
      parent: "新疆维吾尔自治区乌鲁木齐市",
      issuerKind: "government",
      issuer: "水磨沟区人民政府",
      year: 2024,
      publishedAt: null,
    });
    expect(r.warnings).toEqual(["未找到标题", "发布机构未写明，按正文推断为水磨沟区人民政府", "未找到发布日期"]);
    expect(topLevelParts(r).map((p) => p.kind)).toEqual(["measures", "problems", "plans"]);
    expect(r.sections.map((s) => s.path)).toContainEqual([
      "一、2024年法治政府建设情况",
      "(一)坚持党对法治政府建设的领导",
      "1.坚持高位推动",
    ]);
    // 一是/二是 items stay inside their part's text.
    const plans = r.sections.filter((s) => s.kind === "plans");
    expect(plans).toHaveLength(1);
    expect(plans[0]?.text).toContain("五是加强基层法治人才队伍建设");
  });

  it("sections are exact, ordered, non-overlapping slices with clean headings", () => {
    for (const r of reports) {
      let previousEnd = 0;
      r.sections.forEach((s, i) => {
        expect(s.text).toBe(r.text.slice(s.start, s.end));
        expect(s.start).toBeGreaterThanOrEqual(previousEnd);
        expect(s.id).toBe(`${r.id}-${i + 1}`);
        expect(s.reportId).toBe(r.id);
        expect(s.heading).toBe(s.path[s.path.length - 1] ?? "");
        expect(s.heading).not.toMatch(/[。\n]/);
        previousEnd = s.end;
      });
      expect(r.id).toMatch(/^[0-9a-f]{8}$/);
    }
  });

  it("gives the same ids and text when parsed again", async () => {
    const again = await loadCorpus(corpusDir);
    expect(again.reports.map((r) => [r.id, r.text, r.sections.map((s) => s.id)])).toEqual(
      reports.map((r) => [r.id, r.text, r.sections.map((s) => s.id)]),
    );
    expect(new Set(reports.map((r) => r.id)).size).toBe(reports.length);
  });
});
