import pino from "pino";
import pretty from "pino-pretty";

/**
 * One logger for the whole program. It writes to stderr so stdout stays for answers and JSON:
 * readable lines on a terminal, JSON lines otherwise (services, log collectors, tests).
 */
function createLogger(): pino.Logger {
  const level = process.env.LOG_LEVEL?.trim() || "info";
  if (process.stderr.isTTY) {
    return pino(
      { level, base: undefined },
      pretty({ destination: 2, sync: true, ignore: "pid,hostname", translateTime: "HH:MM:ss" }),
    );
  }
  return pino({ level, base: undefined }, pino.destination({ dest: 2, sync: true }));
}

export const logger = createLogger();

export type Logger = pino.Logger;
