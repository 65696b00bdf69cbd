import type { Vote } from "../records/records.js";

/**
 * Inline-button payloads. They carry only stable ids (section ids, stored answer ids), so a
 * button keeps working after a restart; Telegram caps callback data at 64 bytes.
 */

export const CALLBACK_DATA_LIMIT = 64;

export function sectionData(sectionId: string): string | null {
  return fits(`s:${sectionId}`);
}

export function feedbackData(answerId: string, vote: Vote): string | null {
  return fits(`f:${answerId}:${vote}`);
}

export const SECTION_DATA = /^s:(.+)$/;
export const FEEDBACK_DATA = /^f:([\w-]+):(up|down)$/;

function fits(data: string): string | null {
  return Buffer.byteLength(data, "utf8") <= CALLBACK_DATA_LIMIT ? data : null;
}
