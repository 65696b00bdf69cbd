import type { Report, Section, SectionKind } from "../corpus/report.js";

/**
 * A report's own outline: the headings under which it reports one kind of content. Most reports put
 * their measures under 一、二、三…; some put them all under one part (一、工作开展情况) with (一)(二)… below,
 * and then those are the main headings.
 */
export interface OutlineNode {
  heading: string;
  /** 1 for 一、…, 2 for (一)… */
  depth: number;
  sections: Section[];
  /** The headings one level down, in order (科学部署规划, 带头学法用法 …). */
  children: string[];
}

export function outlineOf(report: Report, kinds: readonly SectionKind[]): OutlineNode[] {
  const sections = report.sections.filter((s) => kinds.includes(s.kind) && s.path.length > 0);
  const tops = distinct(sections.map((s) => s.path[0]!));
  const depth = tops.length === 1 && distinct(sections.flatMap((s) => (s.path[1] ? [s.path[1]] : []))).length >= 2 ? 2 : 1;
  const nodes: OutlineNode[] = [];
  for (const section of sections) {
    const heading = section.path[depth - 1];
    if (!heading) continue;
    let node = nodes.find((n) => n.heading === heading && n.sections[0]!.path[0] === section.path[0]);
    if (!node) nodes.push((node = { heading, depth, sections: [], children: [] }));
    node.sections.push(section);
    const child = section.path[depth];
    if (child && !node.children.includes(child)) node.children.push(child);
  }
  return nodes;
}

/** The report's top-level headings of a kind (六、存在问题), to point at parts an answer left out. */
export function partHeadings(report: Report, kind: SectionKind): string[] {
  return distinct(report.sections.filter((s) => s.kind === kind && s.path.length > 0).map((s) => s.path[0]!));
}

/** A heading without its list marker: (一)科学部署规划 → 科学部署规划. */
export function bareHeading(heading: string): string {
  return heading.replace(/^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）]|\d+[.、．])\s*/, "");
}

function distinct<T>(values: T[]): T[] {
  return [...new Set(values)];
}
