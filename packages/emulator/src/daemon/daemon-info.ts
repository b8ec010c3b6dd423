import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Written by the running emulator next to state.json: how the CLI finds and talks to it. */
export interface DaemonInfo {
  /** The control loops and the control API: the background emulator. It may crash; its supervisor restarts it. */
  readonly pid: number;
  /**
   * The background emulator's supervisor (detached emulators only): holds the listening
   * sockets and restarts the control loops when they die. `down` stops this one.
   */
  readonly supervisorPid?: number;
  /** Control API on 127.0.0.1. */
  readonly port: number;
  /** Sent as `x-ecs-twin-token`: only who can read the state dir can drive the emulator. */
  readonly token: string;
  readonly startedAt: string;
  readonly file: string;
  readonly timing: string;
  readonly detached: boolean;
}

export const daemonInfoFile = (dir: string) => join(dir, 'daemon.json');
export const daemonLogFile = (dir: string) => join(dir, 'daemon.log');
/** Where a detached emulator that failed to start leaves its one-line reason for the CLI. */
export const daemonErrorFile = (dir: string) => join(dir, 'daemon-error.json');

export async function writeDaemonInfo(dir: string, info: DaemonInfo): Promise<void> {
  await mkdir(dir, { recursive: true });
  const file = daemonInfoFile(dir);
  await writeFile(`${file}.tmp`, JSON.stringify(info, null, 2), { mode: 0o600 });
  await rename(`${file}.tmp`, file);
}

export async function readDaemonInfo(dir: string): Promise<DaemonInfo | undefined> {
  try {
    return JSON.parse(await readFile(daemonInfoFile(dir), 'utf8')) as DaemonInfo;
  } catch {
    return undefined;
  }
}

export async function removeDaemonInfo(dir: string, pid: number): Promise<void> {
  const info = await readDaemonInfo(dir);
  if (info && info.pid === pid) await rm(daemonInfoFile(dir), { force: true });
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

/**
 * A SIGKILLed emulator whose parent has not reaped it yet (the detached daemon is
 * re-parented to PID 1, and not every init reaps at once) still answers kill(pid, 0).
 * Linux shows it as state Z; elsewhere there is no /proc and the check is skipped.
 */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

/** How long a command waits for control loops that their supervisor is restarting (its longest back-off is 8 s). */
const RESTART_WAIT_MS = 15_000;

/**
 * The emulator of this stack, when its control loops are alive (a stale file from a
 * SIGKILL is ignored). When they died and their supervisor is restarting them, this
 * waits for the restarted ones (they write a new file) rather than report no emulator.
 */
export async function liveDaemon(dir: string, restartWaitMs = RESTART_WAIT_MS): Promise<DaemonInfo | undefined> {
  const deadline = Date.now() + restartWaitMs;
  let info = await readDaemonInfo(dir);
  while (info && !isProcessAlive(info.pid) && info.supervisorPid !== undefined && isProcessAlive(info.supervisorPid) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    info = await readDaemonInfo(dir);
  }
  return info && isProcessAlive(info.pid) ? info : undefined;
}

/** The process that stops the whole background emulator when signalled: the supervisor when there is one. */
export function stopTarget(info: DaemonInfo): number {
  return info.supervisorPid ?? info.pid;
}
