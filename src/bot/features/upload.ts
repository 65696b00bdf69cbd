import { randomBytes } from "node:crypto";
import { Composer, InlineKeyboard } from "grammy";
import { IntakeRefusal, type IntakePreview, MAX_UPLOAD_BYTES } from "../../intake/report-intake.js";
import type { BotContext, BotServices } from "../context.js";

/**
 * An admin sends a report file as a document: it is parsed and shown back with 确认添加 / 取消; on
 * confirmation it is stored in the corpus folder and indexed. Others are told only admins may add reports.
 * Files wait for confirmation in memory for a while (a restart forgets them: send the file again).
 */

const PENDING_MS = 15 * 60_000;
const UPLOAD_DATA = /^u:([\w-]+):(add|cancel)$/;

interface Pending {
  name: string;
  bytes: Uint8Array;
  userId: number;
  at: number;
}

function describe(preview: IntakePreview): string {
  const r = preview.report;
  const field = (label: string, value: string | number | null) => `${label}：${value ?? "（未读出）"}`;
  const headings = r.outline.filter((s) => s.path.length === 1).map((s) => `  ${s.path[0]}`);
  return [
    "请核对解析结果：",
    field("标题", r.title),
    field("地区", r.region),
    field("年份", r.year),
    field("发布机构", r.issuer),
    field("章节数", r.sections),
    ...(r.warnings.length ? [`提示：${r.warnings.join("；")}`] : []),
    ...(headings.length ? ["大纲：", ...headings.slice(0, 12)] : []),
    "",
    `确认后保存为 ${preview.file} 并更新索引。`,
  ].join("\n");
}

export function uploadFeature(services: BotServices): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const pending = new Map<string, Pending>();
  const sweep = () => {
    for (const [token, item] of pending) if (Date.now() - item.at > PENDING_MS) pending.delete(token);
  };

  feature.on("message:document", async (ctx) => {
    if (!services.access.isAdmin(ctx.from.id)) {
      if (ctx.chat.type === "private") await ctx.reply("只有管理员可以发送报告文件添加到资料库。");
      return;
    }
    const document = ctx.message.document;
    const name = document.file_name ?? "report";
    if ((document.file_size ?? 0) > MAX_UPLOAD_BYTES) {
      await ctx.reply(`未添加：文件太大，上限 ${MAX_UPLOAD_BYTES / 1048576} MB`);
      return;
    }
    const file = await ctx.getFile();
    if (!file.file_path) throw new Error("getFile returned no file_path");
    const bytes = await services.fetchFile(file.file_path);
    let preview: IntakePreview;
    try {
      preview = await services.intake.preview(name, bytes);
    } catch (error) {
      if (!(error instanceof IntakeRefusal)) throw error;
      await ctx.reply(`未添加「${name}」：${error.message}`);
      return;
    }
    sweep();
    const token = randomBytes(6).toString("base64url");
    pending.set(token, { name, bytes, userId: ctx.from.id, at: Date.now() });
    const keyboard = new InlineKeyboard().text("✅ 确认添加", `u:${token}:add`).text("取消", `u:${token}:cancel`);
    await ctx.reply(describe(preview), { reply_markup: keyboard });
  });

  feature.callbackQuery(UPLOAD_DATA, async (ctx) => {
    const [, token = "", action] = ctx.match;
    const item = pending.get(token);
    if (!services.access.isAdmin(ctx.from.id) || (item && item.userId !== ctx.from.id)) {
      await ctx.answerCallbackQuery({ text: "只有发送该文件的管理员可以确认。" });
      return;
    }
    if (!item) {
      await ctx.answerCallbackQuery({ text: "这次上传已过期，请重新发送文件。" });
      return;
    }
    pending.delete(token);
    if (action === "cancel") {
      await ctx.answerCallbackQuery({ text: "已取消" });
      await ctx.reply(`已取消，「${item.name}」未添加。`);
      return;
    }
    await ctx.answerCallbackQuery({ text: "正在添加并更新索引…" });
    try {
      const { report, stats } = await services.intake.add(item.name, item.bytes);
      ctx.logger.info({ reportId: report.id, file: report.source }, "已添加报告并更新索引");
      await ctx.reply(
        `✅ 已添加：${report.region ?? ""}${report.year ?? ""}年 ${report.title ?? report.id}（ID ${report.id}）\n资料库现有 ${stats.reports} 份报告，可以提问了。`,
      );
    } catch (error) {
      if (!(error instanceof IntakeRefusal)) throw error;
      await ctx.reply(`未添加「${item.name}」：${error.message}`);
    }
  });
  return feature;
}
