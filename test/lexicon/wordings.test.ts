import { describe, expect, it } from "vitest";
import { expandQuery, reportWordings } from "../../src/lexicon/wordings.js";

describe("expandQuery", () => {
  it("adds the reports' wording for everyday words", () => {
    const expanded = expandQuery("行政官司输了几起");
    expect(expanded.startsWith("行政官司输了几起")).toBe(true);
    for (const word of ["行政诉讼", "败诉"]) expect(expanded).toContain(word);
    expect(expandQuery("下一步有什么打算")).toContain("工作计划");
  });

  it("leaves a query in report wording as it is", () => {
    expect(expandQuery("鱼峰区法律明白人工作室")).toBe("鱼峰区法律明白人工作室");
  });

  it("does not repeat a wording the query already has", () => {
    expect(expandQuery("鱼峰区行政复议")).toBe("鱼峰区行政复议");
  });
});

describe("reportWordings", () => {
  it("gives the report wording of one question word, and nothing for report words", () => {
    expect(reportWordings("官司")).toContain("诉讼");
    expect(reportWordings("输")).toEqual(["败诉"]);
    expect(reportWordings("法律明白人")).toEqual([]);
  });
});
