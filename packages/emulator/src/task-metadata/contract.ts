// The task metadata endpoint (v4) as the emulator core sees it: it pushes what
// it knows about each task; tasks read it at ECS_CONTAINER_METADATA_URI_V4.

/** One container of a task, in the emulator's words (rendered to v4 JSON by renderTaskMetadata). */
export interface TaskMetadataContainerRecord {
  /** Container name from the task definition. */
  readonly name: string;
  /** Docker's container id; the Docker registry reads the remaining facts from `docker inspect`. */
  readonly containerId?: string;
  /** Image as the task definition names it (`service-users:v0.0.1`). */
  readonly image: string;
  /** `sha256:...` of the image. */
  readonly imageId?: string;
  readonly dockerName?: string;
  /** Labels beyond the com.amazonaws.ecs.* ones that are always rendered. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Container-level CPU units / memory MiB, when the task definition sets them. */
  readonly cpu?: number;
  readonly memory?: number;
  readonly desiredStatus: string;
  readonly knownStatus: string;
  /** Epoch ms. */
  readonly createdAt?: number;
  readonly startedAt?: number;
  readonly finishedAt?: number;
  readonly exitCode?: number;
  /** The container's address on the namespace network. */
  readonly ipv4Address?: string;
  readonly macAddress?: string;
  /** e.g. `172.20.0.0/16`. */
  readonly subnetCidr?: string;
  readonly gateway?: string;
  /** awslogs options as ECS passes them (awslogs-group, awslogs-region, awslogs-stream, awslogs-create-group). */
  readonly logOptions?: Readonly<Record<string, string>>;
}

export interface TaskMetadataRecord {
  /** 32 hex chars. */
  readonly taskId: string;
  /** Cluster name (rendered as its ARN, as Fargate does). */
  readonly cluster: string;
  readonly region: string;
  readonly serviceName?: string;
  readonly family: string;
  readonly revision: number;
  readonly desiredStatus: string;
  readonly knownStatus: string;
  /** Task-level CPU units (256) and memory MiB (512). */
  readonly cpu: number;
  readonly memory: number;
  /** @default `<region>a` */
  readonly availabilityZone?: string;
  /** Epoch ms. */
  readonly pullStartedAt?: number;
  readonly pullStoppedAt?: number;
  readonly executionStoppedAt?: number;
  /** Container filesystem use, when the core measures it. */
  readonly ephemeralStorageUtilizedMiB?: number;
  readonly containers: readonly TaskMetadataContainerRecord[];
}

/** One Docker stats sample of a container, as the engine's /containers/{id}/stats returns it. */
export type ContainerStatsSample = Readonly<Record<string, unknown>>;

export interface StatsPush {
  readonly taskId: string;
  readonly sample: ContainerStatsSample;
  readonly containerName?: string;
}

export interface TaskMetadataRegistry {
  /** Creates (or re-attaches to) the metadata endpoint of the stack. Idempotent. */
  ensure(): Promise<void>;
  /** Adds or replaces a task (call on start, on each status change). */
  putTask(record: TaskMetadataRecord): Promise<void>;
  /**
   * The latest stats sample of a task's container (default: its first), served at /stats and /task/stats.
   * The endpoint cannot read Docker itself, so the emulator pushes what its stats stream sees.
   */
  putStats(taskId: string, sample: ContainerStatsSample, containerName?: string): Promise<void>;
  /** Many tasks' latest samples in one call (the emulator's once-a-second push); unknown tasks are skipped. */
  putStatsBatch(samples: readonly StatsPush[]): Promise<void>;
  removeTask(taskId: string): Promise<void>;
  /** Removes the stack's metadata endpoint container (nothing else). */
  remove(): Promise<void>;
}
