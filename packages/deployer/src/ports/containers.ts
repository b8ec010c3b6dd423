// Ports for ECS, Cloud Map and Application Auto Scaling. Our types only.
import type { Tags } from '../aws/tags.js';
import type { DesiredScalingPolicy, DesiredServiceConnect, TaskDefinitionContent } from '../plan/desired-types.js';

export interface ClusterRecord {
  readonly name: string;
  readonly arn: string;
  readonly tags: Tags;
}

export interface NamespaceRecord {
  readonly name: string;
  readonly id: string;
  readonly arn: string;
  readonly tags: Tags;
}

export interface TaskDefinitionRecord {
  readonly family: string;
  readonly arn: string;
  readonly revision: number;
  readonly content: TaskDefinitionContent;
  readonly tags: Tags;
}

/** One deployment of a service (PRIMARY is the newest: the one ECS is rolling out). */
export interface DeploymentRecord {
  readonly status: string;
  readonly taskDefinitionArn: string;
  readonly rolloutState?: string;
  readonly rolloutStateReason?: string;
  readonly running: number;
  readonly desired: number;
  readonly failedTasks: number;
}

/** A service as ECS reports it; ids and ARNs, undefined where ECS reported nothing. */
export interface ServiceRecord {
  readonly serviceName: string;
  readonly arn: string;
  readonly status: string;
  readonly taskDefinitionArn: string;
  readonly desiredCount: number;
  readonly runningCount: number;
  readonly pendingCount: number;
  readonly launchType?: string;
  readonly platformVersion?: string;
  readonly network?: { subnets: readonly string[]; securityGroups: readonly string[]; assignPublicIp: boolean };
  readonly loadBalancers?: readonly { targetGroupArn: string; containerName: string; containerPort: number }[];
  readonly serviceConnect?: ServiceConnectInput;
  readonly deployment?: { minimumHealthyPercent: number; maximumPercent: number; circuitBreaker: { enable: boolean; rollback: boolean } };
  readonly healthCheckGracePeriodSeconds?: number;
  readonly deployments: readonly DeploymentRecord[];
  readonly events: readonly string[];
  readonly tags: Tags;
}

/** Service Connect as CreateService/UpdateService take it: the desired shape, `namespace` a name or an ARN. */
export type ServiceConnectInput = DesiredServiceConnect;

/** Everything CreateService / UpdateService send, resolved to ids and ARNs. */
export interface ServiceInput {
  readonly cluster: string;
  readonly serviceName: string;
  readonly taskDefinitionArn: string;
  /** Omitted on update when the count is left to autoscaling. */
  readonly desiredCount?: number;
  readonly launchType: string;
  readonly platformVersion: string;
  readonly subnets: readonly string[];
  readonly securityGroupIds: readonly string[];
  readonly assignPublicIp: boolean;
  readonly loadBalancers: readonly { targetGroupArn: string; containerName: string; containerPort: number }[];
  readonly serviceConnect?: ServiceConnectInput;
  readonly deployment: { minimumHealthyPercent: number; maximumPercent: number; circuitBreaker: { enable: boolean; rollback: boolean } };
  readonly healthCheckGracePeriodSeconds?: number;
}

/**
 * What UpdateService sends: only the fields that changed. Every network, load
 * balancer or Service Connect field given starts a new rolling deployment.
 */
export interface ServiceUpdate {
  readonly cluster: string;
  readonly serviceName: string;
  readonly taskDefinitionArn?: string;
  readonly desiredCount?: number;
  readonly platformVersion?: string;
  readonly network?: { subnets: readonly string[]; securityGroupIds: readonly string[]; assignPublicIp: boolean };
  readonly loadBalancers?: ServiceInput['loadBalancers'];
  readonly serviceConnect?: ServiceConnectInput;
  readonly deployment?: ServiceInput['deployment'];
  readonly healthCheckGracePeriodSeconds?: number;
  readonly forceNewDeployment?: boolean;
}

export interface TaskRecord {
  readonly id: string;
  readonly lastStatus: string;
  readonly desiredStatus: string;
  readonly health?: string;
  readonly taskDefinitionArn: string;
  readonly stoppedReason?: string;
  readonly containers: readonly { name: string; exitCode?: number; reason?: string }[];
}

/** One poll of a wait: where each service stands. */
export interface ServiceProgress {
  readonly service: string;
  readonly running: number;
  readonly pending: number;
  readonly desired: number;
  readonly deployments: number;
  readonly rolloutState?: string;
  readonly latestEvent?: string;
  /** What the wait is at: the ECS rollout, then the target group's health checks. */
  readonly phase?: 'rollout' | 'targets' | 'done';
  readonly healthyTargets?: number;
}

export type WaitOutcome =
  | { readonly state: 'stable' }
  | { readonly state: 'timeout' | 'failed' | 'no-tasks'; readonly reason: string; readonly last: readonly ServiceProgress[];
      /** Per failed service: why (rolloutStateReason, or "rolled back to ..."). */
      readonly failures?: Readonly<Record<string, string>> };

export interface WaitOptions {
  readonly maxWaitSeconds: number;
  readonly minDelaySeconds: number;
  readonly maxDelaySeconds: number;
  /** Give up early when, after this long, no task was ever started and ECS reports no event. */
  readonly noTaskGraceSeconds: number;
  readonly onProgress: (p: readonly ServiceProgress[]) => void;
}

export interface EcsPort {
  findCluster(name: string): Promise<ClusterRecord | undefined>;
  createCluster(name: string, tags: Tags): Promise<string>;
  deleteCluster(name: string): Promise<void>;
  latestTaskDefinition(family: string): Promise<TaskDefinitionRecord | undefined>;
  /** ACTIVE revisions of the family that carry this stack's tag (hand-made revisions are never listed). */
  ownedRevisions(family: string, stack: string): Promise<string[]>;
  registerTaskDefinition(content: TaskDefinitionContent, tags: Tags): Promise<{ arn: string; revision: number }>;
  deregisterTaskDefinitions(arns: readonly string[]): Promise<void>;
  /** ACTIVE and DRAINING services with these names, plus any in the cluster tagged with the stack. */
  services(cluster: string, names: readonly string[], stack: string): Promise<ServiceRecord[]>;
  /** DescribeServices by name, whatever their status; a MISSING service is left out. */
  describeServices(cluster: string, names: readonly string[]): Promise<ServiceRecord[]>;
  /** `clientToken` makes a retried CreateService idempotent. */
  createService(input: ServiceInput, tags: Tags, clientToken: string): Promise<string>;
  updateService(update: ServiceUpdate): Promise<void>;
  tagService(arn: string, tags: Tags): Promise<void>;
  scaleToZeroAndDelete(cluster: string, serviceName: string): Promise<void>;
  tasks(cluster: string, serviceName: string): Promise<TaskRecord[]>;
}

export interface NamespacePort {
  find(name: string): Promise<NamespaceRecord | undefined>;
  /** Creates an HTTP namespace and waits for the operation to finish. */
  create(name: string, tags: Tags): Promise<NamespaceRecord>;
  delete(id: string): Promise<void>;
}

export interface ScalableTargetRecord {
  readonly resourceId: string;
  readonly minCapacity: number;
  readonly maxCapacity: number;
}

export interface ScalingPolicyRecord {
  readonly resourceId: string;
  readonly policyName: string;
  readonly metric?: string;
  readonly targetValue: number;
  readonly scaleOutCooldownSeconds?: number;
  readonly scaleInCooldownSeconds?: number;
  readonly disableScaleIn?: boolean;
}

export interface ScalingPort {
  targets(resourceIds: readonly string[]): Promise<ScalableTargetRecord[]>;
  policies(resourceIds: readonly string[]): Promise<ScalingPolicyRecord[]>;
  registerTarget(resourceId: string, min: number, max: number, tags: Tags): Promise<void>;
  putPolicy(policy: DesiredScalingPolicy): Promise<void>;
  deletePolicy(resourceId: string, policyName: string): Promise<void>;
  deregisterTarget(resourceId: string): Promise<void>;
}
