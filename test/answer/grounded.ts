import { expect } from "vitest";
import type { Answer } from "../../src/answer/answer.js";
import type { Assistant } from "../../src/answer/assistant.js";

/**
 * The Answer contract: at least one marker; markers numbered in reading order (each new one is the next
 * number); one citation per marker, in that order; every quote verbatim in its section.
 */
export function expectGrounded(assistant: Pick<Assistant, "section">, answer: Answer): void {
  const markers = [...answer.answer.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
  expect(markers.length, answer.answer).toBeGreaterThan(0);
  const firsts = markers.filter((n, i) => markers.indexOf(n) === i);
  expect(firsts).toEqual(firsts.map((_, i) => i + 1));
  expect(answer.citations.map((c) => c.n)).toEqual(firsts);
  for (const c of answer.citations) expect(assistant.section(c.sectionId)?.text).toContain(c.quote);
}
