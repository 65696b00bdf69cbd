import { type ChildProcess, spawn, type SpawnOptions } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * Child processes for tests, each in a process group of its own: stopping one signals the whole group
 * (tsx's launcher and the node process it starts, …) and waits until every member is gone, so nothing a
 * test started outlives it. Other suites may run on this machine at the same time: only our own groups
 * are ever signalled.
 */

export const PROJECT_ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Started {
  child: ChildProcess;
  exited: Promise<Exit>;
  /** Everything written to stdout / stderr so far. */
  stdout(): string;
  stderr(): string;
  /** SIGTERM to the group, SIGKILL after `graceMs`; resolves when no member of the group is left. */
  stop(graceMs?: number): Promise<void>;
}

/** Runs the project's CLI from source (`node --import tsx src/cli/main.ts …`) as a user would run the built one. */
export function cliArgs(...args: string[]): [string, string[]] {
  return [process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args]];
}

export function start(command: string, args: string[], options: SpawnOptions = {}): Started {
  const child = spawn(command, args, { cwd: PROJECT_ROOT, stdio: ["pipe", "pipe", "pipe"], ...options, detached: true });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const exited = new Promise<Exit>((resolve) => child.once("close", (code, signal) => resolve({ code, signal })));
  const group = child.pid!;
  return {
    child,
    exited,
    stdout: () => stdout,
    stderr: () => stderr,
    stop: async (graceMs = 3_000) => {
      signalGroup(group, "SIGTERM");
      const timer = setTimeout(() => signalGroup(group, "SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
      // The leader is gone; a member that ignored SIGTERM must not linger.
      signalGroup(group, "SIGKILL");
      await groupGone(group);
    },
  };
}

export interface RunResult extends Exit {
  stdout: string;
  stderr: string;
}

/** Runs to completion with `input` on stdin; past `timeoutMs` the whole group is stopped. */
export async function run(
  command: string,
  args: string[],
  options: SpawnOptions & { input?: string; timeoutMs?: number } = {},
): Promise<RunResult> {
  const { input = "", timeoutMs = 90_000, ...spawnOptions } = options;
  const started = start(command, args, spawnOptions);
  started.child.stdin?.on("error", () => undefined); // a command that exits without reading its input
  started.child.stdin?.end(input);
  const timer = setTimeout(() => void started.stop(), timeoutMs);
  const exit = await started.exited;
  clearTimeout(timer);
  await groupGone(started.child.pid!);
  return { ...exit, stdout: started.stdout(), stderr: started.stderr() };
}

function signalGroup(group: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-group, signal);
  } catch {
    // Already gone.
  }
}

async function groupGone(group: number, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      process.kill(-group, 0);
    } catch {
      return;
    }
    if (Date.now() > deadline) {
      signalGroup(group, "SIGKILL");
      throw new Error(`process group ${group} still running after it was stopped`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
