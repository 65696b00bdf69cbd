import { download, request, type Answer, type Citation } from "./api.js";
import { el, saveBlob } from "./dom.js";
import { openSection } from "./section-panel.js";

/** One answer on the page: its text with clickable [n] markers, the sources, and copy/export/feedback. */

function place(c: Citation): string {
  const where = [c.region ?? c.title ?? c.reportId, c.year === null ? null : `${c.year}年`].filter(Boolean).join(" ");
  return c.path.length ? `${where} · ${c.path.join(" › ")}` : where;
}

/** Plain text with the sources, for the clipboard. */
function plainText(answer: Answer): string {
  const sources = answer.citations.map((c) => `[${c.n}] ${place(c)}：“${c.quote}”`);
  return [answer.answer, ...(sources.length ? ["", "出处：", ...sources] : [])].join("\n");
}

function markerButton(citation: Citation): HTMLButtonElement {
  const button = el("button", {
    type: "button",
    class: "cite",
    "aria-label": `出处 ${citation.n}：${place(citation)}`,
    text: `[${citation.n}]`,
  });
  button.addEventListener("click", () => void openSection(citation, button));
  return button;
}

function answerText(answer: Answer): HTMLElement {
  const byN = new Map(answer.citations.map((c) => [c.n, c]));
  const nodes: Node[] = [];
  for (const part of answer.answer.split(/(\[\d+\])/)) {
    const n = /^\[(\d+)\]$/.exec(part)?.[1];
    const citation = n ? byN.get(Number(n)) : undefined;
    nodes.push(citation ? markerButton(citation) : document.createTextNode(part));
  }
  return el("div", { class: "answer-text" }, nodes);
}

function sources(answer: Answer): HTMLElement | null {
  if (!answer.citations.length) return null;
  return el("details", { class: "sources", open: "" }, [
    el("summary", { text: `出处（${answer.citations.length}）` }),
    el(
      "ol",
      {},
      answer.citations.map((c) => {
        const open = el("button", { type: "button", class: "link", text: place(c) });
        open.addEventListener("click", () => void openSection(c, open));
        return el("li", { value: String(c.n) }, [open, el("q", { text: c.quote })]);
      }),
    ),
  ]);
}

function fileName(answer: Answer, ext: string): string {
  return `${answer.question.slice(0, 40).replace(/[\\/:*?"<>|\s]+/g, "_") || "回答"}.${ext}`;
}

function actions(answer: Answer, answerId: () => string | null, say: (text: string) => void): HTMLElement {
  const button = (label: string, title: string, run: () => Promise<void>) => {
    const b = el("button", { type: "button", class: "action", title, text: label });
    b.addEventListener("click", () => {
      run().catch((error: Error) => say(error.message));
    });
    return b;
  };
  const vote = (v: "up" | "down") => async () => {
    const id = answerId();
    if (!id) return say("这条回答没有保存记录，无法评价");
    await request("POST", "/api/feedback", { answerId: id, vote: v });
    say(v === "up" ? "感谢反馈 👍" : "感谢反馈，我们会改进 🙏");
  };
  return el("div", { class: "actions" }, [
    button("复制", "复制回答和出处", async () => {
      await navigator.clipboard.writeText(plainText(answer));
      say("已复制");
    }),
    button("Word", "下载为 Word 文档（含出处）", async () =>
      saveBlob(await download("/api/export", { format: "docx", answer }), fileName(answer, "docx")),
    ),
    button("Markdown", "下载为 Markdown（含出处）", async () =>
      saveBlob(await download("/api/export", { format: "markdown", answer }), fileName(answer, "md")),
    ),
    button("有帮助", "这条回答有帮助", vote("up")),
    button("没帮助", "这条回答没帮助", vote("down")),
  ]);
}

export function renderAnswer(target: HTMLElement, answer: Answer, answerId: () => string | null): void {
  const status = el("p", { class: "status", role: "status" });
  target.classList.remove("draft");
  target.classList.toggle("not-found", answer.status === "not_found");
  target.replaceChildren(
    ...el("div", {}, [
      answer.notice ? el("p", { class: "notice", text: answer.notice }) : null,
      answerText(answer),
      sources(answer),
      actions(answer, answerId, (text) => (status.textContent = text)),
      status,
    ]).childNodes,
  );
}

/** A model's text while it is written; replaced by the checked answer. */
export function renderDraft(target: HTMLElement, text: string): void {
  target.classList.add("draft");
  target.replaceChildren(
    el("p", { class: "muted", text: "正在生成，核对出处后显示最终回答…" }),
    el("div", { class: "answer-text", text }),
  );
}
