import type { Stack } from '@ecs-twin/manifest';
import type { EmulatorEvent } from '../events/index.js';
import type { LoadBalancer } from '../load-balancer/contract.js';
import type { ServiceRecord, StackState } from '../state/index.js';
import type { Task, TaskHealthStatus } from '../tasks/index.js';
import type { TimingProfile } from '../timing/index.js';

// What `status` reads from a running stack, and nothing more: the read port
// StackRuntime fills. Status sits below the runtime, so it names no class of it.

/** One service's loop, as status sees it. */
export interface ServiceStatusSource {
  readonly record: ServiceRecord;
  /** The loop's last observation; undefined before its first step. */
  snapshot(): { readonly tasks: readonly Task[]; readonly health: ReadonlyMap<string, TaskHealthStatus>; readonly steady: boolean } | undefined;
  /** Tasks that never started (kept for `status`). */
  failedTasks(): Task[];
}

export interface StackStatusSource {
  readonly stack: Stack;
  readonly options: { readonly timing: TimingProfile };
  readonly events: { recent(filter: (event: EmulatorEvent) => boolean, limit: number): EmulatorEvent[] };
  stateStore(): { readonly state: StackState };
  serviceNames(): string[];
  controller(serviceName: string): ServiceStatusSource;
  utilization(taskId: string): { cpuPercent: number; memoryPercent: number } | undefined;
  loadBalancerHandle(): Pick<LoadBalancer, 'describeTargetHealth' | 'listeners'> | undefined;
  isSteady(): boolean;
}
