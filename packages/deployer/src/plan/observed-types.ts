// What AWS has, as plain data. The observer translates ids and ARNs back into
// the manifest's names where it can (a service's security groups become names),
// so the plan compares like with like. A field left undefined means "AWS did not
// report it": the plan then relies on the spec-hash tag instead of the field.
import type {
  DesiredIngressRule,
  DesiredServiceConnect,
  TaskDefinitionContent,
} from './desired-types.js';
import type { RepositoryRecord, RoleRecord } from '../ports/identity-access.js';
import type { TargetGroupRecord } from '../ports/network.js';

/**
 * Who owns an existing resource: this stack (tagged), another stack, or nobody
 * (created by hand, as in the tutorial): those are adopted, never changed or deleted.
 */
export type Ownership = 'stack' | 'other-stack' | 'unowned';

export interface ObservedBase {
  readonly ownership: Ownership;
  /** Value of the `ecs-twin:spec-hash` tag, when the resource carries one. */
  readonly specHash?: string;
}

export interface ObservedNetwork {
  readonly vpcId: string;
  /** Manifest subnet spec (a zone name or ID, a subnet id, or `default`) -> subnet id(s). */
  readonly subnets: Readonly<Record<string, string | readonly string[]>>;
}

/** A role as its adapter reads it, without the raw tags (ownership says what they mean). */
export interface ObservedRole extends ObservedBase, Omit<RoleRecord, 'tags'> {}

export interface ObservedRepository extends ObservedBase, Omit<RepositoryRecord, 'tags'> {}

export interface ObservedSecurityGroup extends ObservedBase {
  readonly name: string;
  readonly id: string;
  readonly description: string;
  readonly ingress: readonly DesiredIngressRule[];
}

export interface ObservedLoadBalancer extends ObservedBase {
  readonly name: string;
  readonly arn: string;
  readonly dnsName: string;
  readonly scheme: string;
  readonly securityGroups: readonly string[];
  readonly subnets: readonly string[];
  readonly idleTimeoutSeconds?: number;
}

/** A target group as its adapter reads it, without the raw tags (ownership says what they mean). */
export interface ObservedTargetGroup extends ObservedBase, Omit<TargetGroupRecord, 'tags'> {}

export interface ObservedListener extends ObservedBase {
  readonly arn: string;
  readonly port: number;
  readonly protocol: string;
  /** Target group name of the default forward action (its ARN when not one of ours). */
  readonly targetGroupName?: string;
}

export interface ObservedTaskDefinition extends ObservedBase {
  readonly family: string;
  /** Latest ACTIVE revision. */
  readonly arn: string;
  readonly revision: number;
  readonly content: TaskDefinitionContent;
  /** The family's ACTIVE revisions that carry the stack's tag (destroy deregisters those only). */
  readonly activeRevisions: readonly string[];
}

export interface ObservedService extends ObservedBase {
  readonly serviceName: string;
  readonly arn: string;
  /** `family:revision` */
  readonly taskDefinition: string;
  readonly desiredCount: number;
  readonly runningCount: number;
  readonly pendingCount: number;
  readonly launchType?: string;
  readonly platformVersion?: string;
  readonly network?: { subnets: readonly string[]; securityGroups: readonly string[]; assignPublicIp: boolean };
  readonly loadBalancers?: readonly { targetGroupName: string; containerName: string; containerPort: number }[];
  readonly serviceConnect?: DesiredServiceConnect;
  readonly deployment?: {
    minimumHealthyPercent: number;
    maximumPercent: number;
    circuitBreaker: { enable: boolean; rollback: boolean };
  };
  readonly healthCheckGracePeriodSeconds?: number;
  /** The PRIMARY deployment's rolloutState and reason, and whether any deployment is IN_PROGRESS. */
  readonly rollout?: { readonly primary?: string; readonly reason?: string; readonly inProgress: boolean };
}

export interface ObservedScalableTarget {
  readonly serviceName: string;
  readonly resourceId: string;
  readonly minCapacity: number;
  readonly maxCapacity: number;
}

export interface ObservedScalingPolicy {
  readonly serviceName: string;
  readonly resourceId: string;
  readonly policyName: string;
  readonly metric?: string;
  readonly targetValue: number;
  readonly scaleOutCooldownSeconds?: number;
  readonly scaleInCooldownSeconds?: number;
  readonly disableScaleIn?: boolean;
}

export interface ObservedStack {
  readonly account: string;
  readonly region: string;
  readonly network: ObservedNetwork;
  readonly role?: ObservedRole;
  readonly repositories: Readonly<Record<string, ObservedRepository>>;
  /** `repository:tag` of every desired image that ECR already holds. */
  readonly images: readonly string[];
  readonly logGroups: Readonly<Record<string, ObservedBase & { name: string }>>;
  readonly cluster?: ObservedBase & { name: string; arn: string };
  readonly namespace?: ObservedBase & { name: string; id: string; arn: string };
  readonly securityGroups: Readonly<Record<string, ObservedSecurityGroup>>;
  readonly loadBalancer?: ObservedLoadBalancer;
  readonly targetGroups: Readonly<Record<string, ObservedTargetGroup>>;
  /** Keyed by port. */
  readonly listeners: Readonly<Record<string, ObservedListener>>;
  readonly taskDefinitions: Readonly<Record<string, ObservedTaskDefinition>>;
  readonly services: Readonly<Record<string, ObservedService>>;
  /** Services of the manifest still DRAINING after a delete: CreateService must wait until they are INACTIVE. */
  readonly drainingServices: readonly string[];
  /** Keyed by service name; only for services this stack owns. */
  readonly scalableTargets: Readonly<Record<string, ObservedScalableTarget>>;
  /** Keyed by `service/policy`. */
  readonly scalingPolicies: Readonly<Record<string, ObservedScalingPolicy>>;
}

/** An ObservedStack with nothing in it: what an empty account looks like. */
export function emptyObserved(account: string, region: string, network: ObservedNetwork): ObservedStack {
  return {
    account, region, network,
    repositories: {}, images: [], logGroups: {}, securityGroups: {}, targetGroups: {},
    listeners: {}, taskDefinitions: {}, services: {}, drainingServices: [], scalableTargets: {}, scalingPolicies: {},
  };
}
