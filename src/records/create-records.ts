import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import type { Records } from "./records.js";
import { SqliteRecords } from "./sqlite-records.js";

/**
 * The records every surface of one process shares: SQLite in DATA_DIR. (A shared database for several
 * replicas, DATABASE_URL in the design, would be chosen here; it is not built yet.)
 */
export function createRecords(config: Config, logger: Logger): Records {
  return new SqliteRecords(config.dataDir, logger);
}
