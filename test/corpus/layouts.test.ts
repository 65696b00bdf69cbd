import { describe, expect, it } from "vitest";
import { toIsoDate } from "../../src/corpus/clean.js";
import { parseReport } from "../../src/corpus/parse-report.js";
import { findYear } from "../../src/corpus/report-year.js";

/** Layouts of real report pages (issue 11, item 3) and the year rules (item 2), on small inline texts. */

function parse(lines: string[]) {
  return parseReport({ id: "abcd1234", source: "test.txt", rawText: lines.join("\n") });
}

const OPENING = "2023年，临桂区坚持以习近平法治思想为指导，全面推进依法行政，法治政府建设取得新成效，现将有关情况报告如下。";
const BODY = [
  "一、主要工作",
  "（一）加强组织领导。区政府常务会议专题研究法治政府建设工作4次，全年收到行政复议申请31件。",
  "二、存在的问题",
  "基层执法力量不足，执法人员培训还不够系统。",
  "三、下一步工作计划",
  "继续深化行政执法体制改革，提升执法规范化水平。",
];

describe("titles", () => {
  it("joins a title spread over three lines after page debris, and reads the place from it", () => {
    const r = parse(["首页 > 政务公开 > 法治政府建设", "桂林市临桂区人民政府", "关于2023年法治政府建设情况的", "报 告", OPENING, ...BODY]);
    expect(r.title).toBe("桂林市临桂区人民政府关于2023年法治政府建设情况的报告");
    expect(r).toMatchObject({
      region: "临桂区",
      level: "county",
      divisionCode: "450312",
      parent: "广西壮族自治区桂林市",
      issuer: "桂林市临桂区人民政府",
      issuerKind: "government",
      year: 2023,
    });
    expect(r.sections[0]?.text).toBe(OPENING);
  });

  it("takes a title from the page's 标题 field when no line holds it", () => {
    const r = parse(["索 引 号：11450300/2024-00012", "标 题：桂林市市场监督管理局2023年法治政府建设年度报告", "发布日期：2024-02-02", OPENING.replace("临桂区", "市市场监管局"), ...BODY]);
    expect(r).toMatchObject({
      title: "桂林市市场监督管理局2023年法治政府建设年度报告",
      region: "桂林市",
      level: "city",
      parent: "广西壮族自治区",
      issuer: "桂林市市场监督管理局",
      issuerKind: "department",
      publishedAt: "2024-02-02",
    });
  });

  it("reads a province from 新疆维吾尔自治区, never 自治区 alone", () => {
    const r = parse(["新疆维吾尔自治区人民政府关于2022年法治政府建设情况的报告", "2022年，自治区人民政府坚持依法行政，现将有关情况报告如下。", ...BODY]);
    expect(r).toMatchObject({ region: "新疆维吾尔自治区", level: "province", divisionCode: "650000", parent: null, issuerKind: "government" });
  });
});

describe("the closing signature", () => {
  it("reads the issuer and a date in Chinese numerals, and keeps both out of the last section", () => {
    const r = parse([OPENING, ...BODY, "桂林市临桂区司法局", "二〇二四年三月十五日"]);
    expect(r).toMatchObject({ issuer: "桂林市临桂区司法局", issuerKind: "department", publishedAt: "2024-03-15", region: "临桂区" });
    expect(r.sections[r.sections.length - 1]?.text).toBe("三、下一步工作计划\n继续深化行政执法体制改革，提升执法规范化水平。");
  });

  it("converts dates in Chinese numerals", () => {
    expect(toIsoDate("二〇二四年三月十五日")).toBe("2024-03-15");
    expect(toIsoDate("二〇二三年十二月三十一日")).toBe("2023-12-31");
    expect(toIsoDate("二〇二四年十月一日")).toBe("2024-10-01");
  });
});

describe("bodies without numbered parts", () => {
  it("opens a section at each 一是/二是 paragraph, headed by its lead sentence", () => {
    const r = parse([
      OPENING,
      "一是加强组织领导。区政府常务会议专题研究法治政府建设工作4次，印发年度工作要点。",
      "二是规范行政决策。严格执行重大行政决策程序，全年审查重大行政决策事项12件。",
      "三是存在的问题。基层执法力量不足，执法人员培训还不够系统。",
    ]);
    expect(r.sections.map((s) => [s.path, s.kind])).toEqual([
      [[], "intro"],
      [["一是加强组织领导"], "measures"],
      [["二是规范行政决策"], "measures"],
      [["三是存在的问题"], "problems"],
    ]);
  });

  it("opens a section at each paragraph led by a short sentence", () => {
    const r = parse([
      OPENING,
      "加强组织领导。区政府常务会议专题研究法治政府建设工作4次，印发年度工作要点并逐项落实。",
      "严格规范执法。全面推行行政执法三项制度，全年评查行政执法案卷120卷，发现并整改问题23个。",
    ]);
    expect(r.sections.map((s) => s.heading)).toEqual(["", "加强组织领导", "严格规范执法"]);
  });
});

describe("attachments and tables", () => {
  it("keeps an attachment apart as a part of its own and table rows as data", () => {
    const r = parse([OPENING, ...BODY, "附件：1.2023年行政复议案件统计表", "1.行政复议申请 | 31件 | 同比增长10% |", "2.依法纠错 | 5件 | 同比持平 |"]);
    const attachment = r.sections[r.sections.length - 1];
    expect(attachment).toMatchObject({ path: ["附件：1.2023年行政复议案件统计表"], kind: "other" });
    expect(attachment?.text).toContain("1.行政复议申请 | 31件 | 同比增长10% |");
    expect(r.sections.find((s) => s.kind === "plans")?.text).not.toContain("附件");
  });
});

describe("paged documents", () => {
  it("drops a running header and footer recurring on the pages of a PDF's text", () => {
    const page = (n: number, lines: string[]) => ["临桂区人民政府文件", ...lines, `临桂区人民政府办公室 印发 第${n}页`].join("\n");
    const rawText = [page(1, ["临桂区人民政府关于2023年法治政府建设情况的报告", OPENING]), page(2, BODY.slice(0, 3)), page(3, BODY.slice(3))].join("\f");
    const r = parseReport({ id: "abcd1234", source: "test.pdf", rawText });
    expect(r.text).not.toMatch(/临桂区人民政府文件|印发 第/);
    expect(r.text).toContain("基层执法力量不足");
    expect(r.title).toBe("临桂区人民政府关于2023年法治政府建设情况的报告");
  });
});

describe("the year a report is about", () => {
  it("takes the title's year, and warns when the opening says another", () => {
    expect(findYear({ title: "临桂区2023年度法治政府建设情况报告", opening: "2022年，我区…", publishedAt: "2024-03-01" })).toEqual({
      year: 2023,
      warnings: ["年份来源不一致：标题为2023年，正文开头为2022年，按标题计"],
    });
  });

  it("never takes a year inside a quotation, a document title or a plan", () => {
    const opening =
      "根据《法治政府建设实施纲要（2021—2025年）》，按照“到2025年基本建成法治政府”的要求，到2025年全面完成任务。2023年，我区坚持依法行政。";
    expect(findYear({ title: null, opening, publishedAt: null }).year).toBe(2023);
  });

  it("does not take a date in the text before the year it reports on", () => {
    expect(findYear({ title: null, opening: "2019年1月7日，县政府审议通过机构改革方案。2018年，我县…", publishedAt: null }).year).toBe(2018);
  });

  it("counts a span in the title as its last year and says so", () => {
    expect(findYear({ title: "东乌旗人民政府关于2015-2020年度法治政府建设有关情况的报告", opening: "", publishedAt: null })).toEqual({
      year: 2020,
      warnings: ["报告涵盖2015—2020年，按最后一年计"],
    });
  });

  it("falls back to the year before publication, with a warning", () => {
    expect(findYear({ title: null, opening: "今年以来，我局认真落实法治政府建设各项任务。", publishedAt: "2024-02-20" })).toEqual({
      year: 2023,
      warnings: ["未写明报告年份，按发布日期（2024-02-20）推断为2023年"],
    });
  });

  it("warns when the report's year is later than its publication", () => {
    expect(findYear({ title: "2025年法治政府建设情况报告", opening: "", publishedAt: "2024-12-01" }).warnings).toEqual([
      "年份来源不一致：报告年份2025年晚于发布日期2024-12-01",
    ]);
  });
});

describe("regions", () => {
  it("takes no fragment of a sentence as a region", () => {
    const r = parse([
      "2023年，县公安局在县委、县政府的坚强领导下，依法治县，严格执行区域规划，现将有关情况报告如下。",
      ...BODY,
    ]);
    expect(r.region).toBeNull();
    expect(r.warnings).toContain("未找到地区");
  });

  it("reads a department's region from the place names its opening uses at its level", () => {
    const r = parse([
      "2020年，市司法局坚持以习近平法治思想为指导，认真贯彻落实《雅安市法治政府建设工作方案》，印发《雅安市司法行政2020年工作要点》。",
      ...BODY,
    ]);
    expect(r).toMatchObject({ region: "雅安市", level: "city", parent: "四川省", issuer: "雅安市司法局", issuerKind: "department", year: 2020 });
  });

  it("resolves an abbreviated banner and prefecture name to the division", () => {
    const banner = parse(["东乌旗人民政府关于2023年法治政府建设情况的报告", "2023年，东乌旗坚持依法行政，全旗法治政府建设取得新成效。", ...BODY]);
    expect(banner).toMatchObject({ region: "东乌珠穆沁旗", level: "county", divisionCode: "152525", parent: "内蒙古自治区锡林郭勒盟" });
    const prefecture = parse(["2023年，全州各级政府坚持依法行政，推进法治巴州、法治政府、法治社会一体建设，现将有关情况报告如下。", ...BODY]);
    expect(prefecture).toMatchObject({ region: "巴音郭楞蒙古自治州", level: "city", issuer: "巴音郭楞蒙古自治州人民政府" });
  });

  it("leaves a name shared by several districts unresolved when nothing tells them apart, with a warning", () => {
    const r = parse(["通州区人民政府关于2023年法治政府建设情况的报告", "2023年，通州区坚持依法行政，法治政府建设取得新成效。", ...BODY]);
    expect(r).toMatchObject({ region: "通州区", level: "county", divisionCode: null });
    expect(r.warnings).toContain("地区“通州区”有重名（北京市、江苏省南通市），未能确定所属");
  });
});
