import { describe, expect, it } from "vitest";
import { Segmenter } from "../../src/search/segmenter.js";

const segmenter = Segmenter.load();
const tokenize = (text: string) => segmenter.tokenize(text);

describe("Segmenter.tokenize", () => {
  it("keeps figures whole with their units", () => {
    const terms = tokenize(
      "2023年全年共收到行政复议申请70件，出庭应诉率100%，为512家企业兑现资金925.1756万元，新增注册资本23.07亿元",
    );
    for (const figure of ["2023年", "70件", "100%", "512家", "925.1756万元", "23.07亿元"]) expect(terms).toContain(figure);
    // No stray digits: jieba alone would cut 925.1756 into single characters.
    expect(terms.filter((t) => /^\d$/.test(t))).toEqual([]);
  });

  it("keeps domain terms whole and still yields their parts for recall", () => {
    const terms = tokenize("培育法律明白人584名，行政机关负责人出庭应诉率保持100%");
    expect(terms).toEqual(expect.arrayContaining(["法律明白人", "出庭应诉率", "584名", "明白人", "出庭"]));
  });

  it("drops stop words and punctuation", () => {
    const terms = tokenize("请问，鱼峰区的行政复议情况如何？");
    expect(terms).toContain("行政复议");
    for (const stop of ["请问", "的", "如何", "情况", "，", "？"]) expect(terms).not.toContain(stop);
  });

  it("reads width and spelling variants alike", () => {
    expect(tokenize("“双随机,一公开”")).toContain("双随机、一公开");
    expect(tokenize("双随机、一公开")).toContain("双随机、一公开");
    expect(tokenize("７０件")).toContain("70件");
    expect(tokenize("960余人次")).toEqual(tokenize("960人次"));
  });

  it("learns words added later, even for texts it has already cut (no stale cache)", () => {
    const text = "佬倌俚镇的做法";
    expect(tokenize(text)).not.toContain("佬倌俚镇");
    segmenter.addWords(["佬倌俚镇"]);
    expect(tokenize(text)).toContain("佬倌俚镇");
  });

  it("shares the thread's dictionary between instances without serving stale results", () => {
    const other = Segmenter.load();
    const text = "鸬鹚湾片区开展普法";
    expect(other.tokenize(text)).not.toContain("鸬鹚湾片区");
    segmenter.addWords(["鸬鹚湾片区"]);
    expect(other.tokenize(text)).toContain("鸬鹚湾片区");
  });
});
