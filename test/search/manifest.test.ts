import { describe, expect, it } from "vitest";
import { INDEX_FORMAT, incompatibility, type Manifest } from "../../src/search/manifest.js";

const manifest: Manifest = {
  format: INDEX_FORMAT,
  generation: "g1",
  parserVersion: "1",
  dictionaryHash: "abc",
  embedder: { id: "local-hash-v1/384", dimensions: 384 },
  files: {},
  counts: { reports: 0, sections: 0, chunks: 0 },
  builtAt: "2024-01-01T00:00:00.000Z",
  seconds: 0,
};
const current = { parserVersion: "1", dictionaryHash: "abc", embedderId: "local-hash-v1/384" };

describe("incompatibility", () => {
  it("accepts an index built by the same parser, dictionary and embedder", () => {
    expect(incompatibility(manifest, current)).toBeNull();
  });

  it("names what changed", () => {
    expect(incompatibility(manifest, { ...current, parserVersion: "2" })).toMatch(/解析/);
    expect(incompatibility(manifest, { ...current, dictionaryHash: "def" })).toMatch(/词典/);
    expect(incompatibility(manifest, { ...current, embedderId: "openai:text-embedding-3-small" })).toMatch(
      /openai:text-embedding-3-small/,
    );
  });
});
