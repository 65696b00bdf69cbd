import type * as AtomicWrite from "../../src/search/atomic-write.js";
import {
  appendFileSync,
  cpSync,
  symlinkSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../../src/config.js";
import { CountingEmbeddings } from "../../src/search/counting-embeddings.js";
import { NO_FILTERS } from "../../src/search/filters.js";
import { openLibrary } from "../../src/search/library.js";
import { LocalHashEmbeddings } from "../../src/search/local-embeddings.js";
import { ManifestSchema } from "../../src/search/manifest.js";
import { Segmenter } from "../../src/search/segmenter.js";

/** Lets a test make every write of a chunks file fail, as a crash in the middle of a build would. */
const crash = vi.hoisted(() => ({ on: false }));
vi.mock("../../src/search/atomic-write.js", async (importOriginal) => {
  const real = await importOriginal<typeof AtomicWrite>();
  return {
    writeFileAtomic: (file: string, data: string | null, written?: string) => {
      if (crash.on && file.includes("chunks-")) throw new Error("simulated crash while writing");
      real.writeFileAtomic(file, data, written);
    },
  };
});

const SEEDS = new URL("../../corpus/", import.meta.url).pathname;
const SHUIMOGOU = "004_bdc429efda703f81.txt";
const DONGHU = "000_9a51d57a8198b897.txt";
const config = loadConfig({});
const segmenter = Segmenter.load();

let corpusDir: string;
let indexDir: string;
let stderr: string[];

beforeEach(() => {
  const root = mkdtempSync(join(tmpdir(), "library-"));
  corpusDir = join(root, "corpus");
  indexDir = join(root, "index");
  cpSync(SEEDS, corpusDir, { recursive: true });
  stderr = [];
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    stderr.push(String(chunk));
    return true;
  });
  return () => rmSync(root, { recursive: true, force: true });
});

afterEach(() => {
  crash.on = false;
  vi.restoreAllMocks();
});

function counting(): CountingEmbeddings {
  return new CountingEmbeddings(new LocalHashEmbeddings(segmenter));
}

async function open(embeddings = counting(), rebuild = false) {
  const library = await openLibrary({ corpusDir, indexDir, config, embeddings, rebuild });
  return { library, embeddings };
}

describe("openLibrary", () => {
  it("builds the index, persists it with one manifest, and reopens it without embedding again", async () => {
    const first = await open();
    const summary = first.library.summary();
    expect(summary).toMatchObject({ reports: 5, rebuilt: true, embedder: "local-hash-v1/384" });
    expect(first.embeddings.embedded).toHaveLength(summary.chunks);

    const manifest = ManifestSchema.parse(JSON.parse(readFileSync(join(indexDir, "manifest.json"), "utf8")));
    expect(Object.keys(manifest.files)).toHaveLength(5);
    expect(manifest.counts).toEqual({ reports: 5, sections: summary.sections, chunks: summary.chunks });
    expect(manifest.embedder).toEqual({ id: "local-hash-v1/384", dimensions: 384 });

    const second = await open();
    expect(second.embeddings.calls).toBe(0);
    expect(second.library.summary()).toMatchObject({
      reports: 5,
      chunks: summary.chunks,
      rebuilt: false,
      added: [],
      updated: [],
    });
    const query = "鱼峰区2023年收到多少件行政复议申请";
    expect(await second.library.search(query)).toEqual(await first.library.search(query));
    expect(stderr.join("")).not.toMatch(/重建/);
  });

  it("re-embeds only a changed file and drops a deleted one", async () => {
    await open();
    appendFileSync(join(corpusDir, SHUIMOGOU), "\n六、其他\n全年开展“法治夜校”活动99场,覆盖群众3000余人次。\n");
    unlinkSync(join(corpusDir, DONGHU));

    const { library, embeddings } = await open();
    const summary = library.summary();
    expect(summary).toMatchObject({ reports: 4, added: [], updated: [SHUIMOGOU], removed: [DONGHU], rebuilt: false });
    const shuimogou = library.reports.find((r) => r.region === "水磨沟区")!;
    expect(embeddings.embedded.length).toBeGreaterThan(0);
    // Every text embedded again comes from the changed report.
    for (const text of embeddings.embedded) expect(shuimogou.text).toContain(text.slice(text.indexOf("\n") + 1));

    const night = await library.search("法治夜校活动开展了多少场", { k: 1 });
    expect(night.results[0]!.text).toContain("99场");
    const gone = await library.search("佬倌俚工作室", { k: 10 });
    expect(gone.results.length).toBeGreaterThan(0);
    expect(gone.results.every((hit) => hit.region !== "东湖区")).toBe(true);
  });

  it("applies filters inside the search, parsed from the query or given as they are", async () => {
    const { library } = await open();
    const parsed = await library.search("鱼峰区的行政复议工作", { k: 10 });
    expect(parsed.filters.regions).toEqual(["鱼峰区"]);
    expect(parsed.results.length).toBeGreaterThan(0);
    expect(parsed.results.every((hit) => hit.region === "鱼峰区")).toBe(true);

    const given = await library.search("行政复议", { k: 10, filters: { regions: ["东湖区", "澄海区"], years: [], issuers: [] } });
    expect(new Set(given.results.map((h) => h.region))).toEqual(new Set(["东湖区", "澄海区"]));

    const unfiltered = await library.search("鱼峰区的行政复议工作", { k: 10, filters: NO_FILTERS });
    expect(new Set(unfiltered.results.map((h) => h.region)).size).toBeGreaterThan(1);

    const year = await library.search("行政复议", { k: 10, filters: { regions: [], years: [2023], issuers: [] } });
    expect(new Set(year.results.map((h) => h.year))).toEqual(new Set([2023]));
    expect((await library.search("行政复议", { filters: { regions: ["不存在区"], years: [], issuers: [] } })).results).toEqual(
      [],
    );
  });

  it("returns hits in the search --json shape, one per section", async () => {
    const { library } = await open();
    const result = await library.search("那水磨沟呢", { k: 5 });
    expect(result.filters).toEqual({ regions: ["水磨沟区"], years: [], issuers: [] });
    const hit = result.results[0]!;
    expect(Object.keys(hit).sort()).toEqual([
      "chunkId",
      "path",
      "rank",
      "region",
      "reportId",
      "score",
      "sectionId",
      "text",
      "title",
      "year",
    ]);
    expect(result.results.map((h) => h.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(result.results.map((h) => h.sectionId)).size).toBe(5);
    expect(library.section(hit.sectionId)!.text).toContain(hit.text.slice(0, 20));
    expect(library.report(hit.reportId)!.region).toBe("水磨沟区");
  });

  it("rebuilds an index made by another embedder, with a one-line notice", async () => {
    await open();
    const other = new (class extends CountingEmbeddings {
      override get id() {
        return "other-embedder/384";
      }
    })(new LocalHashEmbeddings(segmenter));
    const { library } = await open(other);
    const notices = stderr
      .join("")
      .trim()
      .split("\n")
      .filter((l) => l.includes("重建"));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/嵌入模型/);
    expect(other.embedded).toHaveLength(library.summary().chunks);
  });

  it("embeds a changed file again on the next update when the embedder failed the first time", async () => {
    const embeddings = counting();
    const { library } = await open(embeddings);
    appendFileSync(join(corpusDir, SHUIMOGOU), "\n六、其他\n全年开展“法治夜校”活动99场。\n");
    const embed = vi.spyOn(embeddings, "embedDocuments").mockRejectedValueOnce(new Error("embedding service down"));
    await expect(library.update()).rejects.toThrow(/embedding service down/);
    embed.mockRestore();

    const retried = await library.update();
    expect(retried.updated).toEqual([SHUIMOGOU]);
    const night = await library.search("法治夜校活动开展了多少场", { k: 1 });
    expect(night.results[0]!.text).toContain("99场");
  });

  it("keeps the previous index usable when a build dies mid-write", async () => {
    const { library } = await open();
    appendFileSync(join(corpusDir, SHUIMOGOU), "\n六、其他\n全年开展“法治夜校”活动99场。\n");
    crash.on = true;
    await expect(library.update()).rejects.toThrow(/simulated crash/);
    crash.on = false;
    // The next update starts again from the index on disk, so the change is taken up again.
    const retried = await library.update();
    expect(retried.updated).toEqual([SHUIMOGOU]);
    expect(ManifestSchema.parse(JSON.parse(readFileSync(join(indexDir, "manifest.json"), "utf8"))).counts.chunks).toBe(
      retried.chunks,
    );
    // Back to the state before the failed build: the previous generation on disk.
    appendFileSync(join(corpusDir, SHUIMOGOU), "\n");
    crash.on = true;
    await expect(library.update()).rejects.toThrow(/simulated crash/);
    crash.on = false;

    const reopened = await open();
    expect(stderr.join("")).not.toMatch(/重建|无法/);
    // The old generation loaded; only the changed file is embedded again.
    expect(reopened.library.summary()).toMatchObject({ updated: [SHUIMOGOU], rebuilt: false });
    const shuimogou = reopened.library.reports.find((r) => r.region === "水磨沟区")!;
    expect(reopened.embeddings.embedded.length).toBeGreaterThan(0);
    for (const text of reopened.embeddings.embedded) expect(shuimogou.text).toContain(text.slice(text.indexOf("\n") + 1));
    // Debris of the failed build is cleaned away.
    expect(readdirSync(indexDir).filter((f) => f.includes(".tmp-"))).toEqual([]);
    expect(new Set(readdirSync(indexDir).map((f) => f.replace(/^(reports|chunks|vectors)-|\.(json|hnsw)$/g, ""))).size).toBe(2);
  });

  it("rebuilds, with a notice naming the problem, when index files are damaged", async () => {
    await open();
    const chunksFile = readdirSync(indexDir).find((f) => f.startsWith("chunks-"))!;
    writeFileSync(join(indexDir, chunksFile), "{ not json");
    const { library, embeddings } = await open();
    expect(stderr.join("")).toMatch(/索引文件无法读取.*正在重建/);
    expect(embeddings.embedded).toHaveLength(library.summary().chunks);
    expect((await library.search("法律明白人")).results.length).toBeGreaterThan(0);

    stderr.length = 0;
    writeFileSync(join(indexDir, "manifest.json"), JSON.stringify({ format: 2, generation: "x" }));
    await open();
    expect(stderr.join("")).toMatch(/manifest\.json 格式不符.*正在重建/);
  });

  it("answers searches from the previous state while an update runs, and shares one update between callers", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = new (class extends CountingEmbeddings {
      override async embedDocuments(documents: string[]) {
        await gate;
        return super.embedDocuments(documents);
      }
    })(new LocalHashEmbeddings(segmenter));
    await open();
    const { library } = await open(slow);
    appendFileSync(join(corpusDir, SHUIMOGOU), "\n六、其他\n全年开展“法治夜校”活动99场。\n");
    const first = library.update();
    const second = library.update();
    expect(second).toBe(first);
    await new Promise((resolve) => setTimeout(resolve, 20)); // the update is now waiting for embeddings
    const during = await library.search("水磨沟区行政复议", { k: 3 });
    expect(during.results.length).toBe(3);
    expect(during.results.every((h) => library.section(h.sectionId)?.text.includes(h.text))).toBe(true);
    release();
    expect((await first).updated).toEqual([SHUIMOGOU]);
    expect((await library.search("法治夜校", { k: 1 })).results[0]!.text).toContain("99场");
  });

  it("names each report's file by the corpus path it is opened with, whatever path built the index", async () => {
    await open();
    const elsewhere = join(corpusDir, "..", "same-corpus");
    symlinkSync(corpusDir, elsewhere);
    const library = await openLibrary({ corpusDir: elsewhere, indexDir, config, embeddings: counting() });
    expect(library.summary().rebuilt).toBe(false);
    expect(library.reports.map((r) => r.source).every((source) => source.startsWith(elsewhere))).toBe(true);
  });

  it("rebuilds from scratch when asked", async () => {
    await open();
    const { library, embeddings } = await open(counting(), true);
    expect(library.summary().rebuilt).toBe(true);
    expect(embeddings.embedded).toHaveLength(library.summary().chunks);
  });
});
