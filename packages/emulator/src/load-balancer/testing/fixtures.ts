// A load balancer spec and a started ALB for socket tests: listener 8000 bound
// to a free port, health checks answered by a stub probe in fake time.
import type { LoadBalancerSpec, TargetGroupSpec } from '@ecs-twin/manifest';
import { FakeClock } from '../../clock/index.js';
import type { EmulatorEvent } from '../../events/index.js';
import { awsTiming } from '../../timing/index.js';
import { ApplicationLoadBalancer, type ApplicationLoadBalancerOptions } from '../application-load-balancer.js';
import type { HealthProbeRequest } from '../health-probe.js';

export const TG = 'tg-users';
export const LISTENER_PORT = 8000;
/** AWS defaults (interval 30 s): one fake-clock advance of this makes passing targets healthy. */
export const INTERVAL_MS = 30_000;

export function targetGroupSpec(overrides: Partial<TargetGroupSpec> = {}): TargetGroupSpec {
  return {
    name: TG,
    port: 3000,
    protocol: 'HTTP',
    targetType: 'ip',
    healthCheck: {
      path: '/health',
      port: 'traffic-port',
      intervalSeconds: 30,
      timeoutSeconds: 5,
      healthyThresholdCount: 5,
      unhealthyThresholdCount: 2,
      matcher: '200',
    },
    deregistrationDelaySeconds: 300,
    loadBalancingAlgorithm: 'round_robin',
    ...overrides,
  };
}

export function loadBalancerSpec(overrides: Partial<LoadBalancerSpec> = {}, group: Partial<TargetGroupSpec> = {}): LoadBalancerSpec {
  return {
    name: 'test-alb',
    scheme: 'internet-facing',
    idleTimeoutSeconds: 60,
    securityGroups: [],
    listeners: [{ port: LISTENER_PORT, protocol: 'HTTP', targetGroupName: TG }],
    targetGroups: [targetGroupSpec(group)],
    ...overrides,
  };
}

/** Health per target port, as the stub probe reports it (default 200). */
export type ProbeAnswers = Map<number, number>;

export interface StartedAlb {
  readonly alb: ApplicationLoadBalancer;
  readonly clock: FakeClock;
  readonly port: number;
  readonly events: EmulatorEvent[];
  readonly probeAnswers: ProbeAnswers;
  readonly probed: HealthProbeRequest[];
  stop(): Promise<void>;
}

export async function startAlb(spec: LoadBalancerSpec = loadBalancerSpec(), extra: Partial<ApplicationLoadBalancerOptions> = {}): Promise<StartedAlb> {
  const clock = new FakeClock(Date.UTC(2024, 0, 1));
  const events: EmulatorEvent[] = [];
  const probeAnswers: ProbeAnswers = new Map();
  const probed: HealthProbeRequest[] = [];
  const alb = new ApplicationLoadBalancer({
    spec,
    timing: awsTiming,
    clock,
    emit: (event) => events.push({ ...event, at: event.at ?? clock.now() }),
    portOverrides: { [LISTENER_PORT]: 0 },
    probe: async (request) => {
      probed.push(request);
      return probeAnswers.get(request.port) ?? 200;
    },
    ...extra,
  });
  await alb.start();
  const port = alb.listeners()[0]!.boundPort;
  return { alb, clock, port, events, probeAnswers, probed, stop: () => alb.stop() };
}

/**
 * A started ALB with one target at 127.0.0.1:`port`, past its first health check;
 * its stop is pushed on `cleanups` (the test file's afterEach runs them).
 */
export async function albWithOneTarget(port: number, cleanups: (() => Promise<void>)[]): Promise<StartedAlb> {
  const lb = await startAlb();
  cleanups.push(lb.stop);
  lb.alb.registerTargets(TG, [{ id: 't', host: '127.0.0.1', port }]);
  await lb.clock.advance(INTERVAL_MS);
  return lb;
}
