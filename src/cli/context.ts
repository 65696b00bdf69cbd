import type { Config } from "../config.js";

/** What every command handler receives: the parsed config with --corpus/--index applied. */
export interface CliContext {
  config: Config;
  corpusDir: string;
  indexDir: string;
}

/** Prints one JSON value as one line on stdout (the --json contract). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}
