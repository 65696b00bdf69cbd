import type { Answer } from "../answer/answer.js";
import { createAssistant } from "../answer/create-assistant.js";
import { logger } from "../logger.js";
import { type CliContext, printJson } from "./context.js";
import { answerJson, renderAnswer } from "./render-answer.js";
import { stdinLines } from "./stdin-lines.js";

export function printAnswer(answer: Answer, json: boolean): void {
  if (json) {
    if (answer.notice) logger.warn(answer.notice);
    printJson(answerJson(answer));
  } else {
    process.stdout.write(`${renderAnswer(answer)}\n\n`);
  }
}

/** `ask [QUESTION]`: one answer, or one independent answer per stdin line. */
export async function askCommand(question: string | undefined, opts: { json: boolean }, ctx: CliContext): Promise<void> {
  const assistant = await createAssistant(ctx);
  if (question) {
    printAnswer(await assistant.ask(question), opts.json);
    return;
  }
  for await (const line of stdinLines()) printAnswer(await assistant.ask(line), opts.json);
}
