// The desired AWS resources, derived from a Stack: plain data in the shapes the
// deployer compares and the adapters send. References between resources are by
// name (a security group's name, a target group's name); apply resolves names to
// ids and ARNs as it goes.
import type { HealthCheckSpec, ScalingMetric } from '@ecs-twin/manifest';

export interface DesiredRole {
  readonly name: string;
  readonly trustedService: string;
  /** AWS managed policy names (not ARNs), sorted. */
  readonly managedPolicies: readonly string[];
}

export interface DesiredRepository {
  readonly name: string;
}

/** An image apply builds and pushes to ECR (only for services with a `build`). */
export interface DesiredImage {
  readonly repository: string;
  readonly tag: string;
  readonly context: string;
  readonly dockerfile: string;
  /** `linux/amd64` or `linux/arm64`, from the task definition's runtimePlatform: what Fargate will run. */
  readonly platform: string;
}

export interface DesiredLogGroup {
  readonly name: string;
}

export interface DesiredIngressRule {
  readonly port: number;
  /** "anywhere" or the name of another security group of the stack. */
  readonly from: string;
}

export interface DesiredSecurityGroup {
  readonly name: string;
  readonly description: string;
  readonly ingress: readonly DesiredIngressRule[];
}

export interface DesiredLoadBalancer {
  readonly name: string;
  readonly scheme: 'internet-facing' | 'internal';
  readonly idleTimeoutSeconds: number;
  /** Security group names, sorted. */
  readonly securityGroups: readonly string[];
  /** Subnet ids, sorted. */
  readonly subnets: readonly string[];
}

/** The manifest's health check as ELB takes it: the port as a string ("traffic-port" or a number), HTTP only. */
export interface DesiredHealthCheck extends Omit<HealthCheckSpec, 'port'> {
  readonly protocol: 'HTTP';
  readonly port: string;
}

export interface DesiredTargetGroup {
  readonly name: string;
  readonly port: number;
  readonly protocol: 'HTTP';
  readonly targetType: 'ip';
  readonly healthCheck: DesiredHealthCheck;
  readonly deregistrationDelaySeconds: number;
  readonly loadBalancingAlgorithm: string;
}

export interface DesiredListener {
  readonly port: number;
  readonly protocol: 'HTTP';
  readonly targetGroupName: string;
}

export interface ContainerContent {
  readonly name: string;
  readonly image: string;
  readonly essential: boolean;
  readonly portMappings: readonly { name?: string; containerPort: number; protocol: string; appProtocol?: string }[];
  /** Sorted by name: ECS keeps the order it was given, but order has no meaning. */
  readonly environment: readonly { name: string; value: string }[];
  readonly logConfiguration: { logDriver: 'awslogs'; options: Readonly<Record<string, string>> };
  /** Absent: the image's own ENTRYPOINT / CMD. */
  readonly entryPoint?: readonly string[];
  readonly command?: readonly string[];
  readonly stopTimeout: number;
  readonly healthCheck?: {
    command: readonly string[];
    interval: number;
    timeout: number;
    retries: number;
    startPeriod: number;
  };
}

/** The content of a task-definition revision: what decides whether a new revision is needed. */
export interface TaskDefinitionContent {
  readonly family: string;
  readonly cpu: string;
  readonly memory: string;
  readonly networkMode: 'awsvpc';
  readonly requiresCompatibilities: readonly string[];
  readonly runtimePlatform: { cpuArchitecture: string; operatingSystemFamily: string };
  readonly executionRoleArn: string;
  readonly containers: readonly ContainerContent[];
}

export interface DesiredTaskDefinition {
  readonly family: string;
  readonly content: TaskDefinitionContent;
}

export interface DesiredServiceConnect {
  readonly enabled: boolean;
  /** Namespace name. */
  readonly namespace: string;
  readonly services: readonly {
    portName: string;
    discoveryName: string;
    clientAliases: readonly { port: number; dnsName: string }[];
    /** perRequestTimeoutSeconds only for a port mapping with an appProtocol: ECS rejects it on plain TCP. */
    timeout: { idleTimeoutSeconds: number; perRequestTimeoutSeconds?: number };
  }[];
}

/** The service fields the deployer sets, besides task definition and desired count. */
export interface ServiceConfig {
  readonly launchType: 'FARGATE';
  readonly platformVersion: string;
  readonly network: { subnets: readonly string[]; securityGroups: readonly string[]; assignPublicIp: boolean };
  readonly loadBalancers: readonly { targetGroupName: string; containerName: string; containerPort: number }[];
  readonly serviceConnect?: DesiredServiceConnect;
  readonly deployment: {
    minimumHealthyPercent: number;
    maximumPercent: number;
    circuitBreaker: { enable: boolean; rollback: boolean };
  };
  readonly healthCheckGracePeriodSeconds: number;
}

export interface DesiredService {
  readonly serviceName: string;
  readonly cluster: string;
  readonly family: string;
  readonly desiredCount: number;
  /** When set, AWS changes the desired count: apply leaves it alone inside this range. */
  readonly scalingRange?: { min: number; max: number };
  readonly config: ServiceConfig;
}

export interface DesiredScalableTarget {
  readonly serviceName: string;
  /** `service/<cluster>/<service>` */
  readonly resourceId: string;
  readonly minCapacity: number;
  readonly maxCapacity: number;
}

export interface DesiredScalingPolicy {
  readonly serviceName: string;
  readonly resourceId: string;
  readonly policyName: string;
  readonly metric: ScalingMetric;
  readonly targetValue: number;
  readonly scaleOutCooldownSeconds: number;
  readonly scaleInCooldownSeconds: number;
  readonly disableScaleIn: boolean;
}

export interface DesiredStack {
  readonly stack: string;
  readonly region: string;
  readonly role: DesiredRole;
  readonly repositories: readonly DesiredRepository[];
  readonly images: readonly DesiredImage[];
  readonly logGroups: readonly DesiredLogGroup[];
  readonly cluster: { readonly name: string };
  readonly namespace: { readonly name: string };
  readonly securityGroups: readonly DesiredSecurityGroup[];
  readonly loadBalancer: DesiredLoadBalancer;
  readonly targetGroups: readonly DesiredTargetGroup[];
  readonly listeners: readonly DesiredListener[];
  readonly taskDefinitions: readonly DesiredTaskDefinition[];
  readonly services: readonly DesiredService[];
  readonly scalableTargets: readonly DesiredScalableTarget[];
  readonly scalingPolicies: readonly DesiredScalingPolicy[];
}
