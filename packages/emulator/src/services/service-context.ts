import type { ServiceSpec, Stack, TaskDefinitionSpec } from '@ecs-twin/manifest';
import type { Clock } from '../clock/index.js';
import type { ContainerRuntime } from '../docker/index.js';
import type { EmitEvent } from '../events/index.js';
import type { LoadBalancer } from '../load-balancer/contract.js';
import type { LaunchAdmission } from '../scheduler/index.js';
import type { ServiceConnect } from '../service-connect/contract.js';
import type { StateStore } from '../state/index.js';
import type { Task } from '../tasks/index.js';
import type { TimingProfile } from '../timing/index.js';

/** Told when a task starts running and when it is gone: metrics, task metadata. */
export interface TaskLifecycleListener {
  taskRunning(task: Task, service: ServiceSpec, taskDefinition: TaskDefinitionSpec): void;
  taskStopped(task: Task): void;
}

/** Environment the emulator adds to each container of a task (ECS_CONTAINER_METADATA_URI_V4, ...). */
export type TaskEnvironmentProvider = (taskId: string, service: ServiceSpec, containerName: string) => Readonly<Record<string, string>>;

/** Everything one service's control loop works with. */
export interface ServiceContext {
  readonly stack: Stack;
  readonly service: ServiceSpec;
  readonly runtime: ContainerRuntime;
  readonly loadBalancer?: LoadBalancer;
  readonly serviceConnect?: ServiceConnect;
  /**
   * False while the stack's agents are not started yet (they start after the first
   * tasks): endpoint sets wait rather than start an agent of their own. Absent: ready.
   */
  readonly serviceConnectReady?: () => boolean;
  readonly state: StateStore;
  readonly emit: EmitEvent;
  readonly clock: Clock;
  readonly timing: TimingProfile;
  /** Namespace network the tasks join. */
  readonly networkName?: string;
  readonly taskEnvironment?: TaskEnvironmentProvider;
  readonly listeners: readonly TaskLifecycleListener[];
  /** Keeps a stopped task's logs before its container is removed. */
  readonly archiveLogs?: (task: Task) => Promise<void>;
  /** Bounds the tasks booting at once, across the stack, by the host's CPUs. Absent: no bound. */
  readonly admission?: LaunchAdmission;
  /** Asks the stack loop for an immediate step (after a start/stop finished). */
  readonly requestStep: () => void;
}
