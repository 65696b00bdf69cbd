import { Composer } from "grammy";
import { sendHtml } from "../answer-reply.js";
import type { BotContext, BotServices } from "../context.js";
import { renderReports } from "../render.js";

export function reportsFeature(services: BotServices): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command("reports", async (ctx) => {
    await sendHtml(ctx, renderReports(services.assistant.reports()));
  });
  return feature;
}
