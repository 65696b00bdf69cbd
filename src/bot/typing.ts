import type { BotContext } from "./context.js";

/** Telegram shows "typing…" for about 5 s per chat action, so it is repeated while work goes on. */
const REPEAT_MS = 4_500;

export function keepTyping(ctx: BotContext): () => void {
  const send = () => {
    ctx.replyWithChatAction("typing").catch((error: unknown) => {
      ctx.logger.debug({ err: error }, "发送“正在输入”状态失败");
    });
  };
  send();
  const timer = setInterval(send, REPEAT_MS);
  return () => clearInterval(timer);
}
