import { writeFile } from "node:fs/promises";
import { type Answer, answerJson } from "../answer/answer.js";
import { createAssistant } from "../answer/create-assistant.js";
import { answerDocx } from "../export/docx.js";
import { answerMarkdown } from "../export/markdown.js";
import { logger } from "../logger.js";
import { UserError } from "../user-error.js";
import { type CliContext, printJson } from "./context.js";
import { renderAnswer } from "./render-answer.js";
import { stdinLines } from "./stdin-lines.js";

export function printAnswer(answer: Answer, json: boolean): void {
  if (json) {
    if (answer.notice) logger.warn(answer.notice);
    printJson(answerJson(answer));
  } else {
    process.stdout.write(`${renderAnswer(answer)}\n\n`);
  }
}

export interface AskOptions {
  json: boolean;
  /** Also write the answer as a Word document / Markdown file (one question only). */
  docx?: string;
  markdown?: string;
}

/** `ask [QUESTION]`: one answer, or one independent answer per stdin line. */
export async function askCommand(question: string | undefined, opts: AskOptions, ctx: CliContext): Promise<void> {
  if (!question && (opts.docx || opts.markdown))
    throw new UserError(
      '--docx / --markdown 只用于命令行上给出的一个问题，例如：ask --docx 发言提纲.docx "汇总各区行政复议工作情况"',
    );
  const assistant = await createAssistant(ctx);
  if (question) {
    const answer = await assistant.ask(question);
    printAnswer(answer, opts.json);
    if (opts.docx) await writeFile(opts.docx, await answerDocx(answer));
    if (opts.markdown) await writeFile(opts.markdown, answerMarkdown(answer, { heading: true }), "utf8");
    for (const file of [opts.docx, opts.markdown]) if (file) logger.info({ file }, `已保存 ${file}`);
    return;
  }
  for await (const line of stdinLines()) printAnswer(await assistant.ask(line), opts.json);
}
