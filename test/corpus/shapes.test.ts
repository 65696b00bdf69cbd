import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCorpus, readReportFile } from "../../src/corpus/load-corpus.js";
import type { Report } from "../../src/corpus/report.js";
import { parseHeading } from "../../src/corpus/structure.js";
import { makeDocx, makePdf } from "./fixture-files.js";

/** Report shapes the seeds lack (test/fixtures/corpus/shapes) and the binary formats. */

const shapesDir = fileURLToPath(new URL("../fixtures/corpus/shapes", import.meta.url));
let reports: Report[];

beforeAll(async () => {
  const loaded = await loadCorpus(shapesDir);
  expect(loaded.skipped).toEqual([]);
  reports = loaded.reports;
});

function shape(name: string): Report {
  const report = reports.find((r) => r.source === join(shapesDir, name));
  if (!report) throw new Error(`${name} not loaded`);
  return report;
}

function topLevel(report: Report): string[] {
  return [...new Set(report.sections.flatMap((s) => s.path.slice(0, 1)))];
}

describe("report shapes", () => {
  it("top level numbered 1./2./3. with （1） items and full-width punctuation", () => {
    const r = shape("numbered-parts.txt");
    expect(topLevel(r)).toEqual(["1.法治政府建设主要举措", "2.存在的不足", "3.2023年工作打算"]);
    expect(r.sections.map((s) => s.kind)).toEqual([
      "intro",
      "measures",
      "measures",
      "measures",
      "problems",
      "problems",
      "plans",
      "plans",
    ]);
    expect(r.sections[1]?.path).toEqual(["1.法治政府建设主要举措", "（1）加强组织领导"]);
    expect(r).toMatchObject({
      region: "长丰县",
      level: "county",
      divisionCode: "340121",
      parent: "安徽省合肥市",
      year: 2022,
      publishedAt: "2023-02-10",
    });
    // The title names the county, not an organ: the county government, said to be inferred.
    expect(r).toMatchObject({ issuer: "长丰县人民政府", issuerKind: "government" });
    expect(r.warnings).toEqual(["发布机构未写明，按正文推断为长丰县人民政府"]);
  });

  it("no title: issuer and date from the signature, which stays out of the last section", () => {
    const r = shape("no-title.txt");
    // A township: a region below the three levels, so no level and no code.
    expect(r).toMatchObject({
      title: null,
      issuer: "城关镇人民政府",
      issuerKind: "government",
      region: "城关镇",
      level: null,
      divisionCode: null,
      year: 2023,
      publishedAt: "2024-01-15",
    });
    expect(r.warnings).toEqual(["未找到标题"]);
    expect(r.sections[0]?.kind).toBe("intro");
    expect(r.sections[r.sections.length - 1]?.text).toBe(
      "三、下一步工作计划\n继续加强村（社区）法律顾问工作，推动法治宣传进村入户，提升基层治理法治化水平。",
    );
  });

  it("a department's report: issuer is the department, region its district", () => {
    const r = shape("department.txt");
    expect(r).toMatchObject({
      title: "西湖区市场监督管理局2023年法治政府建设年度报告",
      issuer: "西湖区市场监督管理局",
      issuerKind: "department",
      region: "西湖区",
      level: "county",
      // 西湖区 is also a district of 南昌市; the text names 杭州市.
      divisionCode: "330106",
      parent: "浙江省杭州市",
      year: 2023,
      publishedAt: "2024-01-26",
      warnings: [],
    });
    expect(r.sections.map((s) => s.kind)).toEqual(["intro", "measures", "problems", "plans"]);
    expect(r.text).not.toContain("浏览次数");
  });

  it("a report naming its province and city keeps them apart from the region", () => {
    const r = shape("city-and-province.txt");
    expect(r).toMatchObject({
      issuer: "浙江省湖州市吴兴区人民政府",
      issuerKind: "government",
      region: "吴兴区",
      level: "county",
      divisionCode: "330502",
      parent: "浙江省湖州市",
      year: 2023,
      publishedAt: "2024-03-20",
    });
    expect(r.sections.map((s) => s.kind)).toEqual(["intro", "measures", "measures", "problems", "plans"]);
  });

  it("an HTML page: markup, scripts and page debris gone, paragraphs kept", () => {
    const r = shape("page.html");
    expect(r).toMatchObject({
      title: "南山区司法局2023年法治政府建设年度报告",
      issuer: "南山区司法局",
      region: "南山区",
      parent: "广东省深圳市",
      year: 2023,
      publishedAt: "2024-02-20",
    });
    expect(r.text).not.toMatch(/pageId|font-size|无障碍|扫一扫|分享到|版权所有|打印/);
    expect(r.sections.map((s) => s.path)).toContainEqual(["一、主要工作", "（二）加强行政复议工作"]);
    expect(r.sections.find((s) => s.heading === "（二）加强行政复议工作")?.text).toBe(
      "（二）加强行政复议工作。全年办结行政复议案件418件，综合纠错率12.4%。",
    );
  });
});

describe("HTML tables", () => {
  it("reads a field table like the seed pages and keeps data-table rows on one line each", () => {
    const r = shape("field-table.htm");
    expect(r).toMatchObject({ title: null, issuer: "思明区人民政府", region: "思明区", year: 2023, publishedAt: "2024-03-05" });
    expect(r.text).not.toMatch(/索引号|公开方式|政府信息公开/);
    expect(r.sections.find((s) => s.heading === "一、主要成效")?.text).toContain("行政复议申请 | 133件 |");
    expect(r.sections.map((s) => s.kind)).toEqual(["intro", "measures", "problems", "plans"]);
    expect(r.sections[3]?.text).toBe("三、下一步工作\n一是完善重大行政决策程序。\n二是加强行政执法监督。");
  });
});

describe("binary formats", () => {
  const lines = [
    "江北区人民政府关于2022年法治政府建设情况的报告",
    "2022年，江北区认真贯彻落实法治政府建设实施纲要，各项工作取得新进展，现将有关情况报告如下。",
    "一、主要工作",
    "（一）深化行政复议改革。全年收到行政复议申请52件，依法办结49件。",
    "二、存在的问题",
    "行政执法规范化水平仍需提高。",
    "三、下一步工作打算",
    "持续推进严格规范公正文明执法。",
  ];
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "corpus-binary-"));
    await writeFile(join(dir, "report.docx"), await makeDocx(lines));
    await writeFile(join(dir, "report.pdf"), makePdf(lines));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(["report.docx", "report.pdf"])("reads the text of %s", async (name) => {
    const r = await readReportFile(join(dir, name), dir);
    expect(r.title).toBe(lines[0]);
    expect(r).toMatchObject({ region: "江北区", issuer: "江北区人民政府", year: 2022 });
    expect(r.text).toContain("全年收到行政复议申请52件");
    expect(r.sections.map((s) => s.kind)).toEqual(["intro", "measures", "problems", "plans"]);
  });
});

describe("headings", () => {
  it.each([
    ["一、践行习近平法治思想,纵深推进法治政府建设", "一、践行习近平法治思想,纵深推进法治政府建设", false],
    ["(一)科学部署规划。坚持将法治政府建设纳入全区发展总体规划", "(一)科学部署规划", true],
    ["（三）开展示范创建。积极参与", "（三）开展示范创建", true],
    ["1.坚持高位推动。区政府始终把学习贯彻", "1.坚持高位推动", true],
    ["3.2023年工作打算", "3.2023年工作打算", false],
    ["（2）规范行政决策。全年审查", "（2）规范行政决策", true],
  ])("%s → %s", (line, heading, inlineBody) => {
    expect(parseHeading(line)).toMatchObject({ text: heading, inlineBody });
  });

  it.each(["2.5亿元资金全部到位。", "一是完善日常学法制度。", "2022年,东湖区委", `一、${"很长的一句话".repeat(20)}`])(
    "%s is body text",
    (line) => {
      expect(parseHeading(line)).toBeNull();
    },
  );
});
