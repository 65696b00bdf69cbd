import { describe, expect, it } from "vitest";
import { expandQuery } from "../../src/search/synonyms.js";

describe("expandQuery", () => {
  it("adds the reports' wording for everyday words", () => {
    const expanded = expandQuery("行政官司输了几起");
    expect(expanded.startsWith("行政官司输了几起")).toBe(true);
    for (const word of ["行政诉讼", "败诉"]) expect(expanded).toContain(word);
    expect(expandQuery("下一步有什么打算")).toContain("工作计划");
  });

  it("leaves a query in report wording as it is", () => {
    expect(expandQuery("鱼峰区行政复议申请")).toBe("鱼峰区行政复议申请");
  });
});
