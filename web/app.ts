import { ApiError, askStream, keys, request, type Answer, type ReportSummary } from "./api.js";
import { listForRemoval, setUpAdmin } from "./admin.js";
import { renderAnswer, renderDraft } from "./answer-view.js";
import { $, el } from "./dom.js";
import { closeSection } from "./section-panel.js";

/** The chat page: filters, example questions, the conversation (follow-ups keep it), answers streamed in. */

let history: string[] = [];
let reports: ReportSummary[] = [];
let busy = false;

const log = $("#log");
const input = $("#question") as HTMLTextAreaElement;
const send = $("#send") as HTMLButtonElement;
const regionSelect = $("#region") as HTMLSelectElement;
const yearSelect = $("#year") as HTMLSelectElement;

function fillSelect(select: HTMLSelectElement, all: string, values: string[]): void {
  const kept = select.value;
  select.replaceChildren(el("option", { value: "", text: all }), ...values.map((v) => el("option", { value: v, text: v })));
  if (values.includes(kept)) select.value = kept;
}

async function loadReports(): Promise<void> {
  try {
    reports = await request<ReportSummary[]>("GET", "/api/reports");
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return askForKey(error.message);
    $("#library").textContent = `无法读取报告库：${(error as Error).message}`;
    return;
  }
  const regions = [...new Set(reports.flatMap((r) => (r.region ? [r.region] : [])))].sort();
  const years = [...new Set(reports.flatMap((r) => (r.year === null ? [] : [r.year])))].sort((a, b) => b - a);
  fillSelect(regionSelect, "全部地区", regions);
  fillSelect(yearSelect, "全部年份", years.map(String));
  $("#library").textContent = `资料库：${reports.length} 份报告（${regions.join("、")}）`;
  listForRemoval(reports);
}

function askForKey(reason: string): void {
  const dialog = $("#key-form");
  dialog.hidden = false;
  $("#key-reason").textContent = reason;
  ($("#key-input") as HTMLInputElement).focus();
}

async function ask(question: string): Promise<void> {
  if (busy || !question.trim()) return;
  busy = true;
  send.disabled = true;
  $("#examples").hidden = true;
  const turn = el("article", { class: "turn" });
  const answerBox = el("div", { class: "answer", "aria-live": "polite", "aria-busy": "true" }, [
    el("p", { class: "muted", text: "正在查找…" }),
  ]);
  turn.append(el("p", { class: "question", text: question }), answerBox);
  log.append(turn);
  turn.scrollIntoView({ block: "end" });
  let draft = "";
  let answerId: string | null = null;
  let answer: Answer | null = null;
  let notice: string | undefined;
  try {
    await askStream(
      {
        question,
        history,
        filters: {
          ...(regionSelect.value ? { region: regionSelect.value } : {}),
          ...(yearSelect.value ? { year: Number(yearSelect.value) } : {}),
        },
      },
      {
        onDelta: (text) => renderDraft(answerBox, (draft += text)),
        onNotice: (text) => (notice = text),
        onAnswer: (a) => {
          answer = notice ? { ...a, notice } : a;
          renderAnswer(answerBox, answer, () => answerId);
        },
        onRecorded: (id) => (answerId = id),
      },
    );
    if (!answer) throw new Error("回答中断，请重试");
    history = [...history, question].slice(-10);
  } catch (error) {
    answerBox.replaceChildren(el("p", { class: "error", text: (error as Error).message || "请求失败" }));
    if (error instanceof ApiError && error.status === 401) askForKey(error.message);
  } finally {
    answerBox.setAttribute("aria-busy", "false");
    busy = false;
    send.disabled = false;
    input.focus();
  }
}

function submit(): void {
  const question = input.value.trim();
  if (!question) return;
  input.value = "";
  void ask(question);
}

$("#ask-form").addEventListener("submit", (event) => {
  event.preventDefault();
  submit();
});
input.addEventListener("keydown", (event) => {
  // Enter sends; Shift+Enter (and an IME composing Chinese) does not.
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    submit();
  }
});
for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>("#examples button"))) {
  button.addEventListener("click", () => void ask(button.textContent ?? ""));
}
$("#new-chat").addEventListener("click", () => {
  history = [];
  log.replaceChildren();
  $("#examples").hidden = false;
  input.focus();
});
$("#key-form").addEventListener("submit", (event) => {
  event.preventDefault();
  keys.user = ($("#key-input") as HTMLInputElement).value.trim();
  $("#key-form").hidden = true;
  void loadReports();
});
$("#section-close").addEventListener("click", closeSection);
$("#section-panel").addEventListener("click", (event) => {
  if (event.target === event.currentTarget) closeSection();
});
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") closeSection();
});

setUpAdmin(loadReports, () => reports);
if (document.body.dataset.keys === "required" && !keys.user) askForKey("本服务需要访问密钥");
else void loadReports();
input.focus();
