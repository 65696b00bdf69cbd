import { createInterface } from "node:readline";

/** Non-blank lines of stdin, trimmed, as they arrive. */
export async function* stdinLines(): AsyncGenerator<string> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
  for await (const line of rl) {
    const text = line.trim();
    if (text) yield text;
  }
}
