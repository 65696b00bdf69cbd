import { keys, request, type ReportSummary } from "./api.js";
import { $, el } from "./dom.js";

/** 报告管理 (admin key): upload a report file, see what it holds, confirm; remove a report. */

interface Preview {
  file: string;
  report: ReportSummary & { outline: { path: string[] }[] };
}

function form(file: File): FormData {
  const data = new FormData();
  data.append("file", file, file.name);
  return data;
}

function describe(report: Preview["report"]): HTMLElement {
  const row = (label: string, value: string | number | null) =>
    el("div", {}, [el("dt", { text: label }), el("dd", { text: value === null ? "（未读出）" : String(value) })]);
  return el("div", {}, [
    el("dl", { class: "preview" }, [
      row("标题", report.title),
      row("地区", report.region),
      row("年份", report.year),
      row("发布机构", report.issuer),
      row("章节数", report.sections),
    ]),
    report.warnings.length ? el("p", { class: "notice", text: `提示：${report.warnings.join("；")}` }) : null,
    el("details", {}, [
      el("summary", { text: "章节大纲" }),
      el(
        "ol",
        {},
        report.outline.filter((s) => s.path.length).map((s) => el("li", { text: s.path.join(" › ") })),
      ),
    ]),
  ]);
}

export function setUpAdmin(onChanged: () => Promise<void>, reports: () => ReportSummary[]): void {
  const status = $("#admin-status");
  const result = $("#admin-preview");
  const input = $("#upload-file") as HTMLInputElement;
  const keyInput = $("#admin-key") as HTMLInputElement;
  keyInput.value = keys.admin;
  keyInput.addEventListener("change", () => (keys.admin = keyInput.value.trim()));
  const say = (text: string, error = false) => {
    status.textContent = text;
    status.className = error ? "error" : "status";
  };

  $("#upload-form").addEventListener("submit", (event) => {
    event.preventDefault();
    keys.admin = keyInput.value.trim();
    const file = input.files?.[0];
    if (!file) return say("请选择报告文件", true);
    say("正在解析…");
    result.replaceChildren();
    request<Preview>("POST", "/api/reports", form(file), { admin: true })
      .then((preview) => {
        const confirm = el("button", { type: "button", text: "确认添加到资料库" });
        confirm.addEventListener("click", () => {
          confirm.disabled = true;
          say("正在添加并更新索引…");
          request<{ report: ReportSummary }>("POST", "/api/reports?confirm=1", form(file), { admin: true })
            .then(async ({ report }) => {
              say(`已添加：${report.region ?? ""}${report.year ?? ""}年 ${report.title ?? report.id}，现在可以提问了`);
              result.replaceChildren();
              input.value = "";
              await onChanged();
            })
            .catch((error: Error) => {
              confirm.disabled = false;
              say(error.message, true);
            });
        });
        say("请核对解析结果，确认后添加：");
        result.replaceChildren(describe(preview.report), confirm);
      })
      .catch((error: Error) => say(`未添加：${error.message}`, true));
  });

  $("#remove-form").addEventListener("submit", (event) => {
    event.preventDefault();
    keys.admin = keyInput.value.trim();
    const id = ($("#remove-id") as HTMLSelectElement).value;
    const report = reports().find((r) => r.id === id);
    if (!report) return;
    if (!window.confirm(`确定从资料库删除「${report.region ?? ""}${report.year ?? ""}年 ${report.title ?? report.id}」吗？`))
      return;
    say("正在删除并更新索引…");
    request("DELETE", `/api/reports/${encodeURIComponent(id)}`, undefined, { admin: true })
      .then(async () => {
        say("已删除");
        await onChanged();
      })
      .catch((error: Error) => say(error.message, true));
  });
}

export function listForRemoval(reports: ReportSummary[]): void {
  const select = $("#remove-id");
  select.replaceChildren(
    ...reports.map((r) => el("option", { value: r.id, text: `${r.region ?? "?"} ${r.year ?? "?"}年 · ${r.title ?? r.id}` })),
  );
}
