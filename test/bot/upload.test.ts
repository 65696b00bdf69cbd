import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Assistant } from "../../src/answer/assistant.js";
import { createAssistant } from "../../src/answer/create-assistant.js";
import { loadConfig } from "../../src/config.js";
import { ReportIntake } from "../../src/intake/report-intake.js";
import { buttonData, harness } from "./harness.js";

/** An admin adds a report by sending it to the bot as a document; the real assistant over a copy of the corpus. */

const ADMIN = 42;
const FIXTURE = join(import.meta.dirname, "../fixtures/uploads/沅江市2023年法治政府建设报告.txt");
const files = new Map<string, Uint8Array>();
let updateId = 5_000;

function documentUpdate(userId: number, fileId: string, fileName: string): Update {
  return {
    update_id: updateId++,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: userId, type: "private", first_name: "管理员" },
      from: { id: userId, is_bot: false, first_name: "管理员" },
      document: {
        file_id: fileId,
        file_unique_id: `u-${fileId}`,
        file_name: fileName,
        file_size: files.get(fileId)?.length ?? 0,
      },
    },
  };
}

let workDir: string;
let corpusDir: string;
let assistant: Assistant;
let bot: ReturnType<typeof harness>;

const corpusFiles = () => readdirSync(corpusDir, { recursive: true }).map(String).sort();

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), "bot-upload-"));
  corpusDir = join(workDir, "corpus");
  cpSync("corpus", corpusDir, { recursive: true });
  assistant = await createAssistant({ config: loadConfig({}), corpusDir, indexDir: join(workDir, "index") });
  files.set("report", readFileSync(FIXTURE));
  files.set("noise", randomBytes(5_000));
  bot = harness({
    env: { ADMIN_USER_IDS: String(ADMIN) },
    assistant,
    intake: new ReportIntake(corpusDir, assistant),
    fetchFile: async (path) => files.get(path.replace("documents/", ""))!,
  });
}, 120_000);

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe("adding a report through the bot", () => {
  it("refuses a file that is not a report, touching nothing", async () => {
    const before = corpusFiles();
    await bot.handle(documentUpdate(ADMIN, "noise", "报告.pdf"));
    expect(bot.texts().at(-1)).toMatch(/^未添加「报告\.pdf」：无法读取/);
    expect(corpusFiles()).toEqual(before);
  });

  it("tells others that only admins may add reports", async () => {
    await bot.handle(documentUpdate(7, "report", "沅江市.txt"));
    expect(bot.texts().at(-1)).toContain("只有管理员");
    expect(bot.callsOf("getFile").length).toBe(1);
  });

  it("shows an admin's report for confirmation, then adds it so it is answered", async () => {
    await bot.handle(documentUpdate(ADMIN, "report", "沅江市2023年法治政府建设报告.txt"));
    const preview = bot.callsOf("sendMessage").at(-1)!;
    expect(String(preview.payload.text)).toContain("地区：沅江市");
    expect(String(preview.payload.text)).toContain("年份：2023");
    expect(assistant.reports()).toHaveLength(5);
    const add = buttonData(preview).find((d) => d.endsWith(":add"))!;
    await bot.press(ADMIN, add);
    expect(bot.texts().at(-1)).toMatch(/^✅ 已添加：沅江市2023年/);
    expect(assistant.reports()).toHaveLength(6);
    expect((await assistant.ask("沅江市2023年共收到多少件行政复议申请？")).answer).toContain("136件");
    // The button is used up.
    await bot.press(ADMIN, add);
    expect(String(bot.callsOf("answerCallbackQuery").at(-1)!.payload.text)).toContain("过期");
  });
});
