import { constants } from "node:os";
import { logger } from "../logger.js";

/**
 * How every command meets the end of its process (exit codes are listed in the README):
 * - SIGINT / SIGTERM: a command that serves (bot, serve) registers a graceful stop with `onStopSignal` and
 *   exits 0 once stopped; any other command ends at once with 130 / 143. A second signal always ends at
 *   once. Exit handlers run either way, so the index lock is released.
 * - stdout closed by the reader (`search … | head`): the output is simply no longer wanted; exit 0, quietly.
 * - an uncaught exception or unhandled rejection: state is unknown, so it is logged and the process exits
 *   with 1, for a supervisor (systemd, Docker) to start it again. Errors that are safe to survive (a bad
 *   request, a failed update) are caught where they happen and never get here.
 */

type Stop = (signal: NodeJS.Signals) => void;

/** Graceful stops registered by the surfaces that serve (the bot and the HTTP server may run in one process). */
const graceful = new Set<Stop>();
let stopping = false;

export function installProcessPolicy(): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (graceful.size > 0 && !stopping) {
        stopping = true;
        for (const stop of graceful) stop(signal);
        return;
      }
      process.exit(128 + constants.signals[signal]);
    });
  }
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  process.on("uncaughtException", (error) => {
    logger.fatal({ err: error }, `程序出现未预期的错误，已退出：${error.message}`);
    process.exit(1);
  });
}

/** Makes the first SIGINT/SIGTERM call `stop` (with every other registered stop) instead of ending the process; returns the undo. */
export function onStopSignal(stop: Stop): () => void {
  graceful.add(stop);
  return () => {
    graceful.delete(stop);
  };
}
