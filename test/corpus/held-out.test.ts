import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { parseReport } from "../../src/corpus/parse-report.js";
import { IssuerKindSchema, RegionLevelSchema, type Report } from "../../src/corpus/report.js";

/**
 * Openings of real report pages from places and levels the shipped corpus lacks (held-out/), with
 * the metadata a reader expects, written down before the parser was first run on them (see the
 * commit history of held-out/manifest.json). Accuracy must stay at region and year ≥ 95%, level
 * and issuer ≥ 90%.
 */

const dir = fileURLToPath(new URL("held-out", import.meta.url));

const Manifest = z.object({
  fixtures: z.array(
    z.object({
      file: z.string(),
      source: z.string().url(),
      expected: z.object({
        region: z.string().nullable(),
        level: RegionLevelSchema.nullable(),
        divisionCode: z.string().nullable(),
        parent: z.string().nullable(),
        issuer: z.string(),
        issuerAlso: z.array(z.string()),
        issuerKind: IssuerKindSchema,
        year: z.number().int(),
      }),
    }),
  ),
});

const manifest = Manifest.parse(JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")));

function parsed(file: string): Report {
  return parseReport({ id: "heldout", source: file, rawText: readFileSync(join(dir, file), "utf8") });
}

const results = manifest.fixtures.map(({ file, expected }) => {
  const r = parsed(file);
  return {
    file,
    region: r.region === expected.region,
    year: r.year === expected.year,
    level: r.level === expected.level,
    issuer: r.issuerKind === expected.issuerKind && r.issuer !== null && [expected.issuer, ...expected.issuerAlso].includes(r.issuer),
  };
});

function share(key: "region" | "year" | "level" | "issuer"): number {
  return results.filter((r) => r[key]).length / results.length;
}

describe("held-out report openings", () => {
  it("has at least 30 fixtures covering every level, departments and the years 2016 to 2025", () => {
    expect(manifest.fixtures.length).toBeGreaterThanOrEqual(30);
    const levels = new Set(manifest.fixtures.map((f) => f.expected.level));
    expect(levels).toEqual(new Set(["province", "city", "county", null]));
    expect(manifest.fixtures.filter((f) => f.expected.issuerKind === "department").length).toBeGreaterThanOrEqual(10);
    const years = manifest.fixtures.map((f) => f.expected.year);
    expect(Math.min(...years)).toBeLessThanOrEqual(2016);
    expect(Math.max(...years)).toBeGreaterThanOrEqual(2025);
    expect(new Set(years).size).toBeGreaterThanOrEqual(8);
  });

  it.each([
    ["region", 0.95],
    ["year", 0.95],
    ["level", 0.9],
    ["issuer", 0.9],
  ] as const)("reads the %s right in at least %s of them", (key, least) => {
    const wrong = results.filter((r) => !r[key]).map((r) => r.file);
    expect(share(key), `wrong: ${wrong.join(", ")}`).toBeGreaterThanOrEqual(least);
  });

  it("gives the division code and parent of every listed place it resolves", () => {
    for (const { file, expected } of manifest.fixtures) {
      const r = parsed(file);
      if (r.region !== expected.region || r.divisionCode === null) continue;
      expect({ file, code: r.divisionCode }).toEqual({ file, code: expected.divisionCode });
      expect({ file, parent: r.parent }).toEqual({ file, parent: expected.parent });
    }
  });
});
