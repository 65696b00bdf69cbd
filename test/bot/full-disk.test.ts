import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RECORDS_FILE } from "../../src/records/sqlite-records.js";
import { smallDisk, type SmallDisk } from "../helpers/small-disk.js";
import { FakeAssistant } from "./fake-assistant.js";
import { buttonData, harness } from "./harness.js";

const FIGURE_QUESTION = "鱼峰区2023年共收到多少件行政复议申请？";

describe("the bot on a disk that fills up", () => {
  let disk: SmallDisk;
  beforeEach(() => {
    disk = smallDisk();
  });
  afterEach(() => disk.dispose());

  it("answers throughout, keeps the follow-up context, loses no earlier record and recovers when there is room", async () => {
    if (process.getuid?.() !== 0) return; // a full disk needs a tmpfs of its own (root, as in CI)
    const assistant = new FakeAssistant();
    const h = harness({ assistant, dataDir: disk.dir });
    await h.send(1, FIGURE_QUESTION);
    const first = h.callsOf("sendMessage")[0];
    expect(buttonData(first).some((d) => d.startsWith("f:"))).toBe(true);

    disk.fill();
    await h.send(1, "东湖区的“佬倌俚”工作室是什么？");
    const during = h.callsOf("sendMessage")[1];
    expect(String(during?.payload.text)).toContain("佬倌俚");
    // The answer goes out without 👍/👎 (it could not be stored); the conversation went on from memory.
    expect(buttonData(during).filter((d) => d.startsWith("f:"))).toEqual([]);
    expect(assistant.asked.map((a) => a.turnsBefore)).toEqual([0, 1]);
    await h.press(
      1,
      buttonData(first).find((d) => d.endsWith(":up"))!,
    );
    expect(h.callsOf("answerCallbackQuery").at(-1)?.payload.text).toContain("暂时无法保存");
    expect(h.records.problem()).toBe("磁盘已满");

    disk.free();
    await h.send(2, FIGURE_QUESTION);
    expect(buttonData(h.callsOf("sendMessage")[2]).some((d) => d.startsWith("f:"))).toBe(true);
    expect(h.records.problem()).toBeNull();
    await h.records.close();

    const db = new Database(join(disk.dir, RECORDS_FILE), { readonly: true });
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(
      (db.prepare("SELECT chat_id FROM answers ORDER BY at").all() as Array<{ chat_id: string }>).map((r) => r.chat_id),
    ).toEqual(["1", "2"]);
    db.close();
  });
});
