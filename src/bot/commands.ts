import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import type { Logger } from "../logger.js";

/** The command menu shown by Telegram; admins additionally see the admin commands in their own chat. */
export const USER_COMMANDS: BotCommand[] = [
  { command: "start", description: "开始使用：能做什么、怎么问" },
  { command: "help", description: "使用说明" },
  { command: "reports", description: "查看报告库（地区、年份、发布机构）" },
  { command: "summary", description: "汇总各区某项工作，如 /summary 行政复议" },
  { command: "compare", description: "对比各区某项工作，如 /compare 述法" },
  { command: "reset", description: "清空对话上下文，开始新话题" },
];

export const ADMIN_COMMANDS: BotCommand[] = [
  { command: "reindex", description: "（管理员）重新读取报告目录并更新索引" },
  { command: "stats", description: "（管理员）运行状态与统计" },
  { command: "feedback", description: "（管理员）反馈统计与最近的 👎" },
];

/** Registers the menus; a failure is logged and never stops the bot (the menu is a convenience). */
export async function registerCommands(api: Api, adminUserIds: number[], logger: Logger): Promise<void> {
  try {
    await api.setMyCommands(USER_COMMANDS);
  } catch (error) {
    logger.warn({ err: error }, "无法注册命令菜单（setMyCommands 失败），机器人照常运行");
    return;
  }
  for (const chatId of adminUserIds) {
    try {
      await api.setMyCommands([...USER_COMMANDS, ...ADMIN_COMMANDS], { scope: { type: "chat", chat_id: chatId } });
    } catch (error) {
      // Typically "chat not found" until the admin has opened a chat with the bot.
      logger.debug({ err: error, chatId }, "管理员命令菜单未注册");
    }
  }
}
