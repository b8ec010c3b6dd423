// A target group at run time: its registered targets, the list requests may go
// to (recomputed only when a health state changes, not per request) and the
// routing algorithm.
import type { TargetGroupSpec } from '@ecs-twin/manifest';
import type { Target, TargetHealthDescription } from './contract.js';
import type { TargetHealth } from './health-state.js';
import { TargetEntry, type TargetConnectionOptions } from './target-entry.js';
import { routableTargets, targetChooser, type TargetChooser } from './target-selection.js';

export class TargetGroup {
  private readonly entries = new Map<string, TargetEntry>();
  private routable: TargetEntry[] = [];
  private readonly chooser: TargetChooser;

  constructor(
    readonly spec: TargetGroupSpec,
    private readonly connections: TargetConnectionOptions = {},
  ) {
    this.chooser = targetChooser(spec.loadBalancingAlgorithm);
  }

  get name(): string {
    return this.spec.name;
  }

  /** Adds a target in `initial`; undefined when the id is already registered (registration is idempotent). */
  add(target: Target): TargetEntry | undefined {
    if (this.entries.has(target.id)) return undefined;
    const entry = new TargetEntry(target, this.connections);
    this.entries.set(target.id, entry);
    this.refresh();
    return entry;
  }

  get(id: string): TargetEntry | undefined {
    return this.entries.get(id);
  }

  all(): TargetEntry[] {
    return [...this.entries.values()];
  }

  /** Records a new health (from a check or a deregistration) and re-derives where requests go. */
  setHealth(entry: TargetEntry, health: TargetHealth): void {
    const before = entry.health.state;
    entry.health = health;
    if (before !== health.state) this.refresh();
  }

  /** Forgets a drained target and closes its connections. */
  remove(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    entry.close();
    this.refresh();
  }

  /** The target for the next request, or undefined when none may take it (the listener answers 503). */
  choose(): TargetEntry | undefined {
    return this.chooser.choose(this.routable);
  }

  describe(): TargetHealthDescription[] {
    return this.all().map((entry) => entry.describe());
  }

  /** Closes every connection and stops every health check (load balancer stopping). */
  close(): void {
    for (const entry of this.entries.values()) entry.close();
  }

  private refresh(): void {
    this.routable = routableTargets(this.entries.values());
  }
}
