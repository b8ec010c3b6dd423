// What the stats collection itself costs with 6 tasks: this process's CPU and
// memory with one streaming stats connection per container, and the Docker
// side (dockerd, containerd, the shims answering the stats calls), against the
// same minutes with no collection. Phases alternate off/on to spread the noise
// of a shared host.
//
//   pnpm exec tsx bench/autoscaling/measure-stats-cost.ts [--tasks 6] [--phase-seconds 30] [--rounds 2]
import { parseArgs } from 'node:util';
import { DockerTaskMetricsSource } from '../../packages/emulator/src/metrics/index.js';
import { cpuSecondsOf, nodeImage, removeContainers, runTaskLike, sleep } from './docker-cli.js';

const { values } = parseArgs({
  options: {
    tasks: { type: 'string', default: '6' },
    'phase-seconds': { type: 'string', default: '30' },
    rounds: { type: 'string', default: '2' },
  },
});
const taskCount = Number(values.tasks);
const phaseMs = Number(values['phase-seconds']) * 1000;
const rounds = Number(values.rounds);
const DOCKER_SIDE = ['dockerd', 'containerd'];

const image = await nodeImage();
const ids: string[] = [];
try {
  for (let i = 0; i < taskCount; i++) {
    // An idle service task: a node process with a timer, as the tutorial's tasks are between requests.
    ids.push(runTaskLike(image, 'setInterval(() => {}, 1000)', `bench-stats-cost-${process.pid}-${i}`));
  }
  await sleep(3000);
  const phases: { phase: 'off' | 'on'; ownCpuPercent: number; dockerCpuPercent: number; rssMiB: number; heapMiB: number; samples: number }[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const phase of ['off', 'on'] as const) {
      let samples = 0;
      const metrics = phase === 'on' ? DockerTaskMetricsSource.connect() : undefined;
      ids.forEach((id, i) => metrics?.subscribe(`task-${i}`, id, { serviceName: 'bench', cpuUnits: 256, memoryMiB: 512 }));
      await sleep(1500); // connections up
      const own0 = process.cpuUsage();
      const docker0 = cpuSecondsOf(DOCKER_SIDE);
      const t0 = process.hrtime.bigint();
      await sleep(phaseMs);
      const wall = Number(process.hrtime.bigint() - t0) / 1e9;
      const own = process.cpuUsage(own0);
      const dockerCpu = cpuSecondsOf(DOCKER_SIDE) - docker0;
      if (metrics) {
        const now = Date.now();
        samples = metrics.datapoint('bench', now - phaseMs, now).reportingTasks;
      }
      const memory = process.memoryUsage();
      phases.push({
        phase,
        ownCpuPercent: round(((own.user + own.system) / 1e6 / wall) * 100),
        dockerCpuPercent: round((dockerCpu / wall) * 100),
        rssMiB: round(memory.rss / 2 ** 20),
        heapMiB: round(memory.heapUsed / 2 ** 20),
        samples,
      });
      await metrics?.close();
      process.stderr.write(`${JSON.stringify(phases.at(-1))}\n`);
    }
  }
  const avg = (phase: 'off' | 'on', key: 'ownCpuPercent' | 'dockerCpuPercent' | 'rssMiB' | 'heapMiB') =>
    round(phases.filter((p) => p.phase === phase).reduce((a, p) => a + p[key], 0) / rounds);
  console.log(
    JSON.stringify(
      {
        tasks: taskCount,
        phaseSeconds: phaseMs / 1000,
        rounds,
        phases,
        // CPU % of one core, averaged over the phases.
        collectorProcessCpuPercent: { off: avg('off', 'ownCpuPercent'), on: avg('on', 'ownCpuPercent') },
        dockerSideCpuPercent: { off: avg('off', 'dockerCpuPercent'), on: avg('on', 'dockerCpuPercent') },
        rssMiB: { off: avg('off', 'rssMiB'), on: avg('on', 'rssMiB') },
        heapMiB: { off: avg('off', 'heapMiB'), on: avg('on', 'heapMiB') },
      },
      null,
      2,
    ),
  );
} finally {
  removeContainers(ids);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
