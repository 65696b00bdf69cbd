import chardet from "chardet";
import iconv from "iconv-lite";
import { UnreadableError } from "./unreadable.js";

/**
 * Turns the bytes of a text file into a string, detecting the encoding from the bytes (file
 * names and extensions say nothing reliable about scraped pages).
 */

export interface DecodedText {
  text: string;
  /** The encoding the bytes were read as, e.g. utf-8, utf-16le, gb18030. */
  encoding: string;
}


const utf8 = new TextDecoder("utf-8", { fatal: true });

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) throw new UnreadableError("空文件");
  const bom = decodeWithBom(bytes);
  if (bom) return checked(bom);

  const asUtf8 = tryUtf8(bytes);
  if (asUtf8 !== null && !asUtf8.includes("\u0000")) return checked({ text: asUtf8, encoding: "utf-8" });

  const utf16 = guessUtf16(bytes);
  if (utf16) return checked(utf16);

  if (bytes.includes(0)) throw new UnreadableError("不是文本文件（二进制）");

  const damagedUtf8 = lenientUtf8(bytes);
  if (damagedUtf8 !== null) return checked({ text: damagedUtf8, encoding: "utf-8" });

  return checked(decodeLegacy(bytes));
}

function decodeWithBom(bytes: Uint8Array): DecodedText | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = tryUtf8(bytes.subarray(3));
    if (text === null) throw new UnreadableError("不是有效的 UTF-8 文本（有 BOM 但内容损坏）");
    return { text, encoding: "utf-8" };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(Buffer.from(bytes.subarray(2)), "utf-16le"), encoding: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(Buffer.from(bytes.subarray(2)), "utf-16be"), encoding: "utf-16be" };
  return null;
}

function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * UTF-8 with a few broken bytes (a page cut mid-character) is still UTF-8; GB18030 read as UTF-8
 * breaks on almost every Chinese character, so a low share of replacement characters tells them apart.
 */
function lenientUtf8(bytes: Uint8Array): string | null {
  const text = new TextDecoder("utf-8").decode(bytes);
  let replaced = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0xfffd) replaced++;
  return replaced <= Math.max(2, text.length / 1000) ? text.replace(/\ufffd/g, "") : null;
}

/**
 * UTF-16 without a BOM: Chinese text in UTF-16 has few zero bytes, so instead of counting zeros we
 * decode both byte orders and keep one whose code units are almost all plausible text.
 */
function guessUtf16(bytes: Uint8Array): DecodedText | null {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return null;
  const sample = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 64 * 1024) & ~1));
  let best: { encoding: "utf-16le" | "utf-16be"; score: number } | null = null;
  for (const encoding of ["utf-16le", "utf-16be"] as const) {
    const score = plausibleShare(iconv.decode(sample, encoding));
    if (!best || score > best.score) best = { encoding, score };
  }
  if (!best || best.score < 0.97) return null;
  return { text: iconv.decode(Buffer.from(bytes), best.encoding), encoding: best.encoding };
}

/** Share of characters that belong in a Chinese or Latin text document. */
function plausibleShare(text: string): number {
  if (text.length === 0) return 0;
  let good = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (
      (c >= 0x20 && c <= 0x7e) ||
      c === 0x0a ||
      c === 0x0d ||
      c === 0x09 ||
      (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0x3000 && c <= 0x303f) ||
      (c >= 0xff00 && c <= 0xffef) ||
      (c >= 0x2000 && c <= 0x206f) ||
      c === 0xa0 ||
      (c >= 0x2460 && c <= 0x24ff)
    ) {
      good++;
    }
  }
  return good / text.length;
}

const CHINESE_LEGACY = new Set(["GB18030", "GB2312", "GBK", "Big5", "EUC-TW"]);

/**
 * Share of double-byte characters whose lead byte is in the GB2312 level-1 hanzi block (the 3,755
 * common characters): above 0.8 in Chinese text, about 0.3 in random bytes read as GB18030.
 */
function commonHanziShare(bytes: Uint8Array): { share: number; pairs: number } {
  let pairs = 0;
  let common = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) continue;
    pairs++;
    if (b >= 0xb0 && b <= 0xd7) common++;
    i++;
  }
  return { share: pairs === 0 ? 1 : common / pairs, pairs };
}

/** Non-Unicode bytes: Chinese government pages are GB18030/GBK unless the detector is sure otherwise. */
function decodeLegacy(bytes: Uint8Array): DecodedText {
  const buffer = Buffer.from(bytes);
  const detected = chardet.detect(bytes);
  const hanzi = commonHanziShare(bytes);
  if (detected !== "Big5" && detected !== "EUC-TW" && hanzi.pairs >= 50 && hanzi.share < 0.6) {
    throw new UnreadableError("不是文本文件（乱码或二进制）");
  }
  if (detected && CHINESE_LEGACY.has(detected) && iconv.encodingExists(detected)) {
    return { text: iconv.decode(buffer, detected), encoding: detected.toLowerCase() };
  }
  const gb = iconv.decode(buffer, "gb18030");
  if (plausibleShare(gb) >= 0.97) return { text: gb, encoding: "gb18030" };
  if (detected && iconv.encodingExists(detected)) {
    return { text: iconv.decode(buffer, detected), encoding: detected.toLowerCase() };
  }
  return { text: gb, encoding: "gb18030" };
}

/** Rejects decoded "text" that is really binary: control characters or undecodable bytes throughout. */
function checked(decoded: DecodedText): DecodedText {
  const { text } = decoded;
  const sampleLength = Math.min(text.length, 64 * 1024);
  let bad = 0;
  for (let i = 0; i < sampleLength; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09 && c !== 0x0c) || c === 0xfffd) bad++;
  }
  if (sampleLength > 0 && bad / sampleLength > 0.01) throw new UnreadableError("不是文本文件（二进制）");
  if (text.trim().length === 0) throw new UnreadableError("空文件");
  return decoded;
}
