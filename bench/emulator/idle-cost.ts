// Idle cost of the background emulator with the tutorial stack running: resident
// memory, and CPU% (of one core) over 30 s of no traffic, read from /proc.
// Also the helper containers it runs (Service Connect agents, metadata endpoint).
//
//   pnpm exec tsx bench/emulator/idle-cost.ts [--seconds 30] [--ports 18000,18001]
import { readFile } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { benchManifest, emulate, run, sleep } from './bench-stack.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '30' }, settle: { type: 'string', default: '10' }, ports: { type: 'string', default: '8000,8001' } } });
const NAME = 'bench-idle';
const TICKS = 100; // getconf CLK_TCK on Linux

async function cpuTicks(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}

async function rssMiB(pid: number): Promise<number> {
  const line = (await readFile(`/proc/${pid}/status`, 'utf8')).split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Number(line.replace(/\D+/g, '')) / 1024;
}

async function main(): Promise<void> {
  const file = await benchManifest(NAME, values.ports.split(',').map(Number) as [number, number]);
  const up = await emulate(['up', '--detach', '--file', file]);
  if (up.code !== 0) throw new Error(`emulate up failed: ${up.stderr}`);
  try {
    const info = JSON.parse(await readFile(join(dirname(file), '.ecs-twin', NAME, 'daemon.json'), 'utf8')) as { pid: number };
    await sleep(Number(values.settle) * 1000);
    const seconds = Number(values.seconds);
    const t0 = await cpuTicks(info.pid);
    const start = performance.now();
    const rss: number[] = [];
    for (let i = 0; i < seconds; i++) {
      rss.push(await rssMiB(info.pid));
      await sleep(1000);
    }
    const cpuSeconds = ((await cpuTicks(info.pid)) - t0) / TICKS;
    const wall = (performance.now() - start) / 1000;
    const helpers = await run('docker', ['stats', '--no-stream', '--format', '{{.Name}} {{.CPUPerc}} {{.MemUsage}}', ...(await run('docker', ['ps', '-q', '--filter', `label=ecs-twin.stack=${NAME}`])).stdout.trim().split('\n')]);
    console.log(JSON.stringify({
      emulatorPid: info.pid,
      seconds: +wall.toFixed(1),
      cpuPercentOfOneCore: +((cpuSeconds / wall) * 100).toFixed(2),
      rssMiB: { min: +Math.min(...rss).toFixed(1), max: +Math.max(...rss).toFixed(1) },
      containers: helpers.stdout.trim().split('\n'),
    }, null, 2));
  } finally {
    await emulate(['down', '--file', file]);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
