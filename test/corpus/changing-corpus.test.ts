import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readCorpus } from "../../src/corpus/load-corpus.js";
import { cliArgs, run, start } from "../helpers/processes.js";

/** A corpus folder that changes while it is read: files vanish or grow between the listing and their reading. */

const SEEDS = new URL("../../corpus/", import.meta.url).pathname;
const seeds = readdirSync(SEEDS).map((name) => readFileSync(join(SEEDS, name), "utf8"));
let root: string;
let corpusDir: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "changing-corpus-"));
  corpusDir = join(root, "corpus");
  cpSync(SEEDS, corpusDir, { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** `count` reports in sub-folders of 50, named so that their order is known. */
function writeReports(count: number): string[] {
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const sub = join(corpusDir, `batch-${String(Math.floor(i / 50)).padStart(2, "0")}`);
    mkdirSync(sub, { recursive: true });
    const file = join(sub, `report-${String(i).padStart(4, "0")}.txt`);
    writeFileSync(file, seeds[i % seeds.length]!);
    files.push(file);
  }
  return files;
}

describe("readCorpus while the folder changes", () => {
  it("leaves out a file deleted after the listing and reads a grown one as it is when read", async () => {
    const files = writeReports(20);
    const read: string[] = [];
    let grown = "";
    for await (const entry of readCorpus(corpusDir)) {
      if (read.length === 0) {
        unlinkSync(files[10]!);
        appendFileSync(files[15]!, "\n六、其他\n全年开展“法治夜校”活动99场。\n");
      }
      read.push(entry.rel);
      if (entry.rel.endsWith("report-0015.txt") && "report" in entry) grown = entry.report.text;
    }
    expect(read).toHaveLength(24);
    expect(read).not.toContain("batch-00/report-0010.txt");
    expect(grown).toContain("法治夜校");
  });
});

describe("`index` on a 400-file corpus while files are deleted", () => {
  it("finishes, and the next command uses the index without a rebuild", async () => {
    const files = writeReports(400);
    const indexDir = join(root, "index");
    const indexing = start(...cliArgs("index", "--corpus", corpusDir, "--index", indexDir));
    // Delete every fourth file, one every 20 ms, for as long as the command runs (start-up, listing, reading).
    let running = true;
    void indexing.exited.then(() => (running = false));
    const doomed = files.filter((_, i) => i % 4 === 1);
    let deleted = 0;
    while (running && deleted < doomed.length) {
      rmSync(doomed[deleted++]!);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const exit = await indexing.exited;
    expect(deleted).toBeGreaterThan(10);
    expect(indexing.stderr()).not.toMatch(/ENOENT|Error/);
    expect(exit.code).toBe(0);
    expect(indexing.stdout()).toMatch(/索引已建立：报告 \d+ 份/);

    const search = await run(...cliArgs("search", "--json", "--corpus", corpusDir, "--index", indexDir, "行政复议"));
    expect(search.code).toBe(0);
    expect(JSON.parse(search.stdout).results.length).toBeGreaterThan(0);
    // Files deleted after `index` read them leave the index by an update, never by a rebuild.
    expect(search.stderr).not.toMatch(/正在建立|正在重建/);
    const summary = await run(...cliArgs("index", "--corpus", corpusDir, "--index", indexDir));
    expect(summary.stdout).toMatch(/索引(已是最新|已更新)/);
    expect(summary.stdout).toContain(`报告 ${405 - deleted} 份`);
  }, 180_000);
});
