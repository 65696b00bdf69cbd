import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeText } from "../../src/corpus/decode.js";
import { UnreadableError } from "../../src/corpus/unreadable.js";

/** Encodings are told from the bytes alone. */

const TEXT = "鱼峰区人民政府关于2023年法治政府建设工作情况的报告\n全年共收到行政复议申请70件，受理68件，审理办结58件。";

describe("decodeText", () => {
  it.each([
    ["UTF-8", Buffer.from(TEXT), "utf-8"],
    ["UTF-8 with BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]), "utf-8"],
    ["UTF-16LE with BOM", Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(TEXT, "utf-16le")]), "utf-16le"],
    ["UTF-16BE with BOM", Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(TEXT, "utf-16be")]), "utf-16be"],
    ["UTF-16LE without BOM", iconv.encode(TEXT, "utf-16le"), "utf-16le"],
    ["UTF-16BE without BOM", iconv.encode(TEXT, "utf-16be"), "utf-16be"],
    ["GB18030", iconv.encode(TEXT, "gb18030"), "gb18030"],
    ["GBK", iconv.encode(TEXT, "gbk"), "gb18030"],
  ])("%s", (_, bytes, encoding) => {
    expect(decodeText(bytes)).toEqual({ text: TEXT, encoding });
  });

  it("reads UTF-8 cut in the middle of a character as UTF-8", () => {
    const bytes = Buffer.from(TEXT + "。");
    const decoded = decodeText(bytes.subarray(0, bytes.length - 1));
    expect(decoded).toEqual({ text: TEXT, encoding: "utf-8" });
  });

  it.each([
    ["an empty file", Buffer.alloc(0), "空文件"],
    ["a file of blanks", Buffer.from(" \n\t\n"), "空文件"],
    ["a PNG image", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]), "不是文本文件（二进制）"],
    ["control bytes without NUL", Buffer.from(Array.from({ length: 300 }, (_, i) => 1 + (i % 8))), "不是文本文件（二进制）"],
  ])("rejects %s", (_, bytes, reason) => {
    expect(() => decodeText(bytes)).toThrow(new UnreadableError(reason));
  });
});
