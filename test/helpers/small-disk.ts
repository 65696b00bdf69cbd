import { spawnSync } from "node:child_process";
import { chmodSync, closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A folder that can be made full on demand: a tiny tmpfs of its own when the tests run as root (as CI
 * does); otherwise a folder that is made read-only, which a process that has not opened its files yet
 * cannot write either.
 */
export interface SmallDisk {
  dir: string;
  kind: "full" | "read-only";
  /** Leaves no room to write (or no right to). */
  fill(): void;
  /** Makes room again. */
  free(): void;
  dispose(): void;
}

export function smallDisk(megabytes = 4): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), "small-disk-"));
  const mounted =
    process.getuid?.() === 0 && spawnSync("mount", ["-t", "tmpfs", "-o", `size=${megabytes}m`, "tmpfs", dir]).status === 0;
  if (!mounted) {
    return {
      dir,
      kind: "read-only",
      fill: () => chmodSync(dir, 0o555),
      free: () => chmodSync(dir, 0o755),
      dispose: () => {
        chmodSync(dir, 0o755);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const filler = join(dir, "filler");
  return {
    dir,
    kind: "full",
    fill: () => {
      const fd = openSync(filler, "a");
      const block = Buffer.alloc(64 * 1024, 1);
      try {
        for (;;) writeSync(fd, block);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
      } finally {
        closeSync(fd);
      }
      // The last few bytes too: nothing at all is left.
      const last = openSync(filler, "a");
      try {
        for (;;) writeSync(last, Buffer.alloc(512, 1));
      } catch {
        // Full.
      } finally {
        closeSync(last);
      }
    },
    free: () => rmSync(filler, { force: true }),
    dispose: () => {
      spawnSync("umount", ["-l", dir]); // lazily: a file still open must not keep it mounted
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
