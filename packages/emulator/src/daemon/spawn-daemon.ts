import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, open, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Stack } from '@ecs-twin/manifest';
import type { TimingProfileName } from '../timing/index.js';
import { daemonErrorFile, daemonLogFile } from './daemon-info.js';
import { isAvailableStandby, sendOrders } from './standby.js';

/** Set by bin/bundle.mjs (esbuild `define`) in a bundled build: output name -> built entry. */
declare const __ECS_TWIN_BUNDLE_ENTRIES__: Record<string, string> | undefined;

/** The emulator's entry and the Node flags it needs: the bundled one when we run bundled, else the source through tsx. */
function daemonCommand(): string[] {
  if (typeof __ECS_TWIN_BUNDLE_ENTRIES__ !== 'undefined') return [__ECS_TWIN_BUNDLE_ENTRIES__['daemon/daemon-main']!];
  return [...loaderArgs(), fileURLToPath(new URL('./daemon-main.ts', import.meta.url))];
}

/** Node flags that let a child run our TypeScript: the parent's own (tsx), else tsx's loader. */
function loaderArgs(): string[] {
  if (process.execArgv.some((a) => a.includes('tsx'))) return process.execArgv.filter((a) => !a.startsWith('--inspect'));
  const tsx = createRequire(import.meta.url).resolve('tsx');
  return ['--import', pathToFileURL(tsx).href];
}

/**
 * Starts the emulator for `file` as a detached process logging to `<state dir>/daemon.log`;
 * returns its pid. A standby emulator (already loaded, see standby.ts) is given the
 * orders instead when there is one.
 */
export async function spawnDaemon(options: {
  dir: string;
  file: string;
  stack: Stack;
  timing: TimingProfileName;
  cwd: string;
  standby?: ChildProcess;
}): Promise<number> {
  await mkdir(options.dir, { recursive: true });
  await rm(daemonErrorFile(options.dir), { force: true });
  if (isAvailableStandby(options.standby)) {
    try {
      await sendOrders(options.standby, { file: options.file, timing: options.timing, stack: options.stack, logFile: daemonLogFile(options.dir) });
      return options.standby.pid;
    } catch {
      // It went away in between: start one the usual way.
    }
  }
  const log = await open(daemonLogFile(options.dir), 'a');
  const child = spawn(process.execPath, [...daemonCommand(), '--file', options.file, '--timing', options.timing], {
    cwd: options.cwd,
    detached: true,
    stdio: ['ignore', log.fd, log.fd],
    env: { ...process.env, ECS_TWIN_DAEMON: '1' },
  });
  child.unref();
  await log.close();
  if (!child.pid) throw new Error('start emulator: spawn returned no pid');
  return child.pid;
}
