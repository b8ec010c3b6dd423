// Waits, in the deployer's clock, until each touched service has rolled out the
// task definition this run applied (PRIMARY, COMPLETED) and its target groups
// have that many healthy targets. Stops at the first FAILED deployment or
// rollback instead of spinning to the timeout.
import type { Clock } from '../clock.js';
import type { AwsPorts, ServiceProgress, ServiceRecord, WaitOutcome } from '../ports/index.js';
import { healthyTargets, rolloutState } from './rollout-state.js';

export interface WaitSettings {
  readonly maxWaitSeconds: number;
  readonly minDelaySeconds: number;
  readonly maxDelaySeconds: number;
  /** Give up early (a warning) when, after this long, no task was ever started and ECS reports no event. */
  readonly noTaskGraceSeconds: number;
}

export interface WaitTarget {
  readonly service: string;
  /** The task definition this run set; undefined when it was left as it was. */
  readonly taskDefinitionArn?: string;
  readonly targetGroupArns: readonly string[];
}

type Phase = 'rollout' | 'targets' | 'done';

function progressOf(r: ServiceRecord | undefined, service: string, phase: Phase, healthy?: number): ServiceProgress {
  const primary = r?.deployments.find((d) => d.status === 'PRIMARY');
  return {
    service,
    running: r?.runningCount ?? 0,
    pending: r?.pendingCount ?? 0,
    desired: r?.desiredCount ?? 0,
    deployments: r?.deployments.length ?? 0,
    ...(primary?.rolloutState ? { rolloutState: primary.rolloutState } : {}),
    ...(r?.events[0] ? { latestEvent: r.events[0] } : {}),
    phase,
    ...(healthy !== undefined ? { healthyTargets: healthy } : {}),
  };
}

/** True when nothing has happened at all: no task ever ran and ECS said nothing (moto). */
export function nothingStarted(history: readonly (readonly ServiceProgress[])[]): boolean {
  return history.length > 0 && history.every((poll) => poll.every((p) => p.running === 0 && p.latestEvent === undefined && p.desired > 0));
}

export async function waitForServices(
  ports: AwsPorts,
  cluster: string,
  targets: readonly WaitTarget[],
  w: WaitSettings,
  clock: Clock,
  onProgress: (p: readonly ServiceProgress[]) => void,
): Promise<WaitOutcome> {
  const started = clock.now();
  const elapsed = () => (clock.now() - started) / 1000;
  const phase = new Map<string, Phase>(targets.map((t) => [t.service, 'rollout']));
  const history: ServiceProgress[][] = [];
  let targetsSince: number | undefined;
  let delay = w.minDelaySeconds;
  for (;;) {
    const records = await ports.ecs.describeServices(cluster, targets.filter((t) => phase.get(t.service) !== 'done').map((t) => t.service));
    const poll: ServiceProgress[] = [];
    const failures: Record<string, string> = {};
    let registered = 0;
    for (const t of targets) {
      const r = records.find((x) => x.serviceName === t.service);
      if (phase.get(t.service) === 'rollout') {
        const judged = rolloutState(r, t.taskDefinitionArn);
        if (judged.state === 'failed') failures[t.service] = judged.reason;
        if (judged.state === 'done') phase.set(t.service, t.targetGroupArns.length > 0 ? 'targets' : 'done');
      }
      let healthy: number | undefined;
      if (phase.get(t.service) === 'targets') {
        const health = (await Promise.all(t.targetGroupArns.map((arn) => ports.loadBalancing.targetHealth(arn)))).flat();
        registered += health.length;
        healthy = healthyTargets(health);
        if (healthy >= (r?.desiredCount ?? 0)) phase.set(t.service, 'done');
      }
      poll.push(progressOf(r, t.service, phase.get(t.service)!, healthy));
    }
    history.push(poll);
    onProgress(poll);
    const last = poll;
    if (Object.keys(failures).length > 0) {
      return { state: 'failed', reason: Object.entries(failures).map(([s, why]) => `${s}: ${why}`).join('; '), last, failures };
    }
    const waiting = targets.filter((t) => phase.get(t.service) !== 'done');
    if (waiting.length === 0) return { state: 'stable' };
    if (elapsed() >= w.noTaskGraceSeconds && nothingStarted(history)) {
      return {
        state: 'no-tasks',
        reason: `no task started and ECS reported no event in ${w.noTaskGraceSeconds}s: this endpoint does not seem to run tasks (moto never does)`,
        last,
      };
    }
    // Rolled out, but no target was ever registered: an endpoint that runs no load balancer (moto).
    if (waiting.every((t) => phase.get(t.service) === 'targets')) {
      targetsSince ??= clock.now();
      if (registered === 0 && (clock.now() - targetsSince) / 1000 >= w.noTaskGraceSeconds) {
        return { state: 'no-tasks', reason: `ECS reports the rollout COMPLETED, but no target was registered in ${w.noTaskGraceSeconds}s: this endpoint does not seem to run a load balancer (moto never does)`, last };
      }
    }
    if (elapsed() + delay > w.maxWaitSeconds) {
      return { state: 'timeout', reason: `not done after ${w.maxWaitSeconds}s (${waiting.map((t) => `${t.service}: ${phase.get(t.service) === 'targets' ? 'waiting for healthy targets' : 'rollout in progress'}`).join(', ')})`, last };
    }
    await clock.sleep(delay * 1000);
    delay = Math.min(w.maxDelaySeconds, delay * 1.5);
  }
}
