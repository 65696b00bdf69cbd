import { createRequire } from "node:module";
import { dirname, extname, join } from "node:path";
import { decodeText } from "./decode.js";
import { UnreadableError } from "./unreadable.js";

/**
 * Raw text of one corpus file by its format. Heavy readers (mammoth, pdfjs, html-to-text) are
 * imported only when a file of that kind is met, so a corpus of plain text loads fast.
 */

export async function extractText(file: string, bytes: Uint8Array): Promise<string> {
  const ext = extname(file).toLowerCase();
  switch (ext) {
    case ".html":
    case ".htm":
      return htmlToPlainText(decodeText(bytes).text);
    case ".docx":
      return docxToText(bytes);
    case ".pdf":
      return pdfToText(bytes);
    case ".md":
      return markdownToPlainText(decodeText(bytes).text);
    default:
      return decodeText(bytes).text;
  }
}

async function htmlToPlainText(html: string): Promise<string> {
  const { convert } = await import("html-to-text");
  return convert(html, {
    wordwrap: false,
    // Table cells become "cell | cell |" on one line per row, the way scraped pages print field tables.
    formatters: {
      tableCell: (elem, walk, builder) => {
        walk(elem.children, builder);
        builder.addInline(" | ");
      },
    },
    selectors: [
      { selector: "a", options: { ignoreHref: true } },
      { selector: "img", format: "skip" },
      { selector: "script", format: "skip" },
      { selector: "style", format: "skip" },
      { selector: "noscript", format: "skip" },
      { selector: "h1", options: { uppercase: false } },
      { selector: "h2", options: { uppercase: false } },
      { selector: "h3", options: { uppercase: false } },
      { selector: "h4", options: { uppercase: false } },
      { selector: "h5", options: { uppercase: false } },
      { selector: "h6", options: { uppercase: false } },
      // An empty prefix falls back to " * "; a space is trimmed away by the cleaner.
      { selector: "ul", options: { itemPrefix: " " } },
      { selector: "table", format: "block" },
      { selector: "tr", format: "block" },
      { selector: "th", format: "tableCell" },
      { selector: "td", format: "tableCell" },
    ],
  });
}

/** Markdown markup that is not report text: heading hashes, list bullets, quote marks, emphasis. */
function markdownToPlainText(markdown: string): string {
  return markdown
    .replace(/^[ \t]*(?:#{1,6}|>|[-*+])[ \t]+/gm, "")
    .replace(/\*\*|__/g, "");
}

async function docxToText(bytes: Uint8Array): Promise<string> {
  if (bytes.length === 0) throw new UnreadableError("空文件");
  const mammoth = await import("mammoth");
  try {
    const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    return result.value;
  } catch (error) {
    throw new UnreadableError(`DOCX 已损坏：${describe(error)}`);
  }
}

async function pdfToText(bytes: Uint8Array): Promise<string> {
  if (bytes.length === 0) throw new UnreadableError("空文件");
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  let document: Awaited<ReturnType<typeof pdfjs.getDocument>["promise"]>;
  try {
    // pdfjs takes ownership of (and detaches) the buffer it is given, so hand it a copy.
    document = await pdfjs.getDocument({
      data: new Uint8Array(bytes),
      verbosity: 0,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      ...pdfjsAssets(),
    }).promise;
  } catch (error) {
    throw new UnreadableError(`PDF 已损坏：${describe(error)}`);
  }
  try {
    const pages: string[] = [];
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      const content = await page.getTextContent();
      let text = "";
      for (const item of content.items) {
        if (!("str" in item)) continue;
        text += item.str;
        if (item.hasEOL) text += "\n";
      }
      pages.push(text);
      page.cleanup();
    }
    // Form feeds mark the page breaks, so that the cleaner can drop running headers and footers.
    return pages.join("\f");
  } catch (error) {
    throw new UnreadableError(`PDF 已损坏：${describe(error)}`);
  } finally {
    await document.destroy();
  }
}

/**
 * Chinese PDFs often draw text with predefined CJK encodings (UniGB-UCS2-H, GBK-EUC-H …) whose
 * character maps ship with pdfjs-dist as files; without them such text comes out empty.
 */
function pdfjsAssets(): { cMapUrl: string; cMapPacked: boolean; standardFontDataUrl: string } {
  const root = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
  return { cMapUrl: join(root, "cmaps") + "/", cMapPacked: true, standardFontDataUrl: join(root, "standard_fonts") + "/" };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
