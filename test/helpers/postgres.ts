import { spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A throwaway PostgreSQL server for tests: a fresh cluster in a temporary folder, reached only through a
 * Unix socket in that folder (no TCP port, so suites running at the same time never meet). Null when
 * PostgreSQL is not installed. As root (CI) the server runs as the `postgres` user, as it must.
 */
export interface TestPostgres {
  url: string;
  /** Shuts the server down (as a crash would) and starts it again on the same data. */
  halt(): void;
  resume(): void;
  stop(): void;
}

function findBin(name: string): string | null {
  const onPath = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).stdout.trim();
  if (onPath) return onPath;
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const version = readdirSync(root).sort().at(-1);
  const bin = version && join(root, version, "bin", name);
  return bin && existsSync(bin) ? bin : null;
}

export function startPostgres(): TestPostgres | null {
  const initdb = findBin("initdb");
  const pgCtl = findBin("pg_ctl");
  if (!initdb || !pgCtl) return null;
  const dir = mkdtempSync(join(tmpdir(), "pg-test-"));
  const asRoot = process.getuid?.() === 0;
  const run = (command: string, args: string[]) => {
    const result = asRoot
      ? spawnSync("runuser", ["-u", "postgres", "--", command, ...args], { encoding: "utf8" })
      : spawnSync(command, args, { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}`);
  };
  if (asRoot) chownSync(dir, Number(spawnSync("id", ["-u", "postgres"], { encoding: "utf8" }).stdout), 0);
  const data = join(dir, "data");
  // Only names the socket file: the server listens on no TCP port.
  const port = 20_000 + Math.floor(Math.random() * 40_000);
  run(initdb, ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]);
  const startServer = () =>
    run(pgCtl, [
      "-D",
      data,
      "-l",
      join(dir, "log"),
      "-w",
      "-o",
      `-k ${dir} -c listen_addresses='' -p ${port} -c fsync=off`,
      "start",
    ]);
  const stopServer = () => run(pgCtl, ["-D", data, "-m", "immediate", "-w", "stop"]);
  startServer();
  return {
    url: `postgresql://postgres@${encodeURIComponent(dir)}:${port}/postgres`,
    halt: stopServer,
    resume: startServer,
    stop: () => {
      stopServer();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
