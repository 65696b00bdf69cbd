import type { Report, Section } from "../corpus/report.js";
import type { Citation } from "./answer.js";
import type { Span } from "./sentences.js";

/** The citations of one answer, numbered in the order the answer first uses them. */
export class CitationList {
  readonly items: Citation[] = [];

  /** The marker number for this quote of this section: an existing one when the same quote is cited again. */
  add(source: { report: Report; section: Section }, quote: Span): number {
    const existing = this.items.find((c) => c.sectionId === source.section.id && c.quote === quote.text);
    if (existing) return existing.n;
    const n = this.items.length + 1;
    const { report, section } = source;
    this.items.push({
      n,
      reportId: report.id,
      sectionId: section.id,
      region: report.region,
      year: report.year,
      title: report.title,
      path: section.path,
      quote: quote.text,
    });
    return n;
  }

  /** `text[n]`: a quote with its marker. */
  quote(source: { report: Report; section: Section }, quote: Span): string {
    return `${quote.text}[${this.add(source, quote)}]`;
  }
}
