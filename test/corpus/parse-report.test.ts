import { describe, expect, it } from "vitest";
import { extractText } from "../../src/corpus/extract.js";
import { parseReport } from "../../src/corpus/parse-report.js";
import { UnreadableError } from "../../src/corpus/unreadable.js";

/** Cleaning and layout rules on small inline texts. */

function parse(rawText: string) {
  return parseReport({ id: "abcd1234", source: "test.txt", rawText });
}

const OPENING = "2023年，江岸区坚持以习近平法治思想为指导，全面推进依法行政，现将有关情况报告如下。";

describe("parseReport", () => {
  it("joins a title printed on two lines (issuer, then 关于…的报告)", () => {
    const r = parse(["江岸区人民政府", "关于2023年法治政府建设情况的报告", OPENING, "一、主要工作", "加强组织领导，专题研究法治政府建设工作。"].join("\n"));
    expect(r).toMatchObject({
      title: "江岸区人民政府关于2023年法治政府建设情况的报告",
      issuer: "江岸区人民政府",
      region: "江岸区",
      year: 2023,
    });
    expect(r.sections[0]).toMatchObject({ kind: "intro", text: OPENING });
  });

  it("drops page numbers and a running header repeated on every page", () => {
    const header = "江岸区2023年法治政府建设年度报告（公开版）";
    const r = parse(
      [
        header,
        OPENING,
        "一、主要工作",
        "全年办理行政复议案件45件，",
        "- 1 -",
        header,
        "依法纠错5件。",
        "第 2 页 共 3 页",
        header,
        "二、存在的问题",
        "执法力量不足。",
      ].join("\n"),
    );
    expect(r.text.split(header)).toHaveLength(2);
    expect(r.text).not.toMatch(/- 1 -|第 2 页/);
    expect(r.sections[1]?.text).toBe("一、主要工作\n全年办理行政复议案件45件，\n依法纠错5件。");
  });

  it("keeps a short sub-heading that two parts share, while dropping a repeated body", () => {
    const part = ["（一）工作开展情况", "组织开展行政执法案卷评查，评查案卷120卷，发现并整改问题23个。"];
    const r = parse([OPENING, "一、行政执法", ...part, "二、行政复议", "（一）工作开展情况", "全年收到行政复议申请61件。"].join("\n"));
    expect(r.sections.map((s) => s.path)).toEqual([
      [],
      ["一、行政执法", "（一）工作开展情况"],
      ["二、行政复议", "（一）工作开展情况"],
    ]);
  });

  it("treats 第一部分 as a heading level", () => {
    const r = parse([OPENING, "第一部分 主要成效", "（一）强化领导。成立法治政府建设领导小组。", "第二部分 存在问题", "基层力量薄弱。"].join("\n"));
    expect(r.sections.map((s) => [s.path, s.kind])).toEqual([
      [[], "intro"],
      [["第一部分 主要成效", "（一）强化领导"], "measures"],
      [["第二部分 存在问题"], "problems"],
    ]);
  });

  it("takes no region from a title that names none", () => {
    const r = parse(["关于全区2023年法治政府建设情况的报告", "2023年，我区坚持以习近平法治思想为指导，全区法治政府建设取得新成效。", "一、主要工作", "加强组织领导。"].join("\n"));
    expect(r.region).toBeNull();
    expect(r.warnings).toContain("未找到地区");
  });

  it("prefers a city in the province the text names over a city it merely visits", () => {
    const r = parse(
      [
        "西湖区人民政府关于2023年法治政府建设情况的报告",
        "2023年，西湖区认真落实浙江省和杭州市关于法治政府建设的部署，组织赴深圳市学习，借鉴深圳市、深圳市前海的经验。",
        "一、主要工作",
        "加强组织领导。",
      ].join("\n"),
    );
    expect(r).toMatchObject({ region: "西湖区", divisionCode: "330106", parent: "浙江省杭州市" });
  });

  it("rejects a page with nothing but navigation", () => {
    expect(() => parse("首页 > 政务公开\n无障碍 | 简体 | 繁体\n扫一扫在手机打开当前页\n打印 关闭")).toThrow(UnreadableError);
  });

  it("a heading-less body: intro then moderate pieces", () => {
    const paragraph = (n: number) => `第${n}项：区政府严格落实重大行政决策程序，全年审查重大行政决策事项，合法性审核率达到百分之百。`;
    const r = parse([OPENING, ...Array.from({ length: 80 }, (_, n) => paragraph(n + 1))].join("\n"));
    expect(r.sections[0]).toMatchObject({ kind: "intro", text: OPENING });
    expect(r.sections.length).toBeGreaterThan(2);
    for (const s of r.sections.slice(1)) {
      expect(s.kind).toBe("other");
      expect(s.text.length).toBeLessThanOrEqual(1500);
    }
  });
});

describe("extractText", () => {
  it("strips Markdown markup from .md files", async () => {
    const text = await extractText("a.md", Buffer.from("# 江岸区2023年法治政府建设年度报告\n\n- **一是**加强领导。\n> 引文"));
    expect(text).toBe("江岸区2023年法治政府建设年度报告\n\n一是加强领导。\n引文");
  });
});
