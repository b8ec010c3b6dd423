// The container runtime as the emulator core sees it: a narrow port that speaks
// our own types (never dockerode's), so the scheduler and its tests don't know
// Docker exists. DockerRuntime (docker-runtime.ts) is the only adapter.

/**
 * A task's other containers: started after the main one, in its network
 * namespace (awsvpc: the containers of a task share localhost and the task's IP),
 * under the same task-size limits.
 */
export interface SidecarContainerSpec {
  readonly name: string;
  readonly image: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  readonly stopTimeoutSeconds: number;
  readonly entryPoint?: readonly string[];
  readonly command?: readonly string[];
}

/** Everything needed to start one task: its main container, and its sidecars if any. */
export interface TaskContainerSpec {
  /** Docker container name (unique per task). */
  readonly name: string;
  /** `repository:tag`. */
  readonly image: string;
  /** Task-definition cpu units (256 = 0.25 vCPU): a hard CPU limit. */
  readonly cpuUnits: number;
  /** Task-definition memory in MiB: a hard limit, no swap. */
  readonly memoryMiB: number;
  readonly environment: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  /** The container port published on 127.0.0.1 (random host port); absent = nothing published. */
  readonly containerPort?: number;
  /** Docker network the task joins (the Service Connect namespace); absent = default bridge. */
  readonly networkName?: string;
  /** Seconds between SIGTERM and SIGKILL (task definition stopTimeout). */
  readonly stopTimeoutSeconds: number;
  /** Replaces the image's ENTRYPOINT (container definition entryPoint). */
  readonly entryPoint?: readonly string[];
  /** Replaces the image's CMD (container definition command). */
  readonly command?: readonly string[];
  /** The task definition's other containers. */
  readonly sidecars?: readonly SidecarContainerSpec[];
}

export interface StartedTaskContainer {
  readonly containerId: string;
  /** Host port on 127.0.0.1 for `containerPort`. */
  readonly hostPort?: number;
  /** The container's IP on `networkName`. */
  readonly namespaceIp?: string;
  /** Set when the task asked for more CPU than the host has: the vCPUs its containers got instead. */
  readonly cpuLimitedTo?: number;
}

export type ContainerState = 'created' | 'running' | 'exited' | 'dead' | 'removing' | 'restarting' | 'paused';

/** A container as observed by labels. */
export interface ObservedContainer {
  readonly containerId: string;
  readonly name: string;
  readonly image: string;
  readonly state: ContainerState;
  readonly labels: Readonly<Record<string, string>>;
  /** Epoch ms the container was created. */
  readonly createdAt: number;
  readonly hostPort?: number;
  /** First IP found on `networkName` (or any network when not given). */
  readonly ipAddresses: Readonly<Record<string, string>>;
}

/** How a container ended (inspect). */
export interface ContainerExit {
  readonly exitCode: number;
  readonly oomKilled: boolean;
  /** Epoch ms; undefined while running. */
  readonly finishedAt?: number;
  readonly startedAt?: number;
  /** Docker's own error string (e.g. "executable file not found"). */
  readonly error?: string;
}

export interface RuntimeEvent {
  readonly containerId: string;
  /** Docker action: start, die, oom, kill, stop, destroy. */
  readonly action: string;
  readonly labels: Readonly<Record<string, string>>;
}

export interface LogLine {
  /** Epoch ms, from Docker's timestamps. */
  readonly at: number;
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
}

export interface LogOptions {
  /** Epoch ms. */
  readonly since?: number;
  readonly follow?: boolean;
  readonly signal?: AbortSignal;
}

export interface ObservedNetwork {
  readonly id: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** The port: what the core needs from a container engine, nothing more. */
export interface ContainerRuntime {
  /** Fails with DockerUnavailableError when no engine answers. */
  ping(): Promise<void>;
  /** CPUs the engine can give containers (`docker info` NCPU); undefined when it cannot tell. */
  hostCpus(): Promise<number | undefined>;
  runTask(spec: TaskContainerSpec): Promise<StartedTaskContainer>;
  /** Containers (running and stopped) carrying every `label=value` given. */
  listContainers(labels: Readonly<Record<string, string>>): Promise<ObservedContainer[]>;
  /** SIGTERM, then SIGKILL after `timeoutSeconds`. Resolves once the container stopped. */
  stop(containerId: string, timeoutSeconds: number): Promise<void>;
  remove(containerId: string): Promise<void>;
  inspectExit(containerId: string): Promise<ContainerExit | undefined>;
  /** Container lifecycle events for containers carrying `labels`; ends when `signal` aborts. */
  events(labels: Readonly<Record<string, string>>, onEvent: (event: RuntimeEvent) => void, signal: AbortSignal): Promise<void>;
  /** A container's log lines, oldest first; with `follow`, keeps yielding until the container stops or `signal` aborts. */
  logs(containerId: string, options?: LogOptions): AsyncIterable<LogLine>;
  listNetworks(labels: Readonly<Record<string, string>>): Promise<ObservedNetwork[]>;
  removeNetwork(id: string): Promise<void>;
  imageExists(image: string): Promise<boolean>;
}
