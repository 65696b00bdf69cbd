import { describe, expect, it } from "vitest";
import { chunkReport, MAX_CHUNK_CHARS, sentenceWindows } from "../../src/search/chunk.js";
import { makeReport } from "./report-fixtures.js";

describe("chunking", () => {
  it("keeps a short section as one chunk with a stable id and offsets into the report", () => {
    const report = makeReport({ id: "r", region: "鱼峰区", year: 2023 }, [
      { path: [], text: "开头一段。" },
      { path: ["一、措施", "(一)复议"], text: "全年共收到行政复议申请70件。" },
    ]);
    const chunks = chunkReport(report);
    expect(chunks.map((c) => c.id)).toEqual(["r-1#0", "r-2#0"]);
    expect(report.text.slice(chunks[1]!.start, chunks[1]!.end)).toBe("全年共收到行政复议申请70件。");
  });

  it("splits a long section at sentence ends with overlap", () => {
    const sentences = Array.from({ length: 40 }, (_, i) => `第${i}句话讲述一项具体的法治工作措施并给出数字${i}件。`);
    const text = sentences.join("");
    const windows = sentenceWindows(text);
    expect(windows.length).toBeGreaterThan(1);
    for (const [from, to] of windows) {
      expect(to - from).toBeLessThanOrEqual(MAX_CHUNK_CHARS);
      expect(text.slice(0, to)).toMatch(/。$/);
    }
    windows.slice(1).forEach(([from], i) => expect(from).toBeLessThan(windows[i]![1])); // overlap
    expect(windows.at(-1)![1]).toBe(text.length);
    expect(windows[0]![0]).toBe(0);
  });

  it("cuts a sentence longer than a window hard rather than losing it", () => {
    const text = "长".repeat(MAX_CHUNK_CHARS * 2 + 10);
    const windows = sentenceWindows(text);
    expect(windows.at(-1)![1]).toBe(text.length);
    for (const [from, to] of windows) expect(to - from).toBeLessThanOrEqual(MAX_CHUNK_CHARS);
  });
});
