import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CorpusDirError,
  CorpusFileError,
  type LoadedCorpus,
  listCorpusFiles,
  loadCorpus,
  readReportFile,
} from "../../src/corpus/load-corpus.js";
import type { Report } from "../../src/corpus/report.js";
import { logger } from "../../src/logger.js";
import { cliArgs, run } from "../helpers/processes.js";

/**
 * A corpus folder full of trouble: each file is either parsed correctly or skipped with its name
 * and the reason, and the good files still load.
 */

const REPORT = [
  "某某区人民政府关于2023年法治政府建设情况的报告",
  "2023年，某某区坚持以习近平法治思想为指导，深入推进法治政府建设，现将有关情况报告如下。",
  "一、主要措施",
  "（一）加强组织领导。区政府常务会议专题研究法治政府建设工作4次，全年收到行政复议申请31件。",
  "二、存在的问题",
  "基层执法力量不足，执法人员培训还不够系统。",
  "三、下一步工作计划",
  "继续深化行政执法体制改革，提升执法规范化水平。",
];
const BODY = `${REPORT.join("\n")}\n`;
const SENTENCE = "2023年，某某区坚持依法行政，全面推进政务公开。";
/** A report flattened to one 2 MB line: every sentence different, as in a real long report. */
const LONG_LINE = Array.from(
  { length: Math.ceil(2_000_000 / 36) },
  (_, i) => `2023年，某某区第${i + 1}项法治政府建设任务按期完成，办结事项${(i * 7) % 500}件。`,
).join("");

/** Deterministic bytes in 0x81–0xFE: valid GB18030 pairs that decode to random, meaningless hanzi. */
function randomHighBytes(length: number): Buffer {
  let state = 12345;
  return Buffer.from(
    Array.from({ length }, () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return 0x81 + (state >>> 16) % 0x7e;
    }),
  );
}

let dir: string;
let loaded: LoadedCorpus;

function byFile(name: string): Report {
  const report = loaded.reports.find((r) => r.source === join(dir, name));
  if (!report) throw new Error(`${name} did not load; skipped: ${JSON.stringify(loaded.skipped)}`);
  return report;
}

function expectParsedLikeReference(report: Report): void {
  expect(report.title).toBe(REPORT[0]);
  expect(report.region).toBe("某某区");
  expect(report.issuer).toBe("某某区人民政府");
  expect(report.year).toBe(2023);
  expect(report.text).toBe(REPORT.join("\n"));
  expect(report.sections.map((s) => s.kind)).toEqual(["intro", "measures", "problems", "plans"]);
}

beforeAll(async () => {
  // Skips are checked through the returned list here and on a real stderr in the CLI test below.
  logger.level = "silent";
  dir = await mkdtemp(join(tmpdir(), "corpus-bad-"));
  await mkdir(join(dir, "2023", "区县"), { recursive: true });
  const files: Record<string, Uint8Array | string> = {
    "empty.txt": "",
    "whitespace.txt": " \r\n\u3000\n",
    "binary.txt": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, ...Array.from({ length: 600 }, (_, i) => (i * 37) % 256)]),
    "gb18030.txt": iconv.encode(BODY, "gb18030"),
    "utf16le-bom.txt": Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(BODY, "utf-16le")]),
    "utf16le.txt": iconv.encode(BODY, "utf-16le"),
    "utf16be.txt": iconv.encode(BODY, "utf-16be"),
    "crlf-bom.txt": Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(BODY.replace(/\n/g, "\r\n"))]),
    "cr-only.txt": BODY.replace(/\n/g, "\r"),
    "spaces.txt": BODY.replace("一、主要措施", "\u3000\u3000一、主要措施\u00a0").replace(/^(二)/m, "\u00a0 $1"),
    "one-line-2mb.txt": LONG_LINE,
    "repeated-2mb.txt": SENTENCE.repeat(Math.ceil(2_000_000 / SENTENCE.length)),
    "random-bytes.txt": randomHighBytes(4096),
    "links.html":
      "<html><body><h1>法治政府建设年度报告</h1><ul>" +
      Array.from({ length: 30 }, (_, i) => `<li><a href="/r${i}.html">某某${i}区${2015 + (i % 10)}年法治政府建设年度报告</a> 2024-0${(i % 9) + 1}-15</li>`).join("") +
      "</ul></body></html>",
    "no-topic.txt": "某某区2023年度城市绿化工作总结\n2023年，某某区新增绿地面积120公顷，改造提升公园8个，种植行道树3500株，城市绿化覆盖率达到百分之四十三。全年组织义务植树活动12次，参与群众2万人次。\n",
    "too-short.txt": "某某区2023年法治政府建设情况报告全文请见附件。附件下载：fazhi-report-2023-final.pdf (2.1 MB)\n",
    "debris.html":
      "<html><body><div>无障碍 | 简体 | 繁体</div><div>首页 &gt; 政务公开</div><p>扫一扫在手机打开当前页</p>" +
      "<p>分享到：</p><p>来源：本网 发布时间：2024-01-02 浏览次数：</p><p>【字体：大 中 小】 打印 关闭</p></body></html>",
    "corrupt.pdf": "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R garbage",
    "corrupt.docx": "PK\u0003\u0004 not really a zip",
    "2023/区县/nested.md": BODY,
    "notes.csv": "ignored,because,extension\n",
  };
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  loaded = await loadCorpus(dir);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("bad input", () => {
  it("lists supported files recursively, sorted, as join(dir, relative path)", async () => {
    const files = await listCorpusFiles(dir);
    expect(files).toContain(join(dir, "2023", "区县", "nested.md"));
    expect(files).not.toContain(join(dir, "notes.csv"));
    expect(files).toEqual([...files].sort());
    expect(files).toHaveLength(20);
  });

  it("skips each unreadable file with its name and a reason, and loads the rest", () => {
    const reasons = Object.fromEntries(loaded.skipped.map((s) => [s.file.slice(dir.length + 1), s.reason]));
    expect(reasons).toEqual({
      "binary.txt": "不是文本文件（二进制）",
      "random-bytes.txt": "不是文本文件（乱码或二进制）",
      "links.html": "像是链接列表或栏目页，没有成段的报告正文",
      "no-topic.txt": "没有法治政府建设相关内容（全文未出现“法治”“依法行政”等字样）",
      "too-short.txt": expect.stringMatching(/^中文正文太少（\d+ 字），不像一份报告$/),
      "repeated-2mb.txt": "同一段文字大量重复，不像一份报告",
      "corrupt.docx": expect.stringMatching(/^DOCX 已损坏：/),
      "corrupt.pdf": expect.stringMatching(/^PDF 已损坏：/),
      "debris.html": "只有网页杂项，没有正文",
      "empty.txt": "空文件",
      "whitespace.txt": "空文件",
    });
    expect(loaded.reports).toHaveLength(20 - 11);
  });

  it.each(["gb18030.txt", "utf16le-bom.txt", "utf16le.txt", "utf16be.txt", "crlf-bom.txt", "cr-only.txt", "2023/区县/nested.md"])(
    "decodes %s from its bytes",
    (name) => {
      expectParsedLikeReference(byFile(name));
    },
  );

  it("normalises full-width spaces and NBSP", () => {
    const report = byFile("spaces.txt");
    expectParsedLikeReference(report);
    expect(report.text).not.toMatch(/[\u3000\u00a0]/);
  });

  it("parses a 2 MB single line quickly, in pieces that are exact slices", () => {
    const report = byFile("one-line-2mb.txt");
    expect(report.text.length).toBeGreaterThan(1_999_000);
    expect(report.year).toBe(2023);
    expect(report.sections.length).toBeGreaterThan(100);
    for (const s of report.sections) {
      expect(s.text.length).toBeLessThanOrEqual(4000);
      expect(s.text).toBe(report.text.slice(s.start, s.end));
    }
    expect(report.sections.map((s) => s.text).join("")).toBe(report.text);
  });

  it("parses at well over 300k characters per second", async () => {
    const file = join(dir, "one-line-2mb.txt");
    const started = performance.now();
    const report = await readReportFile(file, dir);
    const seconds = (performance.now() - started) / 1000;
    expect(report.text.length / seconds).toBeGreaterThan(300_000);
  });

  it("throws CorpusFileError for a single unreadable file", async () => {
    const error = await readReportFile(join(dir, "empty.txt"), dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorpusFileError);
    expect(error).toMatchObject({ file: join(dir, "empty.txt"), reason: "空文件" });
  });

  it("says clearly when the corpus folder is missing", async () => {
    await expect(loadCorpus(join(dir, "no-such-folder"))).rejects.toThrow(CorpusDirError);
    await expect(loadCorpus(join(dir, "no-such-folder"))).rejects.toThrow(/报告目录不存在/);
  });

  it("names each skipped file and its reason on stderr while stdout lists the rest", async () => {
    const { stdout, stderr } = await run(...cliArgs("reports", "--json", "--corpus", dir), { env: { ...process.env, LOG_LEVEL: "info" } });
    const rows = JSON.parse(stdout) as Array<{ source: string }>;
    expect(rows).toHaveLength(loaded.reports.length);
    for (const skipped of loaded.skipped) {
      expect(stderr).toContain(skipped.file);
      expect(stderr).toContain(skipped.reason);
    }
  });
});
