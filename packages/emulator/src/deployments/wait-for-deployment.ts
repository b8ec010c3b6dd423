import type { Clock } from '../clock/index.js';
import type { EmulatorEvent } from '../events/index.js';
import { failureFromEvent } from './deployment-events.js';
import type { DeploymentFailure } from './deployment-failure.js';
import { deploymentProgress, type DeploymentProgress, type ServiceDeploymentsView } from './deployment-progress.js';
import { TwinError } from '@ecs-twin/manifest/twin-error';

/** The control-API calls the wait needs (ControlClient implements them). */
export interface DeploymentObserver {
  status(): Promise<{ readonly services: readonly ServiceDeploymentsView[] }>;
  events(onEvent: (e: EmulatorEvent) => void, signal: AbortSignal, history?: boolean): Promise<void>;
}

/** The deployment did not finish in time. */
export class DeploymentTimeoutError extends TwinError {
  readonly name = 'DeploymentTimeoutError';
  constructor(
    readonly serviceName: string,
    readonly deploymentId: string,
    timeoutMs: number,
  ) {
    super(`wait for deployment ${deploymentId} of ${serviceName}: not finished after ${Math.round(timeoutMs / 1000)} s`, {
      hints: ['The emulator keeps rolling it out: `emulate status` shows the deployments and the service events.'],
    });
  }
}

export interface WaitOptions {
  readonly serviceName: string;
  readonly deploymentId: string;
  readonly timeoutMs: number;
  readonly clock: Clock;
  /** Events from this time on (epoch ms) are passed to `onEvent`. @default now */
  readonly since?: number;
  /** Every event of the stack, for progress rendering. */
  readonly onEvent?: (e: EmulatorEvent) => void;
  /** @default 250 */
  readonly pollMs?: number;
}

/**
 * Follows the emulator's events (from its recent history, so nothing between
 * the request and the subscription is missed) and polls `status` until the
 * deployment completes, fails (and its rollback settles), or is superseded.
 */
export async function waitForDeployment(observer: DeploymentObserver, options: WaitOptions): Promise<Exclude<DeploymentProgress, { state: 'in-progress' }>> {
  const stop = new AbortController();
  let failure: DeploymentFailure | undefined;
  const since = options.since ?? options.clock.now();
  const following = observer
    .events(
      (e) => {
        failure ??= failureFromEvent(e, options.deploymentId);
        if (e.at >= since) options.onEvent?.(e);
      },
      stop.signal,
      true,
    )
    .catch(() => undefined); // polling alone still sees the outcome
  const deadline = options.clock.now() + options.timeoutMs;
  try {
    while (options.clock.now() < deadline) {
      const status = await observer.status();
      const service = status.services.find((s) => s.serviceName === options.serviceName);
      if (service) {
        const progress = deploymentProgress(service, options.deploymentId, failure);
        if (progress.state === 'completed' || progress.state === 'superseded') return progress;
        if (progress.state === 'failed' && progress.settled) return progress;
      }
      await options.clock.sleep(options.pollMs ?? 250);
    }
  } finally {
    stop.abort();
    await following;
  }
  throw new DeploymentTimeoutError(options.serviceName, options.deploymentId, options.timeoutMs);
}
