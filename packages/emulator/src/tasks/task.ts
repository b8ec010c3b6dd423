// A task as ECS describes it (DescribeTasks), for one service. The container's
// existence and exit come from Docker; the in-between states (PROVISIONING,
// DEACTIVATING, STOPPING) are what the emulator is doing to it right now.

export type TaskLastStatus = 'PROVISIONING' | 'PENDING' | 'RUNNING' | 'DEACTIVATING' | 'STOPPING' | 'STOPPED';
export type TaskHealthStatus = 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';

/** ECS stopCode values the emulator produces. */
export type StopCode = 'EssentialContainerExited' | 'ServiceSchedulerInitiated' | 'TaskFailedToStart' | 'UserInitiated';

/** One of a task's other containers (beside the main one), as Docker shows it. */
export interface TaskSidecar {
  readonly containerId: string;
  readonly containerName: string;
  readonly essential: boolean;
  /** Created or running: it has not exited. */
  readonly live: boolean;
}

export interface Task {
  /** 32 lowercase hex chars, as ECS task ids. */
  readonly taskId: string;
  readonly serviceName: string;
  /** The deployment that started it (`ecs-svc/<digits>`). */
  readonly deploymentId: string;
  /** `family:revision`. */
  readonly taskDefinition: string;
  /** The main container: load-balanced, or the first essential one. */
  readonly containerName: string;
  readonly containerId?: string;
  /** The task definition's other containers, when it has more than one. */
  readonly sidecars?: readonly TaskSidecar[];
  readonly lastStatus: TaskLastStatus;
  /** Epoch ms. */
  readonly createdAt: number;
  readonly startedAt?: number;
  readonly stoppedAt?: number;
  /** 127.0.0.1 port published for the container port. */
  readonly hostPort?: number;
  /** IP on the Service Connect namespace network. */
  readonly namespaceIp?: string;
  readonly exitCode?: number;
  readonly stopCode?: StopCode;
  readonly stoppedReason?: string;
}

export const STOPPED_REASON = {
  essentialExited: 'Essential container in task exited',
  outOfMemory: 'OutOfMemoryError: Container killed due to memory usage',
} as const;

export function isActive(task: Task): boolean {
  return task.lastStatus === 'PROVISIONING' || task.lastStatus === 'PENDING' || task.lastStatus === 'RUNNING';
}
