import { createInterface } from "node:readline";
import { loadConfig } from "../../src/config.js";
import { openLibrary } from "../../src/search/library.js";

/**
 * A second program for the index-concurrency test: for every stdin line `corpusDir<TAB>indexDir` it
 * opens the library there, as `index` does, and prints one JSON line with what happened.
 */
const config = loadConfig({ LOG_LEVEL: "silent" });
for await (const line of createInterface({ input: process.stdin, terminal: false })) {
  const [corpusDir = "", indexDir = ""] = line.split("\t");
  try {
    const { rebuilt, reports, added, updated } = (await openLibrary({ corpusDir, indexDir, config })).summary();
    process.stdout.write(`${JSON.stringify({ ok: true, rebuilt, reports, changed: added.length + updated.length })}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ ok: false, error: String(error) })}\n`);
  }
}
