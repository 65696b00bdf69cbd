import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import { PostgresRecords } from "./postgres-records.js";
import type { Records } from "./records.js";
import { SqliteRecords } from "./sqlite-records.js";

/** The records every surface of one process shares: PostgreSQL with DATABASE_URL (several replicas), else SQLite in DATA_DIR. */
export function createRecords(config: Config, logger: Logger): Records {
  return config.databaseUrl ? new PostgresRecords(config.databaseUrl, logger) : new SqliteRecords(config.dataDir, logger);
}
