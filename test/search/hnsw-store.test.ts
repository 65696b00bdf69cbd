import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Document } from "@langchain/core/documents";
import { FakeEmbeddings } from "@langchain/core/utils/testing";
import { afterEach, describe, expect, it } from "vitest";
import { HnswStore } from "../../src/search/hnsw-store.js";

/** A unit vector along axis i (of 8), slightly tilted so that near neighbours are well defined. */
function axis(i: number, tilt = 0): number[] {
  const v = Array.from({ length: 8 }, () => 0.01);
  v[i % 8] = 1;
  v[(i + 1) % 8] = tilt;
  return v;
}

function doc(id: string, region: string): Document {
  return new Document({ id, pageContent: `text ${id}`, metadata: { region } });
}

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("HnswStore", () => {
  it("finds the nearest vectors by cosine, with the filter applied inside the search", async () => {
    const store = new HnswStore(new FakeEmbeddings());
    await store.addVectors([axis(0), axis(0, 0.3), axis(1)], [doc("a", "鱼峰区"), doc("b", "水磨沟区"), doc("c", "鱼峰区")], {
      ids: ["a", "b", "c"],
    });
    const all = await store.similaritySearchVectorWithScore(axis(0), 2);
    expect(all.map(([d]) => d.id)).toEqual(["a", "b"]);
    expect(all[0]![1]).toBeCloseTo(1, 3);
    const filtered = await store.similaritySearchVectorWithScore(axis(0), 2, (d) => d.metadata.region === "鱼峰区");
    expect(filtered.map(([d]) => d.id)).toEqual(["a", "c"]);
  });

  it("replaces a document added again under the same id and forgets deleted ones", async () => {
    const store = new HnswStore(new FakeEmbeddings());
    await store.addVectors([axis(0), axis(3)], [doc("a", "x"), doc("b", "x")], { ids: ["a", "b"] });
    await store.addVectors([axis(5)], [doc("a", "y")], { ids: ["a"] });
    expect(store.size).toBe(2);
    const [[top]] = (await store.similaritySearchVectorWithScore(axis(5), 1)) as [[Document, number]];
    expect(top.id).toBe("a");
    expect(top.metadata.region).toBe("y");
    await store.delete({ ids: ["b"] });
    expect((await store.similaritySearchVectorWithScore(axis(3), 5)).map(([d]) => d.id)).toEqual(["a"]);
  });

  it("grows past its initial capacity and survives a save/load round trip", async () => {
    const store = new HnswStore(new FakeEmbeddings());
    const n = 1500;
    const vectors = Array.from({ length: n }, (_, i) => axis(i, (i % 97) / 97));
    await store.addVectors(
      vectors,
      vectors.map((_, i) => doc(`d${i}`, i % 2 ? "odd" : "even")),
      { ids: vectors.map((_, i) => `d${i}`) },
    );
    const dir = mkdtempSync(join(tmpdir(), "hnsw-"));
    dirs.push(dir);
    store.save(dir, "vectors");
    const loaded = HnswStore.load(dir, "vectors", new FakeEmbeddings());
    expect(loaded.size).toBe(n);
    const hits = await loaded.similaritySearchVectorWithScore(axis(10, 10 / 97), 3, (d) => d.metadata.region === "even");
    expect(hits[0]![0].id).toBe("d10");
    expect(hits.every(([d]) => d.metadata.region === "even")).toBe(true);
  });

  it("gives the same filtered neighbours from the graph walk as from the exact scan", async () => {
    const vectors = Array.from({ length: 600 }, (_, i) => axis(i, (i % 89) / 89));
    const docs = vectors.map((_, i) => doc(`d${i}`, i % 3 === 0 ? "a" : "b"));
    const ids = docs.map((d) => d.id!);
    const graph = new HnswStore(new FakeEmbeddings(), { exactSearchLimit: 0 });
    const exact = new HnswStore(new FakeEmbeddings());
    await graph.addVectors(vectors, docs, { ids });
    await exact.addVectors(vectors, docs, { ids });
    const onlyA = (d: Document) => d.metadata.region === "a";
    const query = axis(4, 30 / 89);
    const fromGraph = await graph.similaritySearchVectorWithScore(query, 5, onlyA);
    const fromScan = await exact.similaritySearchVectorWithScore(query, 5, onlyA);
    expect(fromGraph.map(([d]) => d.id)).toEqual(fromScan.map(([d]) => d.id));
    fromGraph.forEach(([, score], i) => expect(score).toBeCloseTo(fromScan[i]![1], 4));
    expect(fromGraph.every(([d]) => onlyA(d))).toBe(true);
  });
});
