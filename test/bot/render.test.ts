import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/answer.js";
import { MESSAGE_LIMIT, escapeHtml, renderAnswer, renderDraft, renderSection, splitPlain } from "../../src/bot/render.js";
import { SECTIONS } from "./fake-assistant.js";

const citation = {
  n: 1,
  reportId: "yufeng-2023",
  sectionId: "yufeng-2023-4",
  region: "鱼峰区",
  year: 2023,
  title: null,
  path: ["一、主要举措", "(四)行政复议"],
  quote: "全区共收到行政复议申请70件",
};

function answer(text: string, extra: Partial<Answer> = {}): Answer {
  return {
    question: "问",
    status: "answered",
    kind: "figure",
    answer: text,
    citations: [citation],
    mode: "extractive",
    ms: 1,
    ...extra,
  };
}

/** Tag names opened and closed in one message must balance, or Telegram rejects it. */
function balanced(html: string): boolean {
  const stack: string[] = [];
  for (const [, close, name] of html.matchAll(/<(\/?)(\w+)[^>]*>/g)) {
    if (!close) stack.push(name!);
    else if (stack.pop() !== name) return false;
  }
  return stack.length === 0;
}

describe("render", () => {
  it("escapes report and user text and keeps [n] markers", () => {
    const [html] = renderAnswer(answer("<script>x</script> & “佬倌俚”[1]"));
    expect(html).toContain("&lt;script&gt;x&lt;/script&gt; &amp; “佬倌俚”[1]");
    expect(html).not.toContain("<script>");
    expect(html).toContain("<b>来源</b>\n[1] 鱼峰区 · 2023年 · 一、主要举措 › (四)行政复议");
  });

  it("lists a section cited several times once, with all its markers", () => {
    const second = { ...citation, n: 2, quote: "受理65件" };
    const other = { ...citation, n: 3, sectionId: "yufeng-2023-5", path: ["一、主要举措", "(五)行政应诉"] };
    const [html] = renderAnswer(answer("甲[1]乙[2]丙[3]", { citations: [citation, second, other] }));
    expect(html).toContain(
      "[1][2] 鱼峰区 · 2023年 · 一、主要举措 › (四)行政复议\n[3] 鱼峰区 · 2023年 · 一、主要举措 › (五)行政应诉",
    );
  });

  it("shows a notice above the answer", () => {
    const [html] = renderAnswer(answer("答[1]", { notice: "大模型响应超时，以下是离线检索的回答。" }));
    expect(html!.indexOf("大模型响应超时")).toBeLessThan(html!.indexOf("答[1]"));
  });

  it("splits a long answer at paragraph boundaries, every message under the limit with balanced tags", () => {
    const paragraphs = Array.from({ length: 12 }, (_, i) => `第${i + 1}段：${"内容<要点>&说明。".repeat(60)}`);
    const messages = renderAnswer(answer(paragraphs.join("\n\n"), { notice: "提示" }));
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expect(balanced(m)).toBe(true);
    }
    // Every paragraph survives whole (no paragraph is cut, since each fits in a message).
    const all = messages.join("\n\n");
    for (const p of paragraphs) expect(all).toContain(escapeHtml(p));
    expect(messages.at(-1)).toContain("<b>来源</b>");
  });

  it("cuts an overlong paragraph between sentences, and a sentence-less one anywhere, losing nothing", () => {
    const sentences = "这是一句很长的话。".repeat(1_000);
    const pieces = splitPlain(sentences, 500);
    expect(pieces.every((p) => p.length <= 500 && p.endsWith("。"))).toBe(true);
    expect(pieces.join("")).toBe(sentences);
    const blob = "字&".repeat(3_000);
    const cut = splitPlain(blob, 1_000);
    expect(cut.every((p) => escapeHtml(p).length <= 1_000)).toBe(true);
    expect(cut.join("")).toBe(blob);
  });

  it("renders a long section as several messages that together hold its whole text", () => {
    const long = SECTIONS.find((s) => s.text.length > MESSAGE_LIMIT)!;
    const messages = renderSection(long);
    expect(messages.length).toBeGreaterThan(1);
    expect(messages[0]).toContain("东湖区 · 2022年 · 东湖区人民政府");
    expect(messages[0]).toContain("二、多元化解矛盾纠纷 › (四)健全调解衔接机制");
    const body = messages
      .join("")
      .replace(/<[^>]+>/g, "")
      .replace(/\s/g, "");
    expect(body).toContain(long.text.replace(/\s/g, ""));
  });

  it("keeps a streaming draft within one message without a broken entity", () => {
    const draft = renderDraft("&".repeat(5_000));
    expect(draft.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    expect(draft).toMatch(/(&amp;)+ ▍$/);
  });
});

describe("tables", () => {
  it("shows a comparison table in <pre>, so its columns line up, and the rest as text", () => {
    const text = "对照：\n\n| 报告 | 数字 |\n|---|---|\n| 鱼峰区2023年 | 70件[1] |\n\n<其他>说明";
    const [html] = renderAnswer(answer(text));
    expect(html).toContain("<pre>| 报告 | 数字 |\n|---|---|\n| 鱼峰区2023年 | 70件[1] |</pre>");
    expect(html).toContain("&lt;其他&gt;说明");
    expect(balanced(html!)).toBe(true);
  });
});
