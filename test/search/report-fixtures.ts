import type { Report, Section, SectionKind } from "../../src/corpus/report.js";

/** Builds a consistent hand-made Report (sections are slices of its text). */
export function makeReport(
  meta: Pick<Report, "id" | "region" | "year"> &
    Partial<Pick<Report, "level" | "divisionCode" | "parent" | "issuer" | "issuerKind" | "title">>,
  parts: Array<{ path: string[]; text: string; kind?: SectionKind }>,
): Report {
  let text = "";
  const sections: Section[] = parts.map((part, i) => {
    const start = text.length;
    text += part.text;
    const section: Section = {
      id: `${meta.id}-${i + 1}`,
      reportId: meta.id,
      path: part.path,
      heading: part.path.at(-1) ?? "",
      kind: part.kind ?? "measures",
      text: part.text,
      start,
      end: text.length,
    };
    text += "\n";
    return section;
  });
  return {
    id: meta.id,
    title: meta.title ?? null,
    region: meta.region,
    level: meta.level ?? null,
    divisionCode: meta.divisionCode ?? null,
    parent: meta.parent ?? null,
    issuer: meta.issuer ?? null,
    issuerKind: meta.issuerKind ?? null,
    year: meta.year,
    publishedAt: null,
    source: `${meta.id}.txt`,
    text,
    sections,
    warnings: [],
  };
}
