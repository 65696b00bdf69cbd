import { createInterface } from "node:readline/promises";
import { newConversation } from "../answer/answer.js";
import { createAssistant } from "../answer/create-assistant.js";
import { printAnswer } from "./ask.js";
import type { CliContext } from "./context.js";
import { renderAnswer } from "./render-answer.js";
import { stdinLines } from "./stdin-lines.js";

const RESET = /^(\/reset|重新开始|清空)$/;
const EXIT = /^(\/exit|\/quit|退出)$/;

/** `chat`: one conversation. Interactive on a terminal; otherwise each stdin line is the next turn. */
export async function chatCommand(opts: { json: boolean }, ctx: CliContext): Promise<void> {
  const assistant = await createAssistant(ctx);
  let conversation = newConversation();

  if (!process.stdin.isTTY) {
    for await (const line of stdinLines()) {
      if (RESET.test(line)) conversation = newConversation();
      else printAnswer(await assistant.ask(line, conversation), opts.json);
    }
    return;
  }

  const { reports } = assistant.stats();
  process.stdout.write(
    `法治报告问答助手 · 资料库共 ${reports} 份报告。直接输入问题；“重新开始”清空上下文，“退出”结束。\n` +
      `例如：鱼峰区2023年共收到多少件行政复议申请？\n\n`,
  );
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  rl.on("SIGINT", () => rl.close());
  try {
    for (;;) {
      const line = (await rl.question("问> ")).trim();
      if (!line) continue;
      if (EXIT.test(line)) break;
      if (RESET.test(line)) {
        conversation = newConversation();
        process.stdout.write("已清空对话上下文。\n\n");
        continue;
      }
      if (opts.json) {
        printAnswer(await assistant.ask(line, conversation), true);
        continue;
      }
      // Stream the model's text as it comes, then show the checked answer with its sources.
      let streamed = false;
      for await (const event of assistant.askStream(line, conversation)) {
        if (event.type === "delta") {
          streamed = true;
          process.stdout.write(event.text);
        } else {
          process.stdout.write(`${streamed ? "\n\n—— 核对出处后的回答 ——\n" : ""}${renderAnswer(event.answer)}\n\n`);
        }
      }
    }
  } catch (error) {
    // Ctrl+D / Ctrl+C close readline; anything else is a real error.
    if (!(error instanceof Error && /closed|abort/i.test(error.message))) throw error;
  } finally {
    rl.close();
  }
}
