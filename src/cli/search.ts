import type { Filters } from "../search/filters.js";
import { openLibrary, type SearchResult } from "../search/library.js";
import { type CliContext, printJson } from "./context.js";
import { stdinLines } from "./stdin-lines.js";

/** `search [--json] [--k N] [QUERY]`: ranked sections; without QUERY, one query per stdin line. */
export async function searchCommand(
  query: string | undefined,
  opts: { json: boolean; k: number },
  ctx: CliContext,
): Promise<void> {
  const library = await openLibrary({ corpusDir: ctx.corpusDir, indexDir: ctx.indexDir, config: ctx.config });
  const queries = query !== undefined ? [query] : stdinLines("查询");
  for await (const q of queries) {
    const result = await library.search(q, { k: opts.k });
    if (opts.json) printJson(result);
    else process.stdout.write(renderResult(result));
  }
}

function describeFilters(filters: Filters): string {
  const parts = [
    filters.regions.length ? `地区 ${filters.regions.join("、")}` : "",
    filters.years.length ? `年份 ${filters.years.join("、")}` : "",
    filters.issuers.length ? `发布机构 ${filters.issuers.join("、")}` : "",
  ].filter(Boolean);
  return parts.length ? `（限定：${parts.join("；")}）` : "";
}

const PREVIEW_CHARS = 120;

function renderResult(result: SearchResult): string {
  const lines = [`查询：${result.query}${describeFilters(result.filters)}`];
  if (result.results.length === 0) lines.push("  没有找到相关章节。");
  for (const hit of result.results) {
    const source = [hit.region ?? "未知地区", hit.year === null ? "" : `${hit.year}年`].join(" ").trim();
    const where = hit.path.length ? hit.path.join(" › ") : "开头";
    const text = hit.text.replace(/\s+/g, " ").trim();
    lines.push(
      `${String(hit.rank).padStart(2)}. ${source}｜${where}  [${hit.score.toFixed(4)}]`,
      `    ${text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text}`,
      `    章节 ${hit.sectionId}${hit.title ? `｜${hit.title}` : ""}`,
    );
  }
  return `${lines.join("\n")}\n\n`;
}
