import { readFileSync } from "node:fs";
import { WORDING_WORDS } from "./wordings.js";

/**
 * The domain's own terms: the segmenter's domain dictionary (行政复议, 法律明白人 …) and every word of
 * the wordings table. A question's word outside them — and outside the reports' headings — is more
 * likely chat (会上, 讲清楚, 分析) than the thing asked about.
 */
const DICTIONARY = new URL("../search/domain-dict.txt", import.meta.url);

export const DOMAIN_TERMS: ReadonlySet<string> = new Set([
  ...readFileSync(DICTIONARY, "utf8")
    .split("\n")
    .map((line) => line.trim().split(/\s+/)[0] ?? "")
    .filter(Boolean),
  ...WORDING_WORDS,
]);
