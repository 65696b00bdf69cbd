import { createInterface } from "node:readline";

/** Non-blank lines of stdin, trimmed, as they arrive; on a terminal, first a hint that input is awaited. */
export async function* stdinLines(what = "问题"): AsyncGenerator<string> {
  if (process.stdin.isTTY) process.stderr.write(`请输入${what}，每行一个；输入完毕按 Ctrl+D。\n`);
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
  for await (const line of rl) {
    const text = line.trim();
    if (text) yield text;
  }
}
