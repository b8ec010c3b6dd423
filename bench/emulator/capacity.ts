// Many tasks on a small machine (issue 10 §5): the tutorial's stack with the users
// service at N tasks (autoscaling pinned to N), for each N: time from `emulate up
// --detach` to steady (the command returns), tasks replaced on the way (tasks
// started beyond the desired counts, and unhealthy transitions), then the
// background emulator's idle CPU% (of one core) and RSS once steady. The background
// emulator is two processes: the control loops (daemon.json's pid: scheduler,
// health checks, forwarding, control API), which is what grows with the tasks, and
// their supervisor (supervisorPid: holds the listeners, hands connections over);
// both are measured, and the emulator's figures are their sum.
//
//   pnpm exec tsx bench/emulator/capacity.ts [--tasks 1,10,30] [--timeout 180] [--seconds 30] [--cpu 256] [--ports 18100,18101] [--hog 0]
//
// --hog N runs N busy loops on the host while each stack comes up and idles (a
// laptop busy with something else), killed when the run ends (and ending by themselves after 10 minutes).
// Per task = the slope between the smallest and the largest N.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO, benchManifest, emulate, sleep } from './bench-stack.js';
import { writeFile } from 'node:fs/promises';
import { busyShare, procStatCpuMeter } from '../../packages/emulator/src/load-balancer/host-cpu.js';

const { values } = parseArgs({
  options: {
    tasks: { type: 'string', default: '1,10,30' },
    timeout: { type: 'string', default: '180' },
    settle: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '30' },
    cpu: { type: 'string', default: '256' },
    ports: { type: 'string', default: '18100,18101' },
    hog: { type: 'string', default: '0' },
  },
});
const NAME = 'bench-capacity';
const TICKS = 100; // getconf CLK_TCK on Linux

interface Result {
  tasks: number;
  steady: boolean;
  timeToSteadySeconds: number;
  tasksStarted: number;
  replacements: number;
  unhealthyTransitions: number;
  emulatorCpuPercentOfOneCore: number;
  emulatorRssMiB: number;
  /** The control loops alone (daemon.json's pid), and the supervisor alone. */
  controlLoopsCpuPercentOfOneCore: number;
  controlLoopsRssMiB: number;
  supervisorCpuPercentOfOneCore: number;
  supervisorRssMiB: number;
  loadAverage1m: number;
  /** Share of the host's CPU time busy while the stack came up, and while it idled once steady. */
  hostBusyDuringStart: number;
  hostBusyIdle: number;
}

/** The bench manifest with the users service at `tasks` tasks of `cpu` units, autoscaling pinned there. */
async function capacityManifest(tasks: number, cpu: number): Promise<string> {
  const file = await benchManifest(NAME, values.ports.split(',').map(Number) as [number, number]);
  const text = (await readFile(file, 'utf8'))
    .replace('desiredCount: 1', `desiredCount: ${tasks}`) // users comes first
    .replace('minCapacity: 1', `minCapacity: ${tasks}`)
    .replace('maxCapacity: 3', `maxCapacity: ${tasks}`)
    .replace('cpu: 256', `cpu: ${cpu}`);
  await writeFile(file, text);
  return file;
}

async function cpuTicks(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

async function rssMiB(pid: number): Promise<number> {
  const line = (await readFile(`/proc/${pid}/status`, 'utf8')).split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Number(line.replace(/\D+/g, '')) / 1024;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** `emulate up --detach`, given up (SIGTERM) after `timeoutMs`: the emulator it started keeps running. */
function upWithin(file: string, timeoutMs: number): Promise<{ code: number | null; ms: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(REPO, 'packages/emulator/bin/emulate.mjs'), 'up', '--detach', '--file', file], { stdio: 'ignore' });
  const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
  return new Promise((resolve) => child.on('exit', (code) => {
    clearTimeout(timer);
    resolve({ code, ms: performance.now() - started });
  }));
}

async function once(tasks: number): Promise<Result> {
  const file = await capacityManifest(tasks, Number(values.cpu));
  const stateDir = join(dirname(file), '.ecs-twin', NAME);
  const hogs = Array.from({ length: Number(values.hog) }, () => spawn(process.execPath, ['-e', 'const end = Date.now() + 600_000; while (Date.now() < end) {}'], { stdio: 'ignore' }));
  try {
    const hostBefore = procStatCpuMeter();
    const up = await upWithin(file, Number(values.timeout) * 1000);
    const hostUp = procStatCpuMeter();
    const info = JSON.parse(await readFile(join(stateDir, 'daemon.json'), 'utf8')) as { pid: number; supervisorPid: number };
    await sleep(Number(values.settle) * 1000);
    const t0 = await cpuTicks(info.pid);
    const s0 = await cpuTicks(info.supervisorPid);
    const hostIdleFrom = procStatCpuMeter();
    const start = performance.now();
    const rss: number[] = [];
    const supervisorRss: number[] = [];
    for (let i = 0; i < Number(values.seconds); i++) {
      rss.push(await rssMiB(info.pid));
      supervisorRss.push(await rssMiB(info.supervisorPid));
      await sleep(1000);
    }
    const cpuSeconds = ((await cpuTicks(info.pid)) - t0) / TICKS;
    const supervisorCpuSeconds = ((await cpuTicks(info.supervisorPid)) - s0) / TICKS;
    const hostIdleTo = procStatCpuMeter();
    const wall = (performance.now() - start) / 1000;
    const log = await readFile(join(stateDir, 'daemon.log'), 'utf8');
    const started = [...log.matchAll(/has started (\d+) tasks/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    return {
      tasks,
      steady: up.code === 0,
      timeToSteadySeconds: +(up.ms / 1000).toFixed(1),
      tasksStarted: started,
      replacements: started - (tasks + 1), // + the products task
      unhealthyTransitions: (log.match(/ is unhealthy in /g) ?? []).length,
      emulatorCpuPercentOfOneCore: +(((cpuSeconds + supervisorCpuSeconds) / wall) * 100).toFixed(2),
      emulatorRssMiB: +(mean(rss) + mean(supervisorRss)).toFixed(1),
      controlLoopsCpuPercentOfOneCore: +((cpuSeconds / wall) * 100).toFixed(2),
      controlLoopsRssMiB: +mean(rss).toFixed(1),
      supervisorCpuPercentOfOneCore: +((supervisorCpuSeconds / wall) * 100).toFixed(2),
      supervisorRssMiB: +mean(supervisorRss).toFixed(1),
      loadAverage1m: +loadavg()[0]!.toFixed(2),
      hostBusyDuringStart: +(busyShare(hostBefore, hostUp) ?? 0).toFixed(2),
      hostBusyIdle: +(busyShare(hostIdleFrom, hostIdleTo) ?? 0).toFixed(2),
    };
  } finally {
    for (const hog of hogs) hog.kill('SIGKILL');
    await emulate(['down', '--file', file]);
  }
}

async function main(): Promise<void> {
  const results: Result[] = [];
  for (const n of values.tasks.split(',').map(Number)) {
    const r = await once(n);
    console.error(JSON.stringify(r));
    results.push(r);
  }
  const first = results[0]!;
  const last = results[results.length - 1]!;
  const span = last.tasks - first.tasks;
  console.log(JSON.stringify({
    results,
    ...(span > 0 ? {
      perTask: {
        cpuPercentOfOneCore: +((last.emulatorCpuPercentOfOneCore - first.emulatorCpuPercentOfOneCore) / span).toFixed(3),
        rssMiB: +((last.emulatorRssMiB - first.emulatorRssMiB) / span).toFixed(2),
        controlLoopsRssMiB: +((last.controlLoopsRssMiB - first.controlLoopsRssMiB) / span).toFixed(2),
        timeToSteadySeconds: +((last.timeToSteadySeconds - first.timeToSteadySeconds) / span).toFixed(2),
      },
    } : {}),
  }, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
