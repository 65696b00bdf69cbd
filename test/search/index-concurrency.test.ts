import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../../src/config.js";
import { CountingEmbeddings } from "../../src/search/counting-embeddings.js";
import { IndexLockedError, LOCK_FILE, lockIndex } from "../../src/search/index-lock.js";
import { openLibrary } from "../../src/search/library.js";
import { LocalHashEmbeddings } from "../../src/search/local-embeddings.js";
import { Segmenter } from "../../src/search/segmenter.js";
import { cliArgs, run, start, type Started } from "../helpers/processes.js";

/** Two programs indexing one folder at once, and locks left behind by programs that died. */

const SEEDS = new URL("../../corpus/", import.meta.url).pathname;
const config = loadConfig({ LOG_LEVEL: "silent" });
const segmenter = Segmenter.load();
let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "index-concurrency-"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const fresh = (name: string) => join(root, name);

/** One JSON line per request from a long-lived runner process. */
function lines(runner: Started): () => Promise<Record<string, unknown>> {
  let seen = 0;
  return async () => {
    await vi.waitFor(() => expect(runner.stdout().split("\n").length - 1).toBeGreaterThan(seen), {
      timeout: 60_000,
      interval: 20,
    });
    return JSON.parse(runner.stdout().split("\n")[seen++]!) as Record<string, unknown>;
  };
}

describe("two indexers on one index folder", () => {
  let runners: Started[] = [];

  afterAll(async () => {
    await Promise.all(runners.map((r) => r.stop()));
  });

  it("never break it: one builds, the other waits and finds it current; the next open needs no rebuild (20 rounds)", async () => {
    runners = [0, 1].map(() => start(process.execPath, ["--import", "tsx", "test/search/index-runner.ts"]));
    const next = runners.map(lines);
    for (let round = 0; round < 20; round++) {
      const indexDir = fresh(`round-${round}`);
      for (const runner of runners) runner.child.stdin!.write(`${SEEDS}\t${indexDir}\n`);
      const results = await Promise.all(next.map((read) => read()));
      expect(results.every((r) => r.ok === true && r.reports === 5)).toBe(true);
      // Exactly one of them built it; the other, having waited for the lock, found nothing to do.
      expect(results.filter((r) => r.rebuilt === true)).toHaveLength(1);
      expect(results.filter((r) => r.rebuilt === false && r.changed === 0)).toHaveLength(1);

      const embeddings = new CountingEmbeddings(new LocalHashEmbeddings(segmenter));
      const reopened = await openLibrary({ corpusDir: SEEDS, indexDir, config, embeddings });
      expect(reopened.summary()).toMatchObject({ rebuilt: false, reports: 5, added: [], updated: [] });
      expect(embeddings.calls).toBe(0);
      const files = readdirSync(indexDir);
      expect(files.filter((f) => f.includes(".tmp-") || f.startsWith(LOCK_FILE))).toEqual([]);
      expect(
        new Set(files.filter((f) => /^(reports|chunks|vectors)-/.test(f)).map((f) => f.split(".")[0]!.replace(/^\w+-/, ""))).size,
      ).toBe(1);
    }
  }, 240_000);

  it("`index` run twice at once from the command line: both succeed, one after the other", async () => {
    const indexDir = fresh("cli");
    const [a, b] = await Promise.all([0, 1].map(() => run(...cliArgs("index", "--index", indexDir), { timeoutMs: 120_000 })));
    expect([a!.code, b!.code]).toEqual([0, 0]);
    const out = a!.stdout + b!.stdout;
    expect(out).toMatch(/索引已建立/);
    expect(out).toMatch(/索引已是最新/);
  }, 180_000);
});

describe("the index lock", () => {
  it("is taken over from a holder that is no longer running", async () => {
    const indexDir = fresh("stale");
    const dead = await run(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
    mkdirSync(indexDir, { recursive: true });
    writeFileSync(
      join(indexDir, LOCK_FILE),
      JSON.stringify({ pid: Number(dead.stdout), host: hostname(), since: "2024-01-01T00:00:00Z" }),
    );
    const lock = await lockIndex(indexDir, { waitMs: 2_000 });
    lock.release();
    expect(readdirSync(indexDir)).toEqual([]);
  });

  it("is taken over when nobody has touched it for a minute, whoever it names", async () => {
    const indexDir = fresh("abandoned");
    mkdirSync(indexDir, { recursive: true });
    const file = join(indexDir, LOCK_FILE);
    writeFileSync(file, JSON.stringify({ pid: process.pid, host: "another-host", since: "2024-01-01T00:00:00Z" }));
    const fresher = await lockIndex(indexDir, { waitMs: 200 }).catch((e: unknown) => e);
    expect(fresher).toBeInstanceOf(IndexLockedError);
    const longAgo = new Date(Date.now() - 120_000);
    utimesSync(file, longAgo, longAgo);
    (await lockIndex(indexDir, { waitMs: 2_000 })).release();
    expect(readdirSync(indexDir)).toEqual([]);
  });

  it("makes a second taker wait, then gives up with a clear message and exit code 3", async () => {
    const indexDir = fresh("held");
    mkdirSync(indexDir, { recursive: true });
    const held = await lockIndex(indexDir);
    let waitedFor: unknown;
    const second = lockIndex(indexDir, { waitMs: 300, onWait: (holder) => (waitedFor = holder) });
    await expect(second).rejects.toThrow(IndexLockedError);
    await expect(second).rejects.toThrow(new RegExp(`正被进程 ${process.pid}.*占用，等待超时`));
    expect(await second.catch((e: IndexLockedError) => e.exitCode)).toBe(3);
    expect(waitedFor).toMatchObject({ pid: process.pid });

    // Released, it is the next taker's.
    const third = lockIndex(indexDir, { waitMs: 5_000 });
    held.release();
    (await third).release();
    expect(readdirSync(indexDir)).toEqual([]);
  });
});
