#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { loadConfig, loadDotEnv } from "../config.js";
import { logger } from "../logger.js";
import { UserError } from "../user-error.js";
import type { CliContext } from "./context.js";
import { installProcessPolicy } from "./process-policy.js";

/**
 * The command-line surface (docs/design.md "Commands"). Handlers are imported lazily so that a
 * command only loads what it needs (the bot never loads the PDF reader, `reports` never loads HNSW).
 * Exit codes: 0 done, 1 failed, 2 wrong usage or configuration, 3 index folder locked, 130/143 interrupted.
 */

installProcessPolicy();

/** Wrong usage: an empty question, a bad option value … (exit code 2). */
class UsageError extends UserError {
  constructor(message: string) {
    super(message, 2);
  }
}

/** The words typed on the command line, or undefined when there are none (then stdin is read); never blank. */
function textArgument(words: string[], what: string): string | undefined {
  if (words.length === 0) return undefined;
  const text = words.join(" ").trim();
  if (!text) throw new UsageError(`${what}不能为空。请在命令后写上${what}，或不带参数运行、从标准输入逐行读取。`);
  return text;
}

interface LibraryOptions {
  corpus?: string;
  index?: string;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("应为正整数");
  return n;
}

function context(opts: LibraryOptions): CliContext {
  loadDotEnv();
  const config = loadConfig();
  logger.level = config.logLevel;
  return { config, corpusDir: opts.corpus ?? config.corpusDir, indexDir: opts.index ?? config.indexDir };
}

function libraryCommand(program: Command, name: string, description: string): Command {
  return program
    .command(name)
    .description(description)
    .addOption(new Option("--corpus <dir>", "报告目录（默认 corpus/，环境变量 CORPUS_DIR）"))
    .addOption(new Option("--index <dir>", "索引目录（默认 embeddings/，环境变量 INDEX_DIR）"));
}

const TITLES: Record<string, string> = {
  "Usage:": "用法：",
  "Arguments:": "参数：",
  "Options:": "选项：",
  "Commands:": "命令：",
};

/** Commander's own messages, in Chinese. */
const MESSAGES: Array<[RegExp, string]> = [
  [/^error: unknown command '(.*)'.*/s, "错误：没有命令「$1」"],
  [/^error: unknown option '(.*)'.*/s, "错误：没有选项「$1」"],
  [/^error: missing required argument '(.*)'.*/s, "错误：缺少参数「$1」"],
  [/^error: option '(.*)' argument missing.*/s, "错误：选项「$1」缺少取值"],
  [/^error: option '(.*)' argument '(.*)' is invalid\. (.*)/s, "错误：选项「$1」的取值「$2」无效：$3"],
  [/^error: too many arguments.*/s, "错误：参数过多"],
];

function chinese(message: string): string {
  for (const [pattern, replacement] of MESSAGES)
    if (pattern.test(message)) return `${message.replace(pattern, replacement).trim()}\n`;
  return message;
}

const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };

const program = new Command()
  .name("fazhi")
  .description("法治报告问答助手：回答法治政府建设年度报告的问题，每个结论都注明出处")
  .version(version, "-V, --version", "显示版本号")
  .helpOption("-h, --help", "显示帮助")
  .helpCommand("help [command]", "显示某个命令的帮助")
  .configureHelp({ styleTitle: (title) => TITLES[title] ?? title })
  .configureOutput({ outputError: (message, write) => write(chinese(message)) })
  .showHelpAfterError("（用 --help 查看用法）")
  .exitOverride();

libraryCommand(program, "reports", "列出报告库中的报告")
  .option("--json", "输出 JSON")
  .action(async (opts: LibraryOptions & { json?: boolean }) => {
    const { reportsCommand } = await import("./reports.js");
    await reportsCommand({ json: Boolean(opts.json) }, context(opts));
  });

libraryCommand(program, "show", "显示一份报告及其章节")
  .argument("<reportId>", "报告 ID（见 reports 命令）")
  .option("--json", "输出 JSON")
  .action(async (reportId: string, opts: LibraryOptions & { json?: boolean }) => {
    const { showCommand } = await import("./show.js");
    await showCommand(reportId, { json: Boolean(opts.json) }, context(opts));
  });

libraryCommand(program, "index", "建立或更新检索索引（默认增量更新）")
  .option("--rebuild", "丢弃现有索引，全部重建")
  .action(async (opts: LibraryOptions & { rebuild?: boolean }) => {
    const { indexCommand } = await import("./index-command.js");
    await indexCommand({ rebuild: Boolean(opts.rebuild) }, context(opts));
  });

libraryCommand(program, "search", "检索相关章节；不给查询时，从标准输入逐行读取查询")
  .argument("[query...]", "查询")
  .option("--json", "输出 JSON")
  .option("--k <n>", "返回条数（默认 5）", positiveInt)
  .action(async (query: string[], opts: LibraryOptions & { json?: boolean; k?: number }) => {
    const text = textArgument(query, "查询");
    const { searchCommand } = await import("./search.js");
    await searchCommand(text, { json: Boolean(opts.json), k: opts.k ?? 5 }, context(opts));
  });

libraryCommand(program, "ask", "回答问题；不给问题时，从标准输入逐行读取，每行独立回答")
  .argument("[question...]", "问题")
  .option("--json", "输出 JSON")
  .option("--docx <file>", "同时把回答（含出处）保存为 Word 文档")
  .option("--markdown <file>", "同时把回答（含出处）保存为 Markdown 文件")
  .action(async (question: string[], opts: LibraryOptions & { json?: boolean; docx?: string; markdown?: string }) => {
    const text = textArgument(question, "问题");
    const { askCommand } = await import("./ask.js");
    await askCommand(text, { json: Boolean(opts.json), docx: opts.docx, markdown: opts.markdown }, context(opts));
  });

libraryCommand(program, "chat", "多轮对话：终端上交互；否则标准输入每行是同一对话的下一轮")
  .option("--json", "输出 JSON")
  .action(async (opts: LibraryOptions & { json?: boolean }) => {
    const { chatCommand } = await import("./chat.js");
    await chatCommand({ json: Boolean(opts.json) }, context(opts));
  });

program
  .command("feedback")
  .description("反馈统计：回答次数、👍/👎、最近的 👎（读取 DATA_DIR 中的记录）")
  .option("--json", "输出 JSON")
  .action(async (opts: { json?: boolean }) => {
    const { feedbackCommand } = await import("./feedback.js");
    await feedbackCommand({ json: Boolean(opts.json) }, context({}));
  });

libraryCommand(program, "bot", "运行 Telegram 机器人").action(async (opts: LibraryOptions) => {
  const { botCommand } = await import("./bot.js");
  await botCommand(context(opts));
});

libraryCommand(program, "serve", "运行 HTTP 服务：网页对话、JSON 接口、OpenAI 兼容接口（端口 HTTP_PORT，默认 8080）").action(
  async (opts: LibraryOptions) => {
    const { serveCommand } = await import("./serve.js");
    await serveCommand(context(opts), { withBot: false });
  },
);

libraryCommand(
  program,
  "start",
  "有 HTTP_PORT 时运行 HTTP 服务，有 TELEGRAM_BOT_TOKEN 时运行机器人（可同时），否则进入对话（npm start）",
).action(async (opts: LibraryOptions) => {
  const ctx = context(opts);
  if (ctx.config.http.port !== null) {
    const { serveCommand } = await import("./serve.js");
    await serveCommand(ctx, { withBot: Boolean(ctx.config.telegram.token) });
  } else if (ctx.config.telegram.token) {
    const { botCommand } = await import("./bot.js");
    await botCommand(ctx);
  } else {
    const { chatCommand } = await import("./chat.js");
    await chatCommand({ json: false }, ctx);
  }
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // --help and --version end the parse this way too, with exit code 0.
  if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2);
  // Bad configuration, a missing corpus folder, an unreachable embedding service …: say what to fix.
  if (!(error instanceof UserError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(error.exitCode);
}
