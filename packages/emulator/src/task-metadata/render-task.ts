// A task record rendered as the v4 `/task` JSON of a Fargate task
// (aws-fidelity.md §9; AWS's "task metadata v4 JSON response for tasks on
// Fargate"). Pure. Field names and types follow AWS's responses: Revision is
// a string, task Limits.CPU is in vCPUs, times are RFC 3339.
import { vcpusOf } from '@ecs-twin/manifest/model/cpu-units';
import { metadataContainerId, stableUuid } from './container-id.js';
import type { TaskMetadataContainerRecord, TaskMetadataRecord } from './contract.js';

/** The account id the emulator puts in every ARN (no AWS account is involved). */
export const LOCAL_ACCOUNT_ID = '000000000000';
/** Fargate's default ephemeral storage (20 GiB, in MiB as AWS reports it). */
const FARGATE_EPHEMERAL_RESERVED_MIB = 20_496;

export interface V4Container {
  readonly DockerId: string;
  readonly [field: string]: unknown;
}

export interface V4Task {
  readonly Containers: readonly V4Container[];
  readonly [field: string]: unknown;
}

export function clusterArn(region: string, cluster: string): string {
  return `arn:aws:ecs:${region}:${LOCAL_ACCOUNT_ID}:cluster/${cluster}`;
}

export function taskArn(region: string, cluster: string, taskId: string): string {
  return `arn:aws:ecs:${region}:${LOCAL_ACCOUNT_ID}:task/${cluster}/${taskId}`;
}

export function renderTaskMetadata(record: TaskMetadataRecord): V4Task {
  const arn = taskArn(record.region, record.cluster, record.taskId);
  return compact({
    Cluster: clusterArn(record.region, record.cluster),
    ServiceName: record.serviceName,
    TaskARN: arn,
    Family: record.family,
    Revision: String(record.revision),
    DesiredStatus: record.desiredStatus,
    KnownStatus: record.knownStatus,
    Limits: { CPU: vcpusOf(record.cpu), Memory: record.memory },
    PullStartedAt: iso(record.pullStartedAt),
    PullStoppedAt: iso(record.pullStoppedAt),
    ExecutionStoppedAt: iso(record.executionStoppedAt),
    AvailabilityZone: record.availabilityZone ?? `${record.region}a`,
    Containers: record.containers.map((container) => renderContainer(record, arn, container)),
    LaunchType: 'FARGATE',
    EphemeralStorageMetrics: {
      Utilized: record.ephemeralStorageUtilizedMiB ?? 0,
      Reserved: FARGATE_EPHEMERAL_RESERVED_MIB,
    },
  }) as unknown as V4Task;
}

function renderContainer(task: TaskMetadataRecord, arn: string, container: TaskMetadataContainerRecord): V4Container {
  const dockerId = metadataContainerId(task.taskId, container.name);
  return compact({
    DockerId: dockerId,
    Name: container.name,
    DockerName: container.dockerName ?? container.name,
    Image: container.image,
    ImageID: container.imageId,
    Labels: {
      'com.amazonaws.ecs.cluster': clusterArn(task.region, task.cluster),
      'com.amazonaws.ecs.container-name': container.name,
      'com.amazonaws.ecs.task-arn': arn,
      'com.amazonaws.ecs.task-definition-family': task.family,
      'com.amazonaws.ecs.task-definition-version': String(task.revision),
      ...container.labels,
    },
    DesiredStatus: container.desiredStatus,
    KnownStatus: container.knownStatus,
    ExitCode: container.exitCode,
    Limits: compact({ CPU: container.cpu ?? 0, Memory: container.memory }),
    CreatedAt: iso(container.createdAt),
    StartedAt: iso(container.startedAt),
    FinishedAt: iso(container.finishedAt),
    Type: 'NORMAL',
    LogDriver: container.logOptions ? 'awslogs' : undefined,
    LogOptions: container.logOptions,
    ContainerARN: `arn:aws:ecs:${task.region}:${LOCAL_ACCOUNT_ID}:container/${task.cluster}/${task.taskId}/${stableUuid(dockerId)}`,
    Networks: container.ipv4Address
      ? [
          compact({
            NetworkMode: 'awsvpc',
            IPv4Addresses: [container.ipv4Address],
            AttachmentIndex: 0,
            MACAddress: container.macAddress,
            IPv4SubnetCIDRBlock: container.subnetCidr,
            SubnetGatewayIpv4Address: container.gateway && container.subnetCidr
              ? `${container.gateway}/${container.subnetCidr.split('/')[1]}`
              : undefined,
          }),
        ]
      : [{ NetworkMode: 'awsvpc', IPv4Addresses: [] }],
  }) as unknown as V4Container;
}

function iso(epochMs: number | undefined): string | undefined {
  return epochMs === undefined ? undefined : new Date(epochMs).toISOString();
}

/** Drops undefined fields: AWS omits what it does not know rather than sending null. */
function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
