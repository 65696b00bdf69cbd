import { closeSync, fsyncSync, openSync, renameSync, writeFileSync } from "node:fs";

/**
 * Puts a file in place all at once: written beside the target, flushed, then renamed over it, so a
 * reader (or a crash) sees either the old file or the new one, never half of one.
 * With `written` the caller has already produced that temporary file (e.g. hnswlib's own writer).
 */
export function writeFileAtomic(file: string, data: string | null, written?: string): void {
  const tmp = written ?? `${file}.tmp-${process.pid}`;
  if (data !== null) writeFileSync(tmp, data);
  const fd = openSync(tmp, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}
