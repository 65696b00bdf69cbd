import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import Database from "better-sqlite3";
import type { Answer } from "../../src/answer/answer.js";
import { CALLBACK_DATA_LIMIT } from "../../src/bot/callback-data.js";
import { APOLOGY } from "../../src/bot/create-bot.js";
import { RECORDS_FILE } from "../../src/records/sqlite-records.js";
import { FakeAssistant } from "./fake-assistant.js";
import { BOT_USER } from "./fake-telegram.js";
import { buttonData, harness } from "./harness.js";

const FIGURE_QUESTION = "鱼峰区2023年共收到多少件行政复议申请？";
const GROUP = { id: -100_1, type: "supergroup" as const, title: "法治办" };

/** Rows of the records database, read as an operator would. */
function rows(dataDir: string, sql: string): Record<string, unknown>[] {
  const db = new Database(join(dataDir, RECORDS_FILE), { readonly: true });
  try {
    return db.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

describe("commands", () => {
  it("/start says what the bot does and gives example questions", async () => {
    const h = harness();
    await h.send(1, "/start");
    const [start] = h.callsOf("sendMessage");
    expect(start?.payload.parse_mode).toBe("HTML");
    expect(String(start?.payload.text)).toContain(FIGURE_QUESTION);
    expect(String(start?.payload.text)).toContain("东湖区的“佬倌俚”工作室是什么？");
    expect(String(start?.payload.text)).toContain("/summary");
  });

  it("/help shows admin commands to admins only", async () => {
    const h = harness({ env: { ADMIN_USER_IDS: "7" } });
    await h.send(1, "/help");
    await h.send(7, "/help");
    const [user, admin] = h.texts();
    expect(user).toContain("@我");
    expect(user).not.toContain("/reindex");
    expect(admin).toContain("/reindex");
  });

  it("/reports lists region, year and issuer of every report", async () => {
    const h = harness();
    await h.send(1, "/reports");
    const text = h.texts().join("\n");
    expect(text).toContain("共 2 份");
    expect(text).toContain("鱼峰区 · 2023年 · 鱼峰区人民政府");
    expect(text).toContain("东湖区 · 2022年 · 东湖区人民政府");
  });

  it("/summary and /compare ask for a meeting summary of the topic", async () => {
    const assistant = new FakeAssistant();
    const h = harness({ assistant });
    await h.send(1, "/summary 行政复议");
    await h.send(1, "/compare 述法工作");
    expect(assistant.asked.map((a) => a.question)).toEqual(["汇总各区行政复议情况", "对比各区述法工作"]);
    expect(h.texts()[0]).toContain("行政复议");
    expect(h.texts()[0]).toContain("<b>来源</b>");
  });

  it("/summary without a topic explains how to use it", async () => {
    const assistant = new FakeAssistant();
    const h = harness({ assistant });
    await h.send(1, "/summary");
    expect(assistant.asked).toEqual([]);
    expect(h.texts()[0]).toContain("/summary 行政复议");
  });

  it("an unknown command gets a pointer to /help instead of an answer", async () => {
    const assistant = new FakeAssistant();
    const h = harness({ assistant });
    await h.send(1, "/weather");
    expect(assistant.asked).toEqual([]);
    expect(h.texts()[0]).toContain("/help");
  });
});

describe("answers", () => {
  it("answers a question in HTML with the figure, [n], a source list and buttons", async () => {
    const h = harness();
    await h.send(1, FIGURE_QUESTION);
    expect(h.callsOf("sendChatAction")[0]?.payload.action).toBe("typing");
    const [reply] = h.callsOf("sendMessage");
    const text = String(reply?.payload.text);
    expect(reply?.payload.parse_mode).toBe("HTML");
    expect(text).toContain("全区共收到行政复议申请70件");
    expect(text).toContain("[1]");
    expect(text).toContain("[1] 鱼峰区 · 2023年 · 一、2023年法治政府建设主要举措和成效 › (四)发挥行政复议化解行政争议主渠道作用");
    const data = buttonData(reply);
    expect(data[0]).toBe("s:yufeng-2023-4");
    expect(data.filter((d) => d.startsWith("f:"))).toHaveLength(2);
    for (const d of data) expect(Buffer.byteLength(d)).toBeLessThanOrEqual(CALLBACK_DATA_LIMIT);
  });

  it("shows the assistant's notice with the answer", async () => {
    const assistant = new FakeAssistant();
    const real = assistant.ask.bind(assistant);
    vi.spyOn(assistant, "ask").mockImplementation(async (q, c) => ({
      ...(await real(q, c)),
      notice: "大模型服务出错，以下是离线检索的回答。",
    }));
    const h = harness({ assistant });
    await h.send(1, FIGURE_QUESTION);
    expect(h.texts()[0]).toContain("大模型服务出错");
  });

  it("splits a long answer into several messages, keyboard on the last", async () => {
    const assistant = new FakeAssistant();
    const base = await assistant.ask(FIGURE_QUESTION);
    const long: Answer = {
      ...base,
      answer: Array.from({ length: 10 }, (_, i) => `第${i + 1}点。${"内容".repeat(400)}[1]`).join("\n\n"),
    };
    vi.spyOn(assistant, "ask").mockResolvedValue(long);
    const h = harness({ assistant });
    await h.send(1, "汇总各区行政复议工作情况");
    const sent = h.callsOf("sendMessage");
    expect(sent.length).toBeGreaterThan(1);
    for (const s of sent) expect(String(s.payload.text).length).toBeLessThanOrEqual(4096);
    expect(sent.slice(0, -1).every((s) => s.payload.reply_markup === undefined)).toBe(true);
    expect(buttonData(sent.at(-1))).toContain("s:yufeng-2023-4");
  });

  it("streams through message edits when an LLM is configured", async () => {
    const h = harness({ env: { LLM_MODEL: "qwen", OPENAI_BASE_URL: "http://127.0.0.1:9/v1" } });
    await h.send(1, FIGURE_QUESTION);
    const [draft] = h.callsOf("sendMessage");
    expect(String(draft?.payload.text)).toMatch(/▍$/);
    const edits = h.callsOf("editMessageText");
    expect(edits.length).toBeGreaterThanOrEqual(2);
    const final = edits.at(-1)!;
    expect(String(final.payload.text)).toContain("全区共收到行政复议申请70件");
    expect(String(final.payload.text)).toContain("<b>来源</b>");
    expect(buttonData(final)).toContain("s:yufeng-2023-4");
    expect(h.callsOf("sendMessage")).toHaveLength(1);
  });

  it("still sends the final answer when the draft cannot be edited", async () => {
    const h = harness({
      env: { LLM_MODEL: "qwen", OPENAI_BASE_URL: "http://127.0.0.1:9/v1" },
      failing: { editMessageText: { error_code: 400, description: "Bad Request: message can't be edited" } },
    });
    await h.send(1, FIGURE_QUESTION);
    const final = h.callsOf("sendMessage").at(-1)!;
    expect(String(final.payload.text)).toContain("<b>来源</b>");
  });

  it("says so when the reports do not answer the question", async () => {
    const h = harness();
    await h.send(1, "明年的GDP预计是多少？");
    expect(h.texts()[0]).toContain("没有提到");
    expect(buttonData(h.callsOf("sendMessage")[0]).some((d) => d.startsWith("s:"))).toBe(false);
  });

  it("survives blank, overlong and non-text messages with a short hint", async () => {
    const assistant = new FakeAssistant();
    const h = harness({ assistant });
    await h.send(1, "   \n ");
    await h.send(1, "问".repeat(5_000));
    await h.handle({
      update_id: 999,
      message: {
        message_id: 5,
        date: 0,
        chat: { id: 1, type: "private", first_name: "u" },
        from: { id: 1, is_bot: false, first_name: "u" },
        sticker: { file_id: "x" },
      },
    } as never);
    const [blank, long, sticker] = h.texts();
    expect(blank).toContain("请输入");
    expect(long).toContain("5000 字");
    expect(sticker).toContain("文字");
    expect(assistant.asked).toEqual([]);
  });
});

describe("sources and feedback", () => {
  it("a source button opens the cited section in full", async () => {
    const h = harness();
    await h.press(1, "s:yufeng-2023-4");
    expect(h.callsOf("answerCallbackQuery")).toHaveLength(1);
    const text = h.texts().join("");
    expect(text).toContain("鱼峰区 · 2023年 · 鱼峰区人民政府");
    expect(text).toContain("受理65件，审结60件");
  });

  it("a long section arrives as several messages", async () => {
    const h = harness();
    await h.press(1, "s:donghu-2022-9");
    const texts = h.texts();
    expect(texts.length).toBeGreaterThan(1);
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(4096);
  });

  it("an unknown section gets an alert, not an error", async () => {
    const h = harness();
    await h.press(1, "s:gone-1");
    expect(h.callsOf("answerCallbackQuery")[0]?.payload.show_alert).toBe(true);
    expect(h.texts()).toEqual([]);
  });

  it("👍/👎 are stored with the question and the answer, and still work after a restart", async () => {
    const first = harness();
    await first.send(1, FIGURE_QUESTION);
    const data = buttonData(first.callsOf("sendMessage")[0]);
    const up = data.find((d) => d.endsWith(":up"))!;
    const down = data.find((d) => d.endsWith(":down"))!;
    await first.press(1, up);
    expect(first.callsOf("answerCallbackQuery")[0]?.payload.text).toContain("感谢");

    // A new bot on the same data folder: the buttons of the old message keep working.
    const restarted = harness({ dataDir: first.dataDir });
    await restarted.press(2, down);
    await restarted.press(2, "s:yufeng-2023-4");
    expect(restarted.callsOf("answerCallbackQuery")[0]?.payload.text).toContain("感谢");
    expect(restarted.texts().join("")).toContain("70件");

    const answers = rows(first.dataDir, "SELECT question, answer, chat_id, user_id, surface FROM answers");
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ question: FIGURE_QUESTION, chat_id: "1", user_id: "1", surface: "telegram" });
    expect(String(answers[0]?.answer)).toContain("70件");
    const votes = rows(first.dataDir, "SELECT user_id, vote FROM votes ORDER BY at");
    expect(votes.map((v) => [v.user_id, v.vote])).toEqual([
      ["1", "up"],
      ["2", "down"],
    ]);
  });

  it("feedback on an unknown answer id is declined politely", async () => {
    const h = harness();
    await h.press(1, "f:nosuchid:up");
    expect(h.callsOf("answerCallbackQuery")[0]?.payload.text).toContain("找不到");
  });
});

describe("conversations", () => {
  it("keeps context per chat and forgets it on /reset", async () => {
    const assistant = new FakeAssistant();
    const h = harness({ assistant, limits: { questionsPerUser: { limit: 100, timeFrameMs: 1_000 } } });
    await h.send(1, FIGURE_QUESTION);
    await h.send(1, "那东湖区呢？");
    await h.send(2, FIGURE_QUESTION);
    await h.send(1, "/reset");
    await h.send(1, FIGURE_QUESTION);
    expect(assistant.asked.map((a) => a.turnsBefore)).toEqual([0, 1, 0, 0]);
    expect(h.texts().some((t) => t.includes("已清空"))).toBe(true);
  });
});

describe("groups", () => {
  it("stays quiet unless mentioned, replied to or commanded", async () => {
    const assistant = new FakeAssistant();
    const h = harness({ assistant });
    await h.send(5, FIGURE_QUESTION, GROUP);
    await h.send(5, "/reports@other_bot", GROUP);
    await h.send(5, "/weather", GROUP);
    expect(h.calls).toEqual([]);

    const mention = `@${BOT_USER.username} ${FIGURE_QUESTION}`;
    await h.send(5, mention, GROUP, { entities: [{ type: "mention", offset: 0, length: BOT_USER.username.length + 1 }] });
    await h.send(5, "那东湖区的“佬倌俚”工作室呢？", GROUP, {
      reply_to_message: { message_id: 1, date: 0, chat: GROUP, from: BOT_USER, text: "…" },
    });
    await h.send(5, `/reports@${BOT_USER.username}`, GROUP);
    expect(assistant.asked.map((a) => a.question)).toEqual([FIGURE_QUESTION, "那东湖区的“佬倌俚”工作室呢？"]);
    const sent = h.callsOf("sendMessage");
    expect(sent).toHaveLength(3);
    expect(sent[0]?.payload.reply_parameters).toMatchObject({ allow_sending_without_reply: true });
    expect(String(sent[2]?.payload.text)).toContain("报告库");
  });
});

describe("access", () => {
  it("refuses users outside ALLOWED_USER_IDS politely, without report content", async () => {
    const assistant = new FakeAssistant();
    const h = harness({ assistant, env: { ALLOWED_USER_IDS: "1", ADMIN_USER_IDS: "9" } });
    await h.send(2, FIGURE_QUESTION);
    await h.send(2, "/reports");
    await h.press(2, "s:yufeng-2023-4");
    const refusals = h.texts();
    expect(refusals).toHaveLength(2);
    for (const r of refusals) {
      expect(r).toContain("暂无使用本机器人的权限");
      expect(r).toContain("2");
      expect(r).not.toContain("鱼峰区");
    }
    const alert = h.callsOf("answerCallbackQuery")[0]?.payload;
    expect(alert).toMatchObject({ show_alert: true });
    expect(String(alert?.text)).toContain("权限");
    expect(assistant.asked).toEqual([]);

    await h.send(1, FIGURE_QUESTION);
    await h.send(9, FIGURE_QUESTION);
    expect(assistant.asked).toHaveLength(2);
  });

  it("lets everyone in an allowed chat ask, and ignores unaddressed chatter elsewhere", async () => {
    const assistant = new FakeAssistant();
    const h = harness({ assistant, env: { ALLOWED_CHAT_IDS: String(GROUP.id) } });
    const mention = { entities: [{ type: "mention", offset: 0, length: BOT_USER.username.length + 1 }] };
    await h.send(3, `@${BOT_USER.username} ${FIGURE_QUESTION}`, GROUP, mention);
    expect(assistant.asked).toHaveLength(1);
    const other = { id: -200, type: "group" as const, title: "其他群" };
    await h.send(3, "大家好", other);
    expect(h.callsOf("sendMessage")).toHaveLength(1);
    await h.send(3, `@${BOT_USER.username} ${FIGURE_QUESTION}`, other, mention);
    expect(h.texts().at(-1)).toContain("权限");
    expect(assistant.asked).toHaveLength(1);
  });

  it("admin commands are refused to everyone else", async () => {
    const assistant = new FakeAssistant();
    const h = harness({ assistant, env: { ADMIN_USER_IDS: "9" } });
    await h.send(1, "/reindex");
    await h.send(1, "/stats");
    expect(assistant.reindexed).toBe(0);
    expect(h.texts().every((t) => t.includes("仅限管理员"))).toBe(true);

    await h.send(9, "/reindex");
    await h.send(9, "/stats");
    expect(assistant.reindexed).toBe(1);
    const [, , reindexing, reindexed, stats] = h.texts();
    expect(reindexing).toContain("正在重新读取");
    expect(reindexed).toContain("索引已更新");
    expect(stats).toContain("报告：2 份");
    expect(stats).toContain("local-hash-v1/512");
  });

  it("rate-limits a user who asks too fast, without affecting others", async () => {
    const assistant = new FakeAssistant();
    const h = harness({ assistant, limits: { questionsPerUser: { limit: 2, timeFrameMs: 60_000 } } });
    for (let i = 0; i < 4; i++) await h.send(1, FIGURE_QUESTION);
    await h.send(2, FIGURE_QUESTION);
    expect(assistant.asked).toHaveLength(3);
    expect(h.texts().filter((t) => t.includes("太快"))).toHaveLength(1);
  });
});

describe("errors", () => {
  it("an assistant failure gets an apology and the next update is handled", async () => {
    const assistant = new FakeAssistant();
    const h = harness({ assistant });
    vi.spyOn(assistant, "ask").mockRejectedValueOnce(new Error("index unreadable"));
    await h.send(1, FIGURE_QUESTION);
    expect(h.texts()).toEqual([APOLOGY]);
    await h.send(1, FIGURE_QUESTION);
    expect(h.texts()[1]).toContain("70件");
  });

  it("a failing button press stops the spinner with an apology", async () => {
    const assistant = new FakeAssistant();
    vi.spyOn(assistant, "section").mockImplementation(() => {
      throw new Error("corrupt section");
    });
    const h = harness({ assistant });
    await h.press(1, "s:yufeng-2023-4");
    expect(h.callsOf("answerCallbackQuery")[0]?.payload.text).toBe(APOLOGY);
  });

  it("an API method the server does not know (typing indicator) does not stop the answer", async () => {
    const h = harness({ failing: { sendChatAction: { error_code: 404, description: "Not Found" } } });
    await h.send(1, FIGURE_QUESTION);
    expect(h.texts()[0]).toContain("70件");
  });

  it("an unwritable data folder costs the feedback buttons, not the answer", async () => {
    const h = harness();
    const blocked = join(h.dataDir, "not-a-folder");
    writeFileSync(blocked, "");
    const broken = harness({ dataDir: join(blocked, "data") });
    await broken.send(1, FIGURE_QUESTION);
    const [reply] = broken.callsOf("sendMessage");
    expect(String(reply?.payload.text)).toContain("70件");
    expect(buttonData(reply)).toEqual(["s:yufeng-2023-4"]);
  });

  it("when even sending fails, the update ends quietly (logged) instead of throwing", async () => {
    const h = harness({ failing: { sendMessage: { error_code: 403, description: "Forbidden: bot was blocked by the user" } } });
    await expect(h.send(1, FIGURE_QUESTION)).resolves.toBeUndefined();
  });
});
