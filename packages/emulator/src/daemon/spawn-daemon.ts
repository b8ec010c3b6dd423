import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, open, rm } from 'node:fs/promises';
import type { Stack } from '@ecs-twin/manifest';
import type { TimingProfileName } from '../timing/index.js';
import { daemonCommand } from './daemon-command.js';
import { daemonErrorFile, daemonLogFile } from './daemon-info.js';
import { isAvailableStandby, sendOrders } from './standby.js';

/**
 * Starts the emulator for `file` as a detached process logging to `<state dir>/daemon.log`;
 * returns its pid (the supervisor's: see supervisor.ts). A standby emulator (already loaded, see standby.ts) is given the
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
