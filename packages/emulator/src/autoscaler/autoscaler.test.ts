import type { AutoscalingSpec } from '@ecs-twin/manifest';
import { FakeClock } from '../clock/index.js';
import { EventBus } from '../events/index.js';
import type { ServiceDatapoint, ServiceMetricsReader } from '../metrics/index.js';
import { awsTiming, localTiming, type AutoscalingTiming, type TimingProfile } from '../timing/index.js';
import { Autoscaler } from './autoscaler.js';
import type { ServiceScaler } from './service-scaler.js';

const SERVICE = 'service-users-ecs';
const policy = (name: string, metric: 'ECSServiceAverageCPUUtilization' | 'ECSServiceAverageMemoryUtilization') => ({
  name,
  metric,
  targetValue: 70,
  scaleOutCooldownSeconds: 300,
  scaleInCooldownSeconds: 300,
  disableScaleIn: false,
});
const TUTORIAL: AutoscalingSpec = {
  minCapacity: 1,
  maxCapacity: 3,
  policies: [policy('cpu', 'ECSServiceAverageCPUUtilization'), policy('memory', 'ECSServiceAverageMemoryUtilization')],
};

/** The autoscaler's loop in fake time, against a scripted metric and a recording scaler. */
function harness(options: { timing?: TimingProfile; autoscaling?: AutoscalingSpec; desired?: number; failSet?: boolean } = {}) {
  const timing = options.timing ?? awsTiming;
  const clock = new FakeClock(1_700_000_000_000);
  const load: { cpu: number | undefined; memory: number | undefined } = { cpu: 10, memory: 10 };
  const state = { desired: options.desired ?? 1, deployment: false };
  const sets: { count: number; cause: string }[] = [];
  const metrics: ServiceMetricsReader = {
    datapoint: (serviceName, from, to): ServiceDatapoint => ({
      serviceName, from, to, cpu: load.cpu, memory: load.memory,
      reportingTasks: load.cpu === undefined ? 0 : state.desired,
    }),
  };
  const scaler: ServiceScaler = {
    getDesiredCount: async () => state.desired,
    setDesiredCount: async (_service, count, cause) => {
      if (options.failSet) throw new Error('service is draining');
      sets.push({ count, cause });
      state.desired = count;
    },
    isDeploymentInProgress: () => state.deployment,
  };
  const bus = new EventBus(clock);
  let id = 0;
  const autoscaler = new Autoscaler({
    clusterName: 'ecs-cluster',
    services: [{ serviceName: SERVICE, autoscaling: options.autoscaling ?? TUTORIAL }, { serviceName: 'no-scaling' }],
    timing, metrics, scaler, clock, emit: bus.emit,
    newId: () => `uuid-${++id}`,
  }).start();
  const periodMs = timing.autoscaling.periodSeconds * 1000;
  /** Lets `n` periods pass (one tick each). */
  const periods = async (n: number) => {
    for (let i = 0; i < n; i++) await clock.advance(periodMs);
  };
  const alarm = (name: string) => autoscaler.snapshot().services[0]!.alarms.find((a) => a.name.endsWith(name))!;
  return { clock, load, state, sets, bus, autoscaler, periods, alarm };
}

function withTiming(overrides: Partial<AutoscalingTiming>): TimingProfile {
  return { ...awsTiming, autoscaling: { ...awsTiming.autoscaling, ...overrides } };
}

describe('Autoscaler (aws profile, fake time)', () => {
  it('does not scale out after 2 high datapoints, scales out after 3', async () => {
    const h = harness();
    h.load.cpu = 95;
    await h.periods(2);
    expect(h.sets).toEqual([]);
    expect(h.alarm('AlarmHigh-uuid-1').state).toBe('OK');
    await h.periods(1);
    expect(h.alarm('AlarmHigh-uuid-1').state).toBe('ALARM');
    expect(h.sets).toEqual([
      { count: 2, cause: 'monitor alarm TargetTracking-service/ecs-cluster/service-users-ecs-AlarmHigh-uuid-1 in state ALARM triggered policy cpu' },
    ]);
    const scaled = h.bus.recent((e) => e.kind === 'service-scaled')[0]!;
    expect(scaled.serviceName).toBe(SERVICE);
    expect(scaled.message).toBe(
      'Message: Successfully set desired count to 2. Change successfully fulfilled by ecs. Cause: monitor alarm TargetTracking-service/ecs-cluster/service-users-ecs-AlarmHigh-uuid-1 in state ALARM triggered policy cpu',
    );
    const alarmEvent = h.bus.recent((e) => e.kind === 'alarm' && e.message.includes('to ALARM'))[0]!;
    expect(alarmEvent.message).toBe(
      'Alarm "TargetTracking-service/ecs-cluster/service-users-ecs-AlarmHigh-uuid-1" updated from OK to ALARM: Threshold Crossed: 3 datapoints [95.0, 95.0, 95.0] were greater than the threshold (70.0).',
    );
    await h.autoscaler.stop();
  });

  it('scale-in needs the full low window: 15 of 15 datapoints below 0.9 x target', async () => {
    const h = harness({ desired: 2 });
    h.load.cpu = 5;
    h.load.memory = 5;
    await h.periods(14);
    h.load.cpu = 64; // not below 63: breaks the window
    await h.periods(1);
    h.load.cpu = 5;
    await h.periods(14);
    expect(h.sets).toEqual([]);
    await h.periods(1);
    expect(h.sets.map((s) => s.count)).toEqual([1]);
    expect(h.sets[0]!.cause).toMatch(/AlarmLow-uuid-\d in state ALARM triggered policy (cpu|memory)$/);
    await h.autoscaler.stop();
  });

  it('the scale-out cooldown (300 s) holds the next scale-out', async () => {
    const h = harness();
    h.load.cpu = 95;
    await h.periods(3); // t=180 s: 1 -> 2
    await h.periods(4); // t=420 s: still cooling (until 480 s)
    expect(h.sets.map((s) => s.count)).toEqual([2]);
    expect(h.autoscaler.snapshot().services[0]!.lastDecision?.reason).toContain('scale-out cooldown');
    await h.periods(1); // t=480 s
    expect(h.sets.map((s) => s.count)).toEqual([2, 3]);
    await h.autoscaler.stop();
  });

  it('the scale-in cooldown (300 s) holds the next scale-in', async () => {
    const h = harness({ desired: 3 });
    h.load.cpu = 30; // < 63: low; ceil(3 x 30 / 70) = 2, then ceil(2 x 30 / 70) = 1
    h.load.memory = 5;
    await h.periods(15);
    expect(h.sets.map((s) => s.count)).toEqual([2]);
    await h.periods(4);
    expect(h.sets.map((s) => s.count)).toEqual([2]);
    await h.periods(1);
    expect(h.sets.map((s) => s.count)).toEqual([2, 1]);
    await h.autoscaler.stop();
  });

  it('a scale-out during a scale-in cooldown happens at once and cancels that cooldown', async () => {
    const h = harness({ desired: 3, timing: withTiming({ lowDatapoints: 3, scaleInCooldownSeconds: 600 }) });
    h.load.cpu = 30;
    h.load.memory = 5;
    await h.periods(3); // t=180 s: 3 -> 2, scale-in cooldown until 780 s
    h.load.cpu = 100;
    await h.periods(3); // t=360 s: 2 -> 3
    h.load.cpu = 30;
    await h.periods(3); // t=540 s: 3 -> 2 (the cancelled cooldown would have held until 780 s)
    expect(h.sets.map((s) => s.count)).toEqual([2, 3, 2]);
    await h.autoscaler.stop();
  });

  it('never sets the desired count above max or below min', async () => {
    const h = harness();
    h.load.cpu = 100;
    await h.periods(30);
    h.load.cpu = 0;
    h.load.memory = 0;
    await h.periods(60);
    expect(h.sets.map((s) => s.count)).toEqual([2, 3, 1]);
    expect(Math.max(...h.sets.map((s) => s.count))).toBe(3);
    expect(h.state.desired).toBe(1);
    await h.autoscaler.stop();
  });

  it('two policies: CPU high with memory low scales out', async () => {
    const h = harness();
    h.load.cpu = 90;
    h.load.memory = 5;
    await h.periods(3);
    expect(h.sets.map((s) => s.count)).toEqual([2]);
    await h.autoscaler.stop();
  });

  it('two policies: CPU low with memory not low (66 >= 63) never scales in', async () => {
    const h = harness({ desired: 2 });
    h.load.cpu = 5;
    h.load.memory = 66;
    await h.periods(40);
    expect(h.sets).toEqual([]);
    expect(h.alarm('AlarmLow-uuid-2').state).toBe('ALARM');
    expect(h.alarm('AlarmLow-uuid-4').state).toBe('OK');
    await h.autoscaler.stop();
  });

  it('missing data never scales, and a gap restarts the high window', async () => {
    const h = harness({ desired: 2 });
    h.load.cpu = undefined;
    h.load.memory = undefined;
    await h.periods(30);
    expect(h.sets).toEqual([]);
    expect(h.autoscaler.snapshot().services[0]!.alarms.every((a) => a.state === 'INSUFFICIENT_DATA')).toBe(true);
    h.load.cpu = 95;
    h.load.memory = 10;
    await h.periods(2);
    h.load.cpu = undefined;
    await h.periods(1);
    h.load.cpu = 95;
    await h.periods(2);
    expect(h.sets).toEqual([]);
    await h.periods(1);
    expect(h.sets.map((s) => s.count)).toEqual([3]);
    await h.autoscaler.stop();
  });

  it('holds scale-in while a deployment is in progress, then scales in', async () => {
    const h = harness({ desired: 2 });
    h.state.deployment = true;
    h.load.cpu = 5;
    h.load.memory = 5;
    await h.periods(20);
    expect(h.sets).toEqual([]);
    expect(h.autoscaler.snapshot().services[0]!.lastDecision?.reason).toBe('scale-in held: a deployment is in progress');
    h.state.deployment = false;
    await h.periods(1);
    expect(h.sets.map((s) => s.count)).toEqual([1]);
    await h.autoscaler.stop();
  });

  it('records a failed activity and starts no cooldown when the core refuses the change', async () => {
    const h = harness({ failSet: true });
    h.load.cpu = 95;
    await h.periods(3);
    const service = h.autoscaler.snapshot().services[0]!;
    expect(service.activities[0]).toMatchObject({ statusCode: 'Failed', statusMessage: 'Failed to set desired count to 2: service is draining' });
    expect(service.lastScaleOutAt).toBeNull();
    expect(h.bus.recent((e) => e.kind === 'error')[0]!.message).toContain('Failed to set desired count to 2');
    await h.autoscaler.stop();
  });

  it('keeps 15 minutes of per-period CPU, memory and task count, and the timing numbers', async () => {
    const h = harness();
    await h.periods(20);
    const snap = h.autoscaler.snapshot();
    expect(snap.timing).toEqual({
      profile: 'aws', periodSeconds: 60, highDatapoints: 3, lowDatapoints: 15,
      scaleOutCooldownSeconds: null, scaleInCooldownSeconds: null,
    });
    expect(snap.services).toHaveLength(1);
    const service = snap.services[0]!;
    expect(service.resourceId).toBe('service/ecs-cluster/service-users-ecs');
    expect(service.metrics).toHaveLength(15);
    expect(service.metrics[14]).toMatchObject({ cpu: 10, memory: 10, desiredCount: 1, runningTasks: 1 });
    expect(service.metrics[14]!.at - service.metrics[0]!.at).toBe(14 * 60_000);
    expect(Object.values(service.metrics[14]!.alarms)).toHaveLength(4);
    expect(service.alarms.map((a) => `${a.policyName}:${a.kind}:${a.threshold}:${a.evaluationPeriods}`)).toEqual([
      'cpu:high:70:3', 'cpu:low:63:15', 'memory:high:70:3', 'memory:low:63:15',
    ]);
    expect(service.alarms[0]!.description).toMatch(/^DO NOT EDIT OR DELETE\. For TargetTrackingScaling policy cpu/);
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
    await h.autoscaler.stop();
  });
});

describe('Autoscaler (local profile)', () => {
  it('uses the profile period and cooldown overrides', async () => {
    const h = harness({ timing: localTiming });
    const { periodSeconds, highDatapoints } = localTiming.autoscaling;
    h.load.cpu = 95;
    await h.periods(highDatapoints - 1);
    expect(h.sets).toEqual([]);
    await h.periods(1);
    expect(h.sets.map((s) => s.count)).toEqual([2]);
    expect(h.autoscaler.snapshot().services[0]!.policies[0]!.scaleOutCooldownSeconds).toBe(
      localTiming.autoscaling.scaleOutCooldownSeconds,
    );
    expect(h.autoscaler.snapshot().services[0]!.metrics.at(-1)!.at - h.autoscaler.snapshot().services[0]!.metrics[0]!.at).toBe(
      (highDatapoints - 1) * periodSeconds * 1000,
    );
    await h.autoscaler.stop();
  });
});
