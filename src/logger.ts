import pino from "pino";
import pretty from "pino-pretty";

/**
 * One logger for the whole program. It writes to stderr so stdout stays for answers and JSON:
 * readable lines on a terminal, JSON lines otherwise (services, log collectors, tests). Its level
 * is set from the validated config (LOG_LEVEL) once the config is read.
 */
function createLogger(): pino.Logger {
  const level = "info";
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
