import { Composer } from "grammy";
import { sendHtml } from "../answer-reply.js";
import { SECTION_DATA } from "../callback-data.js";
import type { BotContext, BotServices } from "../context.js";
import { renderSection } from "../render.js";

/** The 📄 button under an answer: shows the cited section in full. */
export function sourcesFeature(services: BotServices): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.callbackQuery(SECTION_DATA, async (ctx) => {
    const sectionId = ctx.match[1] ?? "";
    const section = services.assistant.section(sectionId);
    if (!section) {
      await ctx.answerCallbackQuery({ text: "该章节已不在报告库中（报告可能已更新），请重新提问。", show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await sendHtml(ctx, renderSection(section));
  });
  return feature;
}
