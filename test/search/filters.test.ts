import { describe, expect, it } from "vitest";
import { buildCatalog, parseFilters, reportMatches } from "../../src/search/filters.js";
import { makeReport } from "./report-fixtures.js";

const catalog = buildCatalog([
  makeReport(
    {
      id: "y",
      region: "鱼峰区",
      divisionCode: "450203",
      parent: "广西壮族自治区柳州市",
      year: 2023,
      issuer: "鱼峰区人民政府",
      issuerKind: "government",
    },
    [],
  ),
  makeReport({ id: "l", region: "柳南区", divisionCode: "450204", parent: "广西壮族自治区柳州市", year: 2022 }, []),
  makeReport({ id: "s", region: "水磨沟区", divisionCode: "650105", parent: "新疆维吾尔自治区乌鲁木齐市", year: 2024 }, []),
  makeReport(
    {
      id: "c",
      region: "澄海区",
      divisionCode: "440515",
      parent: "广东省汕头市",
      year: 2023,
      issuer: "澄海区司法局",
      issuerKind: "department",
    },
    [],
  ),
  makeReport(
    {
      id: "g",
      region: "广东省",
      level: "province",
      divisionCode: "440000",
      year: 2023,
      issuer: "广东省人民政府",
      issuerKind: "government",
    },
    [],
  ),
  makeReport(
    {
      id: "m",
      region: "桂林市",
      level: "city",
      divisionCode: "450300",
      parent: "广西壮族自治区",
      year: 2022,
      issuer: "桂林市市场监督管理局",
      issuerKind: "department",
    },
    [],
  ),
  // A region outside the division list: its enclosing units come from its parent string.
  makeReport(
    {
      id: "d",
      region: "大鹏新区",
      level: "county",
      parent: "广东省深圳市",
      year: 2022,
      issuer: "大鹏新区管理委员会",
      issuerKind: "government",
    },
    [],
  ),
]);

describe("parseFilters", () => {
  it("reads region and year from 鱼峰区2023年…", () => {
    expect(parseFilters("鱼峰区2023年收到多少件行政复议申请？", catalog)).toEqual({
      regions: ["鱼峰区"],
      years: [2023],
      issuers: [],
    });
  });

  it("reads a region's short form from 那水磨沟呢", () => {
    expect(parseFilters("那水磨沟呢？", catalog)).toEqual({ regions: ["水磨沟区"], years: [], issuers: [] });
    expect(parseFilters("鱼峰的法律明白人有多少", catalog).regions).toEqual(["鱼峰区"]);
  });

  it("matches regions at any level: a city's districts, a province's cities and districts", () => {
    expect(parseFilters("柳州各区的述法工作", catalog).regions).toEqual(["柳南区", "鱼峰区"]);
    expect(parseFilters("广西有哪些做法", catalog).regions).toEqual(["柳南区", "桂林市", "鱼峰区"]);
    expect(parseFilters("广东省的报告", catalog).regions).toEqual(["大鹏新区", "广东省", "澄海区"]);
    expect(parseFilters("汕头市各区", catalog).regions).toEqual(["澄海区"]);
    expect(parseFilters("深圳的新区", catalog).regions).toEqual(["大鹏新区"]);
    expect(parseFilters("新疆维吾尔自治区的报告", catalog).regions).toEqual(["水磨沟区"]);
  });

  it("reads 2023年度 and a year inside 2024年工作计划, but not a count such as 2016项", () => {
    expect(parseFilters("2023年度述法", catalog).years).toEqual([2023]);
    expect(parseFilters("鱼峰区2024年工作计划是什么", catalog).years).toEqual([2024]);
    expect(parseFilters("产生检查结果2016项", catalog).years).toEqual([]);
    expect(parseFilters("2022年和2023年对比", catalog).years).toEqual([2022, 2023]);
  });

  it("reads an issuer by full or short name", () => {
    expect(parseFilters("澄海区司法局的报告", catalog).issuers).toEqual(["澄海区司法局"]);
    expect(parseFilters("澄海司法局做了什么", catalog)).toEqual({ regions: ["澄海区"], years: [], issuers: ["澄海区司法局"] });
  });

  it("reads a kind of department as the reports of such departments, by full or short name", () => {
    expect(parseFilters("司法局做了什么", catalog).issuers).toEqual(["澄海区司法局"]);
    expect(parseFilters("市场监管局的报告", catalog).issuers).toEqual(["桂林市市场监督管理局"]);
    expect(parseFilters("市场监督管理局的报告", catalog).issuers).toEqual(["桂林市市场监督管理局"]);
    // In a region whose reports come from no such department, the department is a topic, not a filter.
    expect(parseFilters("鱼峰区司法局做了什么", catalog)).toEqual({ regions: ["鱼峰区"], years: [], issuers: [] });
    expect(parseFilters("汕头的司法局", catalog).issuers).toEqual(["澄海区司法局"]);
  });

  it("finds nothing in a question without names", () => {
    expect(parseFilters("各区在述法工作上有哪些做法？", catalog)).toEqual({ regions: [], years: [], issuers: [] });
  });
});

describe("reportMatches", () => {
  it("requires every non-empty list to hold the report's value", () => {
    const report = { region: "鱼峰区", year: 2023, issuer: "鱼峰区人民政府" };
    expect(reportMatches(report, { regions: [], years: [], issuers: [] })).toBe(true);
    expect(reportMatches(report, { regions: ["鱼峰区"], years: [2023], issuers: [] })).toBe(true);
    expect(reportMatches(report, { regions: ["鱼峰区"], years: [2024], issuers: [] })).toBe(false);
    expect(reportMatches(report, { regions: [], years: [], issuers: ["澄海区司法局"] })).toBe(false);
  });
});
