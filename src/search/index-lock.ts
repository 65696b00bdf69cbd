import { randomBytes } from "node:crypto";
import { linkSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { UserError } from "../user-error.js";

/**
 * An exclusive lock on the index folder: one program at a time reads the corpus against the index and
 * writes it, so two indexers never interleave their files. The lock file holds the holder's pid, host and
 * start time, and the holder touches it every HEARTBEAT_MS. A lock is stale, and is taken over, when its
 * holder on this host is no longer running (killed mid-build) or when nobody has touched it for STALE_MS
 * (a holder on another host that died, or a pid reused after a reboot).
 */

export const LOCK_FILE = "index.lock";
const HEARTBEAT_MS = 5_000;
const STALE_MS = 60_000;
/** How long a second program waits for the holder by default: a large rebuild with remote embeddings takes minutes. */
export const LOCK_WAIT_MS = 10 * 60_000;

export interface LockHolder {
  pid: number;
  host: string;
  since: string;
}

/** The index folder stayed locked by another program for longer than the caller would wait. */
export class IndexLockedError extends UserError {
  constructor(indexDir: string, holder: LockHolder | null) {
    const who = holder ? `进程 ${holder.pid}（${holder.host}，自 ${holder.since} 起）` : "另一个进程";
    super(
      `索引目录 ${indexDir} 正被${who}占用，等待超时。请等它结束后重试；若该进程已不存在，删除 ${join(indexDir, LOCK_FILE)} 即可。`,
      3,
    );
  }
}

export interface IndexLock {
  /** Removes the lock file if it is still ours; safe to call twice. */
  release(): void;
}

export interface LockOptions {
  /** Give up (IndexLockedError) after this long; default LOCK_WAIT_MS. */
  waitMs?: number;
  /** Called once, when the lock is found held by a live holder and the caller starts waiting. */
  onWait?: (holder: LockHolder | null) => void;
}

/** Takes the lock on indexDir (which must exist), waiting while another live program holds it. */
export async function lockIndex(indexDir: string, opts: LockOptions = {}): Promise<IndexLock> {
  const file = join(indexDir, LOCK_FILE);
  const token = randomBytes(8).toString("hex");
  const content = JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString(), token });
  const deadline = Date.now() + (opts.waitMs ?? LOCK_WAIT_MS);
  let waiting = false;
  let pause = 20;
  for (;;) {
    const created = tryCreate(file, content);
    if (created === "read-only") return { release: () => undefined };
    if (created) return hold(file, content);
    const seen = readLock(file);
    if (seen === null) continue; // released just now
    if (isStale(seen)) {
      breakStale(file, seen.raw, token);
      continue;
    }
    if (Date.now() >= deadline) throw new IndexLockedError(indexDir, seen.holder);
    if (!waiting) opts.onWait?.(seen.holder);
    waiting = true;
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 2, 500);
  }
}

/**
 * true when created, false when someone holds it, "read-only" when the folder cannot be written at all.
 * The content is written aside and linked into place, so a lock file is never seen half-written.
 */
function tryCreate(file: string, content: string): boolean | "read-only" {
  const aside = `${file}.new-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    writeFileSync(aside, content, { flag: "wx" });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Nobody can write this index, so nobody can change it under us: reading needs no lock.
    if (code === "EACCES" || code === "EROFS" || code === "EPERM") return "read-only";
    throw error;
  }
  try {
    linkSync(aside, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    unlinkSync(aside);
  }
}

function hold(file: string, content: string): IndexLock {
  const heartbeat = setInterval(() => {
    const now = new Date();
    try {
      utimesSync(file, now, now);
    } catch {
      // Gone (deleted by hand): the holder carries on; the next program simply finds no lock.
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    clearInterval(heartbeat);
    process.off("exit", release);
    try {
      if (readFileSync(file, "utf8") === content) unlinkSync(file);
    } catch {
      // Already gone.
    }
  };
  // Ctrl+C or a crash ends the process without running finally blocks; the lock goes with it.
  process.on("exit", release);
  return { release };
}

interface SeenLock {
  raw: string;
  holder: LockHolder | null;
  touchedAt: number;
}

function readLock(file: string): SeenLock | null {
  try {
    const raw = readFileSync(file, "utf8");
    const touchedAt = statSync(file).mtimeMs;
    return { raw, holder: parseHolder(raw), touchedAt };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

function parseHolder(raw: string): LockHolder | null {
  try {
    const { pid, host, since } = JSON.parse(raw) as Partial<LockHolder>;
    return typeof pid === "number" && typeof host === "string" && typeof since === "string" ? { pid, host, since } : null;
  } catch {
    // Being written this very moment.
    return null;
  }
}

function isStale(seen: SeenLock): boolean {
  if (Date.now() - seen.touchedAt > STALE_MS) return true;
  return seen.holder !== null && seen.holder.host === hostname() && !isRunning(seen.holder.pid);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Moves the stale lock aside and deletes it. If another program replaced it between our look and the
 * move, what we moved is that program's live lock: it is linked back (never over a newer one).
 */
function breakStale(file: string, staleRaw: string, token: string): void {
  const aside = `${file}.stale-${token}`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  try {
    if (readFileSync(aside, "utf8") !== staleRaw) linkSync(aside, file);
  } catch {
    // A newer lock is already in place: it wins.
  } finally {
    unlinkSync(aside);
  }
}
