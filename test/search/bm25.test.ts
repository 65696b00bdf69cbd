import { describe, expect, it } from "vitest";
import { Bm25Index } from "../../src/search/bm25.js";

describe("Bm25Index", () => {
  const docs = ["行政复议 申请 70件", "行政复议 行政复议 应诉", "法律明白人 培训", "行政 执法 监督", ""];
  const index = new Bm25Index(docs);

  it("ranks by rare, repeated terms", () => {
    const ranked = index.search(["行政复议"], 10, null);
    expect(ranked.map((r) => r.doc)).toEqual([1, 0]);
    expect(index.search(["70件", "行政复议"], 1, null)[0]!.doc).toBe(0);
    expect(index.search(["不存在"], 5, null)).toEqual([]);
  });

  it("scores only documents the filter admits", () => {
    const allowed = Uint8Array.from([1, 0, 1, 1, 1]);
    expect(index.search(["行政复议"], 10, allowed).map((r) => r.doc)).toEqual([0]);
  });

  it("returns the same top k as sorting every match", () => {
    const words = ["甲", "乙", "丙", "丁", "戊", "己"];
    const many = Array.from({ length: 500 }, (_, i) => words.filter((_, w) => (i * (w + 3)) % (w + 2) === 0).join(" "));
    const big = new Bm25Index(many);
    const all = big.search(words, 1000, null);
    const sorted = [...all].sort((a, b) => b.score - a.score || a.doc - b.doc);
    expect(all).toEqual(sorted);
    expect(big.search(words, 7, null)).toEqual(sorted.slice(0, 7));
  });
});
