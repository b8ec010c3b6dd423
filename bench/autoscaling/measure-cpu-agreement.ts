// The emulator's CPU% (DockerTaskMetricsSource: % of the task's reservation)
// against `docker stats` (% of one CPU) for the same container over the same
// minute. They should agree within 5 points once docker stats is scaled to
// the reservation (x 4 for 0.25 vCPU).
//
//   pnpm exec tsx bench/autoscaling/measure-cpu-agreement.ts                 # synthetic 15/100 ms duty cycle (~60%)
//   pnpm exec tsx bench/autoscaling/measure-cpu-agreement.ts --busy-ms 5     # ~20%
//   pnpm exec tsx bench/autoscaling/measure-cpu-agreement.ts --container <id> [--cpu-units 256] [--seconds 60]
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { DockerTaskMetricsSource, vcpusOf } from '../../packages/emulator/src/metrics/index.js';
import { dutyCycleProgram, nodeImage, removeContainers, runTaskLike, sleep } from './docker-cli.js';

const { values } = parseArgs({
  options: {
    container: { type: 'string' },
    'cpu-units': { type: 'string', default: '256' },
    'busy-ms': { type: 'string', default: '15' },
    seconds: { type: 'string', default: '60' },
  },
});
const cpuUnits = Number(values['cpu-units']);
const seconds = Number(values.seconds);
const created: string[] = [];
const containerId =
  values.container ?? runTaskLike(await nodeImage(), dutyCycleProgram(Number(values['busy-ms'])), `bench-cpu-agreement-${process.pid}`);
if (!values.container) created.push(containerId);

try {
  await sleep(3000); // let the workload settle
  const ours: { at: number; cpu: number }[] = [];
  const theirs: { at: number; cpu: number }[] = [];
  const metrics = DockerTaskMetricsSource.connect();
  metrics.subscribe('bench', containerId, { serviceName: 'bench', cpuUnits, memoryMiB: 512 });
  const cli = spawn('docker', ['stats', '--format', '{{json .}}', containerId], { stdio: ['ignore', 'pipe', 'inherit'] });
  let pending = '';
  cli.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    for (const match of pending.matchAll(/\{[^{}]*"CPUPerc":"([\d.]+)%"[^{}]*\}/g)) theirs.push({ at: Date.now(), cpu: Number(match[1]) });
    pending = pending.slice(pending.lastIndexOf('}') + 1);
  });
  const started = Date.now();
  const poll = setInterval(() => {
    const latest = metrics.latest('bench');
    if (latest && latest.at > (ours.at(-1)?.at ?? 0)) ours.push({ at: latest.at, cpu: latest.cpuPercent });
  }, 200);
  await sleep(seconds * 1000);
  clearInterval(poll);
  cli.kill('SIGKILL'); // the docker CLI keeps streaming after SIGTERM
  await metrics.close();

  const scale = 1 / vcpusOf(cpuUnits);
  const window = (list: { at: number; cpu: number }[]) => list.filter((s) => s.at >= started + 1500);
  const mean = (list: { cpu: number }[]) => list.reduce((a, s) => a + s.cpu, 0) / Math.max(1, list.length);
  const oursMean = mean(window(ours));
  const theirsRaw = mean(window(theirs));
  const theirsScaled = Math.min(100, theirsRaw * scale);
  // Also per 10-second window, where sampling phase differences weigh more.
  const windows: { from: number; emulator: number; dockerStatsScaled: number }[] = [];
  for (let from = started + 1500; from + 10_000 <= started + seconds * 1000; from += 10_000) {
    const inWindow = (list: { at: number; cpu: number }[]) => list.filter((s) => s.at >= from && s.at < from + 10_000);
    windows.push({ from: (from - started) / 1000, emulator: round(mean(inWindow(ours))), dockerStatsScaled: round(Math.min(100, mean(inWindow(theirs)) * scale)) });
  }
  const result = {
    containerId: containerId.slice(0, 12),
    seconds,
    cpuUnits,
    samples: { emulator: window(ours).length, dockerStats: window(theirs).length },
    emulatorMeanPercentOfReservation: round(oursMean),
    dockerStatsMeanPercentOfOneCpu: round(theirsRaw),
    dockerStatsScaledToReservation: round(theirsScaled),
    differencePoints: round(Math.abs(oursMean - theirsScaled)),
    withinFivePoints: Math.abs(oursMean - theirsScaled) <= 5,
    windows,
    maxWindowDifferencePoints: round(Math.max(...windows.map((w) => Math.abs(w.emulator - w.dockerStatsScaled)))),
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  removeContainers(created);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
