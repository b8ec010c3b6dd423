// A LoadBalancer for unit tests of the control loops: targets become healthy
// (or stay as the test sets them) without any HTTP.
import type { LoadBalancer, Target, TargetHealthDescription, TargetState } from '../load-balancer/contract.js';

export class FakeLoadBalancer implements LoadBalancer {
  readonly groups = new Map<string, Map<string, { target: Target; state: TargetState }>>();
  readonly deregistered: string[] = [];
  /** State of a newly registered target. */
  initialState: TargetState = 'healthy';

  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  registerTargets(targetGroupName: string, targets: readonly Target[]): void {
    const group = this.groups.get(targetGroupName) ?? new Map();
    for (const target of targets) if (!group.has(target.id)) group.set(target.id, { target, state: this.initialState });
    this.groups.set(targetGroupName, group);
  }

  async deregisterTargets(targetGroupName: string, targetIds: readonly string[]): Promise<void> {
    for (const id of targetIds) {
      this.groups.get(targetGroupName)?.delete(id);
      this.deregistered.push(id);
    }
  }

  setState(targetGroupName: string, id: string, state: TargetState): void {
    const entry = this.groups.get(targetGroupName)?.get(id);
    if (entry) entry.state = state;
  }

  describeTargetHealth(targetGroupName: string): TargetHealthDescription[] {
    return [...(this.groups.get(targetGroupName)?.values() ?? [])].map(({ target, state }) => ({ id: target.id, port: target.port, state }));
  }

  listeners(): { port: number; boundPort: number; targetGroupName: string }[] {
    return [];
  }
}
