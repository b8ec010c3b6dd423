// Deleted services stay DRAINING for minutes; CreateService with the same name
// fails until ECS marks them INACTIVE. The SDK's waitUntilServicesInactive returns
// as soon as ANY of the services is inactive, so this waits for each one.
import type { Clock } from '../clock.js';
import { DeployerError } from '../errors/index.js';
import type { EmitEvent } from '../events/index.js';
import type { EcsPort } from '../ports/index.js';

export class ServicesStillDrainingError extends DeployerError {
  readonly name = 'ServicesStillDrainingError';
  constructor(readonly services: readonly string[], seconds: number) {
    super(`${services.join(', ')} still DRAINING after ${seconds}s`, {
      hints: ['ECS keeps a deleted service DRAINING until its tasks have stopped; run the same command again in a few minutes'],
    });
  }
}

export async function waitUntilInactive(
  ecs: EcsPort,
  cluster: string,
  names: readonly string[],
  timeoutMs: number,
  clock: Clock,
  emit: EmitEvent,
): Promise<void> {
  const deadline = clock.now() + timeoutMs;
  let left = [...names];
  for (let delay = 2000; ; delay = Math.min(delay * 1.5, 15_000)) {
    const records = await ecs.describeServices(cluster, left);
    // Gone (MISSING) or INACTIVE both free the name.
    left = left.filter((n) => records.some((r) => r.serviceName === n && r.status !== 'INACTIVE'));
    if (left.length === 0) return;
    if (clock.now() + delay > deadline) throw new ServicesStillDrainingError(left, Math.round(timeoutMs / 1000));
    emit({ type: 'progress', message: `${left.join(', ')}: DRAINING, checking again in ${Math.round(delay / 1000)}s` });
    await clock.sleep(delay);
  }
}
