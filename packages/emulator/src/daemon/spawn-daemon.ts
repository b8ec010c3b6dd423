import { spawn } from 'node:child_process';
import { mkdir, open, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TimingProfileName } from '../timing/index.js';
import { daemonErrorFile, daemonLogFile } from './daemon-info.js';

const DAEMON_ENTRY = fileURLToPath(new URL('./daemon-main.ts', import.meta.url));

/** Node flags that let a child run our TypeScript: the parent's own (tsx), else tsx's loader. */
function loaderArgs(): string[] {
  if (process.execArgv.some((a) => a.includes('tsx'))) return process.execArgv.filter((a) => !a.startsWith('--inspect'));
  const tsx = createRequire(import.meta.url).resolve('tsx');
  return ['--import', pathToFileURL(tsx).href];
}

/** Starts the emulator for `file` as a detached process logging to `<state dir>/daemon.log`; returns its pid. */
export async function spawnDaemon(options: { dir: string; file: string; timing: TimingProfileName; cwd: string }): Promise<number> {
  await mkdir(options.dir, { recursive: true });
  await rm(daemonErrorFile(options.dir), { force: true });
  const log = await open(daemonLogFile(options.dir), 'a');
  const child = spawn(process.execPath, [...loaderArgs(), DAEMON_ENTRY, '--file', options.file, '--timing', options.timing], {
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
