import { isAbortError, type Clock } from '../clock/index.js';
import type { TargetEntry } from './target-entry.js';

// Draining, the ALB's half (ELB "deregistration delay"). A deregistered target
// gets no new request (its health is `draining`, health-state.ts) and is
// forgotten once its in-flight requests ended or the delay passed, whichever
// comes first: AWS's documented rule. Requests still in flight at the deadline
// are cut (502). ECS's half, the order a task leaves in (Service Connect first,
// then this drain, then SIGTERM), is services/stop-sequence.ts.

export interface DrainOptions {
  /** The target group's deregistration delay. */
  readonly delayMs: number;
  readonly clock: Clock;
  /** Aborted when the load balancer stops: the drain ends at once. */
  readonly stopped: AbortSignal;
}

/** Waits for the target's in-flight requests to end, or the delay to pass; resolves to the number of requests cut. */
export async function drainTarget(entry: TargetEntry, options: DrainOptions): Promise<number> {
  const deadline = new AbortController();
  const onStop = () => deadline.abort();
  options.stopped.addEventListener('abort', onStop, { once: true });
  const expired = options.clock.sleep(options.delayMs, deadline.signal).then(
    () => true,
    (error: unknown) => {
      if (isAbortError(error)) return true;
      throw error;
    },
  );
  const idle = entry.whenIdle().then(() => false);
  const timedOut = await Promise.race([idle, expired]);
  deadline.abort();
  options.stopped.removeEventListener('abort', onStop);
  const inFlightCut = timedOut ? entry.inFlight : 0;
  if (inFlightCut > 0) entry.expireDrain();
  return inFlightCut;
}
