import { fileURLToPath } from 'node:url';
import Docker from 'dockerode';
import type { EmulatorEvent } from '../events/index.js';
import { runStress, type StressReport } from '../stress/index.js';
import { startStack, type StartedStack } from '../testing/index.js';
import type { AutoscalingSnapshot } from './snapshot.js';

// The tutorial's ending on the real engine, local timing profile, through the
// testing API: vegeta attacks GET /stress-test on listener 8000, service-users-ecs
// scales from 1 to at least 2 tasks, a task of the scale-out becomes healthy and
// serves part of the attack, and once the load is gone the service is back to 1.
process.env.ECS_TWIN_TEST = 'true';
const MANIFEST = fileURLToPath(new URL('../../../../stack.yaml', import.meta.url));
const USERS = 'service-users-ecs';
const RATE = 5; // saturates one 0.25 vCPU task (a request is ~0.6 s of its CPU) without drowning a 2-core host
const ATTACK_SECONDS = 60;
const docker = new Docker();
// Listener 8000 itself, as the tutorial attacks it; AUTOSCALING_IT_PORTS=free runs it beside a stack holding 8000.
const PORTS = process.env.AUTOSCALING_IT_PORTS === 'free' ? 'free' : 'manifest';

interface Status {
  services: { serviceName: string; desiredCount: number; runningCount: number }[];
  tasks: { taskId: string; serviceName: string; lastStatus: string; healthStatus: string; containerId?: string }[];
  targetGroups: { targetGroupName: string; targets: { id: string; state: string }[] }[];
  autoscaling?: AutoscalingSnapshot;
}

describe('autoscaling under the tutorial stress test (real Docker, vegeta, local profile)', () => {
  let stack: StartedStack | undefined;
  const events: EmulatorEvent[] = [];
  const status = () => stack!.status() as unknown as Status;
  const users = () => status().services.find((s) => s.serviceName === USERS)!;
  const healthyUsersTargets = () =>
    status().targetGroups.find((g) => g.targetGroupName === 'service-users-tg')!.targets.filter((t) => t.state === 'healthy');

  beforeAll(async () => {
    stack = await startStack({ file: MANIFEST, ports: PORTS, stackName: `it-autoscaling-${process.pid}`, onEvent: (e) => events.push(e) });
  }, 300_000);

  afterAll(async () => {
    await stack?.down();
  }, 120_000);

  it('scales service-users-ecs out to at least 2 tasks under load and back to 1 after it', async () => {
    if (PORTS === 'manifest') expect(stack!.url('users')).toBe('http://127.0.0.1:8000');
    const firstTask = status().tasks.find((t) => t.serviceName === USERS && t.lastStatus === 'RUNNING')!.taskId;
    const started = Date.now();
    const attack: Promise<StressReport> = runStress({
      url: stack!.url('users'),
      rate: RATE,
      durationSeconds: ATTACK_SECONDS,
      timeoutSeconds: 60,
      tool: 'vegeta',
    });

    await waitFor('desired count >= 2', () => users().desiredCount >= 2, 90_000);
    const scaledOutAfter = Date.now() - started;
    await waitFor('a second healthy users target', () => healthyUsersTargets().length >= 2, 90_000);
    // Any task started by the scale-out (a replaced one counts too) that answered part of the attack.
    await waitFor('a task started by the scale-out serving /stress-test', async () => {
      const others = status().tasks.filter((t) => t.serviceName === USERS && t.taskId !== firstTask && t.containerId);
      for (const task of others) if ((await servedStressRequests(task.containerId!)) > 0) return true;
      return false;
    }, 60_000);
    const secondServingAfter = Date.now() - started;

    const report = await attack;
    const loadEnded = Date.now();
    expect(report.tool).toBe('vegeta');
    expect(report.requests).toBe(RATE * ATTACK_SECONDS);
    expect(report.statusCodes['200'] ?? 0).toBeGreaterThan(0);

    await waitFor('back to 1 task', () => users().desiredCount === 1 && users().runningCount === 1, 180_000);
    const scaledInAfterLoad = Date.now() - loadEnded;
    process.stderr.write(
      `autoscaling timings: scale-out decided ${(scaledOutAfter / 1000).toFixed(1)} s after load start, ` +
        `second task serving at ${(secondServingAfter / 1000).toFixed(1)} s, back to 1 task ${(scaledInAfterLoad / 1000).toFixed(1)} s after load end; ` +
        `vegeta: ${report.requests} requests, success ${(report.success * 100).toFixed(1)}%, p50 ${report.latencyMs.p50.toFixed(0)} ms, ` +
        `codes ${JSON.stringify(report.statusCodes)}\n`,
    );
    if (process.env.AUTOSCALING_TRACE) {
      for (const e of events.filter((e) => e.at >= started && !e.detail?.progress)) {
        process.stderr.write(`+${((e.at - started) / 1000).toFixed(1)}s ${e.kind} ${e.message}\n`);
      }
    }

    const scaled = events.filter((e) => e.kind === 'service-scaled' && e.message.startsWith('Message: Successfully set desired count'));
    expect(scaled[0]!.message).toMatch(
      /^Message: Successfully set desired count to [23]\. Change successfully fulfilled by ecs\. Cause: monitor alarm TargetTracking-service\/ecs-cluster\/service-users-ecs-AlarmHigh-[0-9a-f-]{36} in state ALARM triggered policy cpu$/,
    );
    expect(scaled.at(-1)!.message).toMatch(/set desired count to 1\. .*AlarmLow-[0-9a-f-]{36} in state ALARM triggered policy (cpu|memory)$/);
    const snapshot = status().autoscaling!;
    const service = snapshot.services.find((s) => s.serviceName === USERS)!;
    expect(snapshot.timing.profile).toBe('local');
    expect(service.metrics.some((m) => m.cpu !== null && m.cpu > 70)).toBe(true);
    expect(Math.max(...service.metrics.map((m) => m.desiredCount))).toBeGreaterThanOrEqual(2);
    expect(service.activities.map((a) => a.toCount)).toContain(1);
  }, 600_000);
});

/** /stress-test requests a task answered, from its request log (one JSON line per request). */
async function servedStressRequests(containerId: string): Promise<number> {
  try {
    const logs = (await docker.getContainer(containerId).logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer;
    return logs.toString('utf8').split('\n').filter((line) => line.includes('"path":"/stress-test"')).length;
  } catch {
    return 0; // the task is being removed
  }
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`wait for ${what}: not reached within ${timeoutMs / 1000} s`);
}
