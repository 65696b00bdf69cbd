import { request, type Citation, type SectionView } from "./api.js";
import { $, el } from "./dom.js";

/** The cited section, opened from an [n] marker, with the quoted span highlighted. Esc or 关闭 closes it. */

let returnFocus: HTMLElement | null = null;

function place(c: { region: string | null; year: number | null; title: string | null }): string {
  return [c.region ?? c.title ?? "", c.year === null ? "" : `${c.year}年`].filter(Boolean).join(" ");
}

function highlighted(text: string, quote: string): Node[] {
  const at = quote ? text.indexOf(quote) : -1;
  if (at < 0) return [document.createTextNode(text)];
  return [
    document.createTextNode(text.slice(0, at)),
    el("mark", { text: quote }),
    document.createTextNode(text.slice(at + quote.length)),
  ];
}

export function closeSection(): void {
  const panel = $("#section-panel");
  if (panel.hidden) return;
  panel.hidden = true;
  returnFocus?.focus();
}

export async function openSection(citation: Citation, opener: HTMLElement): Promise<void> {
  returnFocus = opener;
  const panel = $("#section-panel");
  const body = $("#section-body");
  body.replaceChildren(el("p", { class: "muted", text: "正在打开章节…" }));
  panel.hidden = false;
  $("#section-close").focus();
  try {
    const section = await request<SectionView>("GET", `/api/sections/${encodeURIComponent(citation.sectionId)}`);
    body.replaceChildren(
      ...el("div", {}, [
        el("h2", { id: "section-title", text: `[${citation.n}] ${place(section)}` }),
        section.title ? el("p", { class: "muted", text: section.title }) : null,
        section.path.length ? el("p", { class: "path", text: section.path.join(" › ") }) : null,
        el("div", { class: "section-text" }, highlighted(section.text, citation.quote)),
      ]).childNodes,
    );
    body.querySelector("mark")?.scrollIntoView({ block: "center" });
  } catch (error) {
    body.replaceChildren(el("p", { class: "error", text: `无法打开章节：${(error as Error).message}` }));
  }
}
