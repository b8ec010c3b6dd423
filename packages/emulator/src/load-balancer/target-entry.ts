// One registered target at run time: its health, its in-flight count and the
// keep-alive connection pool the listener uses to reach it.
import type { Target, TargetHealthDescription, TargetState } from './contract.js';
import { registeredHealth, type TargetHealth } from './health-state.js';
import type { Routable } from './target-selection.js';
import { UpstreamPool, type UpstreamPoolOptions } from './upstream-pool.js';

export type TargetConnectionOptions = UpstreamPoolOptions;

export class TargetEntry implements Routable {
  health: TargetHealth = registeredHealth();
  inFlight = 0;
  /** Set when the deregistration delay passed with requests still in flight: they end in 502. */
  drainExpired = false;
  /** The pending drain, so a second deregistration of the same target waits for the same one. */
  drain?: Promise<void>;
  /** Stops this target's health-check loop. */
  readonly checks = new AbortController();
  /** Keep-alive connections to the target; one pool per target lets an expired drain cut exactly its connections. */
  readonly pool: UpstreamPool;
  private idleWaiters: (() => void)[] = [];

  constructor(
    readonly target: Target,
    connections: TargetConnectionOptions = {},
  ) {
    this.pool = new UpstreamPool(target.host, target.port, connections);
  }

  get state(): TargetState {
    return this.health.state;
  }

  requestStarted(): void {
    this.inFlight += 1;
  }

  requestFinished(): void {
    this.inFlight -= 1;
    if (this.inFlight === 0 && this.idleWaiters.length > 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const wake of waiters) wake();
    }
  }

  /** Resolves once no request is in flight. */
  whenIdle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** The drain deadline passed: cut the connections still busy (their requests get 502). */
  expireDrain(): void {
    this.drainExpired = true;
    this.pool.destroyBusy();
  }

  /** Closes every connection to the target. */
  close(): void {
    this.checks.abort();
    this.pool.close();
  }

  describe(): TargetHealthDescription {
    const { state, reason, description } = this.health;
    return { id: this.target.id, port: this.target.port, state, ...(reason ? { reason, description } : {}) };
  }
}
