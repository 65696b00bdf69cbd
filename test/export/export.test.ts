import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/answer.js";
import { answerDocx } from "../../src/export/docx.js";
import { answerMarkdown } from "../../src/export/markdown.js";

const ANSWER: Answer = {
  question: "汇总各区行政复议工作情况",
  status: "answered",
  kind: "outline",
  answer: "鱼峰区：全年共收到行政复议申请70件。[1]\n东湖区：成立“佬倌俚”工作室。[2]",
  citations: [
    {
      n: 1,
      reportId: "r1",
      sectionId: "r1-4",
      region: "鱼峰区",
      year: 2023,
      title: "鱼峰区2023年法治政府建设情况报告",
      path: ["一、主要措施", "(三)法治监督"],
      quote: "全年共收到行政复议申请70件",
    },
    { n: 2, reportId: "r2", sectionId: "r2-7", region: "东湖区", year: 2022, title: null, path: [], quote: "成立“佬倌俚”工作室" },
  ],
  mode: "extractive",
  ms: 3,
};

describe("answer export", () => {
  it("Markdown keeps the answer's lines, its markers and a 出处 list with every quote", () => {
    const md = answerMarkdown(ANSWER, { heading: true });
    expect(md.startsWith("# 汇总各区行政复议工作情况\n")).toBe(true);
    expect(md).toContain("70件。[1]  \n东湖区");
    expect(md).toContain("- [1] 鱼峰区 2023年 · 一、主要措施 › (三)法治监督：“全年共收到行政复议申请70件”");
    expect(md).toContain("- [2] 东湖区 2022年：“成立“佬倌俚”工作室”");
  });

  it("a not-found answer has no 出处 list", () => {
    const md = answerMarkdown({ ...ANSWER, status: "not_found", answer: "资料库中的报告没有提到这一点。", citations: [] });
    expect(md).not.toContain("出处");
  });

  it("the Word document holds the question, the answer and each numbered source with its quote", async () => {
    const zip = await JSZip.loadAsync(await answerDocx(ANSWER, new Date("2026-03-01T00:00:00Z")));
    const xml = await zip.file("word/document.xml")!.async("string");
    const text = xml.replace(/<[^>]+>/g, "");
    expect(text).toContain("汇总各区行政复议工作情况");
    expect(text).toContain("鱼峰区：全年共收到行政复议申请70件。[1]");
    expect(text).toContain("[2] 东湖区 2022年");
    expect(text).toContain("“全年共收到行政复议申请70件”");
    expect(text).toContain("2026-03-01");
    // A Chinese font for Chinese text, so Word on any system shows it as a government document.
    expect(await zip.file("word/styles.xml")!.async("string")).toContain('w:eastAsia="宋体"');
  });
});
