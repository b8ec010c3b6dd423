// Waits with the SDK's own waiter (waitUntilServicesStable), reporting each poll
// as progress. Bounded by maxWaitSeconds; gives up early when no task ever
// starts and ECS says nothing at all (an endpoint that never runs tasks, like moto).
import { waitUntilServicesStable, type DescribeServicesCommandOutput, type ECSClient } from '@aws-sdk/client-ecs';
import type { ServiceProgress, WaitOptions, WaitOutcome } from '../../ports/index.js';
import { mapAwsError } from '../map-error.js';

export function progressOf(out: DescribeServicesCommandOutput): ServiceProgress[] {
  return (out.services ?? []).map((s) => {
    const primary = s.deployments?.find((d) => d.status === 'PRIMARY');
    const latest = s.events?.[0]?.message;
    return {
      service: s.serviceName ?? '',
      running: s.runningCount ?? 0,
      pending: s.pendingCount ?? 0,
      desired: s.desiredCount ?? 0,
      deployments: s.deployments?.length ?? 0,
      ...(primary?.rolloutState ? { rolloutState: primary.rolloutState } : {}),
      ...(latest ? { latestEvent: latest } : {}),
    };
  });
}

/** True when nothing has happened at all: no task ever ran or is pending with an event. */
export function nothingStarted(history: readonly (readonly ServiceProgress[])[]): boolean {
  return history.every((poll) => poll.every((p) => p.running === 0 && p.latestEvent === undefined && p.desired > 0));
}

export async function waitServicesStable(
  newClient: (onOutput: (command: string, output: unknown) => void) => ECSClient,
  cluster: string,
  services: readonly string[],
  o: WaitOptions,
  now: () => number = Date.now,
): Promise<WaitOutcome> {
  const started = now();
  const history: ServiceProgress[][] = [];
  const abort = new AbortController();
  let noTasks = false;
  const client = newClient((command, output) => {
    if (command !== 'DescribeServicesCommand') return;
    const progress = progressOf(output as DescribeServicesCommandOutput);
    history.push(progress);
    o.onProgress(progress);
    if ((now() - started) / 1000 >= o.noTaskGraceSeconds && nothingStarted(history)) {
      noTasks = true;
      abort.abort();
    }
  });
  const last = () => history[history.length - 1] ?? [];
  try {
    await waitUntilServicesStable(
      { client, maxWaitTime: o.maxWaitSeconds, minDelay: o.minDelaySeconds, maxDelay: o.maxDelaySeconds, abortSignal: abort.signal },
      { cluster, services: [...services] },
    );
    return { state: 'stable' };
  } catch (e) {
    if (noTasks) {
      return {
        state: 'no-tasks',
        reason: `no task started and ECS reported no event in ${o.noTaskGraceSeconds}s: this endpoint does not seem to run tasks (moto never does)`,
        last: last(),
      };
    }
    const text = String((e as Error).message ?? e);
    if (/"state":\s*"TIMEOUT"|TIMEOUT/.test(text)) {
      return { state: 'timeout', reason: `not stable after ${o.maxWaitSeconds}s`, last: last() };
    }
    if (/"state":\s*"FAILURE"|FAILURE/.test(text)) {
      return { state: 'failed', reason: 'a service is MISSING, DRAINING or INACTIVE', last: last() };
    }
    throw mapAwsError(e, { action: 'ecs:DescribeServices', resource: `cluster/${cluster}` });
  } finally {
    client.destroy();
  }
}
