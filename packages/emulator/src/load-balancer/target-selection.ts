// Where the next request goes: pure choice over plain values, so it is unit
// tested without sockets. The target group recomputes the routable list only
// when a health state changes, and calls `choose` once per request.
import type { TargetState } from './contract.js';

export interface Routable {
  readonly state: TargetState;
  /** Requests forwarded to it that have not finished. */
  readonly inFlight: number;
}

export type LoadBalancingAlgorithm = 'round_robin' | 'least_outstanding_requests';

/**
 * The targets that may receive new requests: the healthy ones. When none is
 * healthy, ALB fails open and routes to every registered target that is not
 * leaving (`initial` and `unhealthy` alike). Draining and unused targets never
 * get new requests; with nothing left the listener answers 503.
 */
export function routableTargets<T extends Routable>(targets: Iterable<T>): T[] {
  const healthy: T[] = [];
  const failOpen: T[] = [];
  for (const target of targets) {
    if (target.state === 'healthy') healthy.push(target);
    else if (target.state === 'initial' || target.state === 'unhealthy') failOpen.push(target);
  }
  return healthy.length > 0 ? healthy : failOpen;
}

/** Picks one target per request from the routable list (undefined when it is empty). */
export interface TargetChooser {
  choose<T extends Routable>(routable: readonly T[]): T | undefined;
}

/** ALB's default: each target in turn. */
export class RoundRobinChooser implements TargetChooser {
  private cursor = 0;

  choose<T extends Routable>(routable: readonly T[]): T | undefined {
    const count = routable.length;
    if (count === 0) return undefined;
    if (this.cursor >= count) this.cursor = 0;
    const chosen = routable[this.cursor]!;
    this.cursor += 1;
    return chosen;
  }
}

/** least_outstanding_requests: the target with the fewest in-flight requests; ties go round robin. */
export class LeastOutstandingRequestsChooser implements TargetChooser {
  private cursor = 0;

  choose<T extends Routable>(routable: readonly T[]): T | undefined {
    const count = routable.length;
    if (count === 0) return undefined;
    // Start the scan where round robin would, so equal loads still rotate.
    const start = this.cursor % count;
    let best = routable[start]!;
    for (let step = 1; step < count; step++) {
      const candidate = routable[(start + step) % count]!;
      if (candidate.inFlight < best.inFlight) best = candidate;
    }
    this.cursor = start + 1;
    return best;
  }
}

export function targetChooser(algorithm: LoadBalancingAlgorithm): TargetChooser {
  return algorithm === 'least_outstanding_requests' ? new LeastOutstandingRequestsChooser() : new RoundRobinChooser();
}
