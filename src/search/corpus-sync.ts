import { readCorpus } from "../corpus/load-corpus.js";
import type { Report } from "../corpus/report.js";
import type { CorpusFileEntry } from "./manifest.js";

/**
 * What changed in the corpus folder since the index was built, file by file (by content hash): only
 * added and changed files are parsed; the new file table is returned aside, to be stored only once the
 * index built from it is written.
 */

export interface CorpusChanges {
  /** Keyed by path relative to the corpus folder ("/" separators), as the manifest stores it. */
  files: Map<string, CorpusFileEntry>;
  /** Reports parsed from added and changed files. */
  fresh: Report[];
  /** Ids of indexed reports whose file changed or is gone. */
  dropped: Set<string>;
  added: string[];
  updated: string[];
  removed: string[];
}

export async function syncCorpus(corpusDir: string, known: ReadonlyMap<string, CorpusFileEntry>): Promise<CorpusChanges> {
  const changes: CorpusChanges = { files: new Map(), fresh: [], dropped: new Set(), added: [], updated: [], removed: [] };
  for await (const entry of readCorpus(corpusDir, (rel, hash) => known.get(rel)?.hash === hash)) {
    const before = known.get(entry.rel);
    if ("unchanged" in entry) {
      changes.files.set(entry.rel, before!);
      continue;
    }
    const skipped = "skipped" in entry ? entry.skipped : null;
    // A file that cannot even be read is skipped the same way every time: that is no change.
    if (skipped !== null && before?.hash === entry.hash && before.skipped === skipped) {
      changes.files.set(entry.rel, before);
      continue;
    }
    changes.files.set(entry.rel, { hash: entry.hash, reportId: "report" in entry ? entry.report.id : null, skipped });
    if ("report" in entry) changes.fresh.push(entry.report);
    if (before) {
      changes.updated.push(entry.rel);
      if (before.reportId) changes.dropped.add(before.reportId);
    } else {
      changes.added.push(entry.rel);
    }
  }
  for (const [rel, entry] of known) {
    if (changes.files.has(rel)) continue;
    changes.removed.push(rel);
    if (entry.reportId) changes.dropped.add(entry.reportId);
  }
  return changes;
}
