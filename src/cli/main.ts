#!/usr/bin/env node
import { Command, InvalidArgumentError, Option } from "commander";
import { loadConfig, loadDotEnv } from "../config.js";
import { logger } from "../logger.js";
import { UserError } from "../user-error.js";
import type { CliContext } from "./context.js";

/**
 * The command-line surface (DESIGN.md "Commands"). Handlers are imported lazily so that a
 * command only loads what it needs (the bot never loads the PDF reader, `reports` never loads HNSW).
 */

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

const program = new Command()
  .name("fazhi")
  .description("法治报告问答助手：回答法治政府建设年度报告的问题，每个结论都注明出处")
  .showHelpAfterError();

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
  .option("--k <n>", "返回条数", positiveInt, 5)
  .action(async (query: string[], opts: LibraryOptions & { json?: boolean; k: number }) => {
    const { searchCommand } = await import("./search.js");
    await searchCommand(query.join(" ") || undefined, { json: Boolean(opts.json), k: opts.k }, context(opts));
  });

libraryCommand(program, "ask", "回答问题；不给问题时，从标准输入逐行读取，每行独立回答")
  .argument("[question...]", "问题")
  .option("--json", "输出 JSON")
  .option("--docx <file>", "同时把回答（含出处）保存为 Word 文档")
  .option("--markdown <file>", "同时把回答（含出处）保存为 Markdown 文件")
  .action(async (question: string[], opts: LibraryOptions & { json?: boolean; docx?: string; markdown?: string }) => {
    const { askCommand } = await import("./ask.js");
    await askCommand(question.join(" ") || undefined, { json: Boolean(opts.json), docx: opts.docx, markdown: opts.markdown }, context(opts));
  });

libraryCommand(program, "chat", "多轮对话：终端上交互；否则标准输入每行是同一对话的下一轮")
  .option("--json", "输出 JSON")
  .action(async (opts: LibraryOptions & { json?: boolean }) => {
    const { chatCommand } = await import("./chat.js");
    await chatCommand({ json: Boolean(opts.json) }, context(opts));
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

libraryCommand(program, "start", "有 HTTP_PORT 时运行 HTTP 服务，有 TELEGRAM_BOT_TOKEN 时运行机器人（可同时），否则进入对话（npm start）").action(
  async (opts: LibraryOptions) => {
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
  },
);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Bad configuration, a missing corpus folder, an unreachable embedding service …: say what to fix.
  if (!(error instanceof UserError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(error.exitCode);
}
