import { describe, expect, it } from "vitest";
import type { Answer, Conversation } from "../../src/answer/answer.js";
import { FakeAssistant } from "./fake-assistant.js";
import { BOT_USER } from "./fake-telegram.js";
import { harness } from "./harness.js";

const FIGURE_QUESTION = "鱼峰区2023年共收到多少件行政复议申请？";
const GROUP = { id: -100_7, type: "supergroup" as const, title: "法治办" };

describe("limits before access", () => {
  it("a stranger flooding the bot gets one refusal per time frame and costs nothing after", async () => {
    const assistant = new FakeAssistant();
    const h = harness({ assistant, env: { ALLOWED_USER_IDS: "1" } });
    for (let i = 0; i < 200; i++) await h.send(666, FIGURE_QUESTION);
    const toStranger = h.calls.filter((c) => c.payload.chat_id === 666);
    // Six questions reach the access check (and are refused), the seventh gets "slow down", the rest nothing.
    expect(toStranger.filter((c) => String(c.payload.text).includes("暂无使用本机器人的权限"))).toHaveLength(6);
    expect(toStranger.filter((c) => String(c.payload.text).includes("太快"))).toHaveLength(1);
    expect(toStranger).toHaveLength(7);
    expect(assistant.asked).toEqual([]);
    // The allowed user is not affected.
    await h.send(1, FIGURE_QUESTION);
    expect(assistant.asked).toHaveLength(1);
  });

  it("drops button presses past the per-user limit and updates past the per-chat limit, silently", async () => {
    const h = harness({
      limits: { updatesPerUser: { limit: 5, timeFrameMs: 60_000 }, updatesPerChat: { limit: 8, timeFrameMs: 60_000 } },
    });
    for (let i = 0; i < 50; i++) await h.press(1, "s:yufeng-2023-4");
    expect(h.callsOf("answerCallbackQuery")).toHaveLength(5);

    h.clear();
    // Many members of one group: each is under their own limit, the group is not.
    for (let user = 100; user < 120; user++) await h.send(user, "/reports", GROUP);
    expect(h.callsOf("sendMessage")).toHaveLength(8);
  });

  it("works out at most two answers at once for one user, and says so to a third", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const assistant = new (class extends FakeAssistant {
      override async ask(question: string, conversation?: Conversation): Promise<Answer> {
        await gate;
        return super.ask(question, conversation);
      }
    })();
    const h = harness({ assistant });
    // The same user in three groups: updates of different chats run at the same time.
    const pending = [-1, -2, -3].map((id) =>
      h.send(
        5,
        `@${BOT_USER.username} ${FIGURE_QUESTION}`,
        { id, type: "supergroup" as const, title: "g" },
        {
          entities: [{ type: "mention", offset: 0, length: BOT_USER.username.length + 1 }],
        },
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await Promise.all(pending);
    const texts = h.texts();
    expect(texts.filter((t) => t.includes("还在处理中"))).toHaveLength(1);
    expect(texts.filter((t) => t.includes("70件"))).toHaveLength(2);
  });

  it("refuses a question over the length limit with a clear reply", async () => {
    const assistant = new FakeAssistant();
    const h = harness({ assistant });
    await h.send(1, "行".repeat(1_001));
    expect(h.texts()[0]).toMatch(/问题太长（1001 字），请精简到 1000 字以内/);
    expect(assistant.asked).toEqual([]);
  });
});
