import type { Report } from "../corpus/report.js";

/** A retrievable piece of a section: the section itself, or one window of a long section. */
export interface Chunk {
  /** `${sectionId}#${ordinal}`: stable while the section's text is. */
  id: string;
  sectionId: string;
  reportId: string;
  /** Offsets in Report.text, so the chunk text is Report.text.slice(start, end). */
  start: number;
  end: number;
}

/** Long enough for a whole typical sub-part, short enough to stay on one topic and within any embedder's window. */
export const MAX_CHUNK_CHARS = 700;
/** Context carried into the next window so a figure and its subject are not cut apart. */
export const OVERLAP_CHARS = 150;

/** Sentence ends: a window always closes after one of these when it can. */
const SENTENCE_END = /[。！？；!?;]+[”’」』)）]*/g;

/**
 * Splits text into windows at sentence ends. Hand-written rather than LangChain's text splitter because
 * the windows must keep their offsets in the report text (citations quote it verbatim).
 */
export function sentenceWindows(text: string, max = MAX_CHUNK_CHARS, overlap = OVERLAP_CHARS): Array<[number, number]> {
  if (text.length <= max) return [[0, text.length]];
  const ends: number[] = [];
  for (const match of text.matchAll(SENTENCE_END)) ends.push(match.index + match[0].length);
  if (ends.at(-1) !== text.length) ends.push(text.length);
  // A sentence longer than a window is cut hard at the window size.
  const bounds: number[] = [0];
  for (const end of ends) {
    let from = bounds.at(-1)!;
    while (end - from > max) bounds.push((from += max));
    bounds.push(end);
  }
  const windows: Array<[number, number]> = [];
  let first = 0;
  while (first < bounds.length - 1) {
    let last = first + 1;
    while (last + 1 < bounds.length && bounds[last + 1]! - bounds[first]! <= max) last++;
    windows.push([bounds[first]!, bounds[last]!]);
    if (last === bounds.length - 1) break;
    // Step back over whole sentences that fit in the overlap, but always move forward.
    let next = last;
    while (next - 1 > first && bounds[last]! - bounds[next - 1]! <= overlap) next--;
    first = next;
  }
  return windows;
}

/** One chunk per section, long sections split into overlapping sentence windows. */
export function chunkReport(report: Report): Chunk[] {
  const chunks: Chunk[] = [];
  for (const section of report.sections) {
    if (section.text.trim() === "") continue;
    sentenceWindows(section.text).forEach(([from, to], ordinal) => {
      chunks.push({
        id: `${section.id}#${ordinal}`,
        sectionId: section.id,
        reportId: report.id,
        start: section.start + from,
        end: section.start + to,
      });
    });
  }
  return chunks;
}
