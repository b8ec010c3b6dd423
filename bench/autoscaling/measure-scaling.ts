// The tutorial's ending, timed: the stack on the real engine (in this process,
// as `emulate up` runs it), vegeta attacking GET /stress-test on the users
// listener, and the service's desired/running/healthy counts every 250 ms.
// Prints JSON: time from load start to the scale-out decision and to a task of
// the scale-out serving; time from load end to being back at 1 task; how many
// tasks were replaced on the way; vegeta's report.
//
//   pnpm exec tsx bench/autoscaling/measure-scaling.ts [--rate 50] [--duration 120] [--timing local|aws] [--ports free|manifest]
//
// --ports manifest binds the manifest's listener ports (127.0.0.1:8000), as a user runs it; the default
// binds free ports so it can run beside another stack.
import { rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadStack } from '@ecs-twin/manifest';
import { systemClock } from '../../packages/emulator/src/clock/index.js';
import { serveStack } from '../../packages/emulator/src/daemon/index.js';
import { DockerRuntime, dockerClient } from '../../packages/emulator/src/docker/index.js';
import { EventBus, type EmulatorEvent } from '../../packages/emulator/src/events/index.js';
import { ensureStackImages, withStackName } from '../../packages/emulator/src/stack-runtime/index.js';
import { stateDir } from '../../packages/emulator/src/state/index.js';
import { formatStressReport, runStress } from '../../packages/emulator/src/stress/index.js';
import { docker, sleep } from './docker-cli.js';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '50' },
    duration: { type: 'string', default: '120' },
    timing: { type: 'string', default: 'local' },
    ports: { type: 'string', default: 'free' },
    file: { type: 'string', default: 'stack.yaml' },
    'settle-seconds': { type: 'string', default: '300' },
  },
});
const USERS = 'service-users-ecs';
const timing = values.timing === 'aws' ? 'aws' : 'local';
const stack = withStackName(await loadStack(values.file), `bench-autoscaling-${process.pid}`);
const bus = new EventBus(systemClock);
const events: EmulatorEvent[] = [];
bus.subscribe((e) => events.push(e));
await ensureStackImages(stack, new DockerRuntime(dockerClient()), bus.emit);
const served = await serveStack({ stack, file: values.file, timing, ports: values.ports === 'manifest' ? 'manifest' : 'free', detached: false, events: bus });

type Status = {
  services: { serviceName: string; desiredCount: number; runningCount: number }[];
  tasks: { taskId: string; serviceName: string; lastStatus: string; containerId?: string }[];
  targetGroups: { targetGroupName: string; targets: { id: string; state: string }[] }[];
  listeners: { port: number; boundPort: number }[];
};
const status = () => served.status() as unknown as Status;
const users = () => status().services.find((s) => s.serviceName === USERS)!;
const healthy = () => status().targetGroups.find((g) => g.targetGroupName === 'service-users-tg')!.targets.filter((t) => t.state === 'healthy').length;
const served200 = (containerId: string) => {
  try {
    return docker('logs', containerId).split('\n').filter((l) => l.includes('"path":"/stress-test"') && l.includes('"status":200')).length;
  } catch {
    return 0;
  }
};

try {
  while (!(users().runningCount === 1 && healthy() === 1)) await sleep(250);
  const firstTask = status().tasks.find((t) => t.serviceName === USERS && t.lastStatus === 'RUNNING')!.taskId;
  const port = status().listeners.find((l) => l.port === 8000)!.boundPort;
  const t0 = Date.now();
  const timeline: { t: number; desired: number; running: number; healthy: number }[] = [];
  const marks: Record<string, number | undefined> = {};
  let loadEnd: number | undefined;
  const attack = runStress({ url: `http://127.0.0.1:${port}`, rate: Number(values.rate), durationSeconds: Number(values.duration), tool: 'vegeta' }).finally(() => (loadEnd = Date.now()));
  const deadline = t0 + (Number(values.duration) + Number(values['settle-seconds'])) * 1000;
  while (Date.now() < deadline) {
    const s = users();
    const t = (Date.now() - t0) / 1000;
    timeline.push({ t, desired: s.desiredCount, running: s.runningCount, healthy: healthy() });
    if (marks.scaleOut === undefined && s.desiredCount >= 2) marks.scaleOut = t;
    if (marks.scaleOut !== undefined && marks.secondServing === undefined) {
      const others = status().tasks.filter((x) => x.serviceName === USERS && x.taskId !== firstTask && x.lastStatus === 'RUNNING' && x.containerId);
      if (others.some((x) => served200(x.containerId!) > 0)) marks.secondServing = t;
    }
    if (loadEnd !== undefined && s.desiredCount === 1 && s.runningCount === 1 && marks.scaleOut !== undefined) {
      marks.backToOneAfterLoadEnd = (Date.now() - loadEnd) / 1000;
      break;
    }
    await sleep(250);
  }
  const report = await attack;
  const during = events.filter((e) => e.at >= t0 && e.serviceName === USERS);
  process.stderr.write(formatStressReport(report));
  console.log(
    JSON.stringify(
      {
        timing,
        rate: Number(values.rate),
        durationSeconds: Number(values.duration),
        secondsFromLoadStart: { scaleOutDecided: marks.scaleOut ?? null, scaleOutTaskServing: marks.secondServing ?? null },
        secondsFromLoadEndToOneTask: marks.backToOneAfterLoadEnd ?? null,
        maxDesired: Math.max(...timeline.map((x) => x.desired)),
        tasksStopped: during.filter((e) => e.kind === 'task-stopped').length,
        unhealthyTransitions: during.filter((e) => e.kind === 'target-health' && e.message.includes('unhealthy')).length,
        scalingEvents: during.filter((e) => e.kind === 'service-scaled' && e.message.startsWith('Message:')).map((e) => `+${((e.at - t0) / 1000).toFixed(1)}s ${e.message}`),
        vegeta: { requests: report.requests, success: report.success, statusCodes: report.statusCodes, p50Ms: report.latencyMs.p50, p99Ms: report.latencyMs.p99 },
        timeline: timeline.filter((_, i) => i % 4 === 0),
      },
      null,
      2,
    ),
  );
} finally {
  await served.close(true);
  await rm(stateDir(stack.baseDir, stack.stack), { recursive: true, force: true });
}
