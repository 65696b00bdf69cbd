import {
  appendFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { openLibrary } from "../../src/search/library.js";

/** Updates of an open library run in a worker thread (the configured embedder, as in production). */

const SEEDS = new URL("../../corpus/", import.meta.url).pathname;
const config = loadConfig({ LOG_LEVEL: "silent" });

let root: string;
let corpusDir: string;
let indexDir: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "live-update-"));
  corpusDir = join(root, "corpus");
  indexDir = join(root, "index");
  cpSync(SEEDS, corpusDir, { recursive: true });
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Copies of the seeds under new names: `count` more reports to index. */
function addReports(count: number): void {
  const seeds = readdirSync(SEEDS).map((name) => readFileSync(join(SEEDS, name), "utf8"));
  mkdirSync(join(corpusDir, "more"), { recursive: true });
  for (let i = 0; i < count; i++) writeFileSync(join(corpusDir, "more", `r${i}.txt`), seeds[i % seeds.length]!);
}

describe("Library.update in a worker thread", () => {
  it("keeps answering searches while it embeds, then swaps the new index in whole", async () => {
    let progressed = () => {};
    const library = await openLibrary({ corpusDir, indexDir, config, onProgress: () => progressed() });
    // The update's first embedded batch (the opening build reported progress too).
    const firstProgress = new Promise<void>((resolve) => (progressed = resolve));
    const before = await library.search("行政复议", { k: 3 });
    addReports(150);
    appendFileSync(join(corpusDir, "more", "r0.txt"), "\n六、其他\n全年开展“法治夜校”活动99场。\n");

    let done = false;
    const update = library.update().then((summary) => {
      done = true;
      return summary;
    });
    await firstProgress;
    // A timer, not a microtask: on a busy main thread it would fire only once the update is over.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const during = await library.search("行政复议", { k: 3 });
    expect(done).toBe(false);
    expect(during).toEqual(before);
    expect(library.reports).toHaveLength(5);

    const summary = await update;
    expect(summary).toMatchObject({ reports: 155, rebuilt: false, updated: [], removed: [] });
    expect(summary.added).toHaveLength(150);
    expect(library.reports).toHaveLength(155);
    const night = await library.search("法治夜校活动开展了多少场", { k: 1 });
    expect(night.results[0]!.text).toContain("99场");
    expect(library.section(night.results[0]!.sectionId)!.text).toContain("99场");
  });

  it("reports a failed update with its reason and keeps serving the index it had", async () => {
    const library = await openLibrary({ corpusDir, indexDir, config });
    const before = await library.search("行政复议", { k: 3 });
    renameSync(corpusDir, `${corpusDir}-moved`);
    await expect(library.update()).rejects.toThrow(/报告目录不存在/);
    expect(await library.search("行政复议", { k: 3 })).toEqual(before);
    // The lock was released: the next update runs.
    renameSync(`${corpusDir}-moved`, corpusDir);
    expect((await library.update()).reports).toBe(5);
  });
});
