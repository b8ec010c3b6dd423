// The typed, validated stack that both runtimes consume. Every default is
// filled in (see ../../../../../shared/docs/aws-fidelity.md for where they come from),
// so neither the emulator nor the deployer ever guesses a value.

/** A whole stack, as described by one stack.yaml. */
export interface Stack {
  /** Stack name: the label/tag value that marks everything this tool creates. */
  readonly stack: string;
  /** Absolute path of the manifest this stack was loaded from. */
  readonly sourceFile: string;
  /** Directory relative paths (build contexts) are resolved against. */
  readonly baseDir: string;
  /** AWS region. @default "us-east-1" (overridden by --region / AWS_REGION in the deployer) */
  readonly region: string;
  readonly cluster: ClusterSpec;
  readonly executionRole: ExecutionRoleSpec;
  readonly network: NetworkSpec;
  readonly serviceConnect: ServiceConnectNamespaceSpec;
  readonly loadBalancer: LoadBalancerSpec;
  /** Services keyed by their short manifest key (`users`), in manifest order. */
  readonly services: readonly ServiceSpec[];
}

export interface ClusterSpec {
  readonly name: string;
}

export interface ExecutionRoleSpec {
  readonly name: string;
  /** @default "ecs-tasks.amazonaws.com" */
  readonly trustedService: string;
  /** AWS managed policy names (not ARNs). */
  readonly managedPolicies: readonly string[];
}

export interface NetworkSpec {
  /** "default" or a VPC id. @default "default" */
  readonly vpc: string;
  /** Subnet ids or availability-zone names of the default VPC. */
  readonly subnets: readonly string[];
  /** @default true */
  readonly assignPublicIp: boolean;
  readonly securityGroups: readonly SecurityGroupSpec[];
}

export interface SecurityGroupSpec {
  readonly name: string;
  readonly description: string;
  readonly ingress: readonly IngressRuleSpec[];
}

export interface IngressRuleSpec {
  readonly port: number;
  /** "anywhere" (0.0.0.0/0) or the name of another security group of the stack. */
  readonly from: string;
}

export interface ServiceConnectNamespaceSpec {
  /** Cloud Map namespace name; locally, the Docker network's name. */
  readonly namespace: string;
}

export interface LoadBalancerSpec {
  readonly name: string;
  /** @default "internet-facing" */
  readonly scheme: 'internet-facing' | 'internal';
  /** @default 60 */
  readonly idleTimeoutSeconds: number;
  readonly securityGroups: readonly string[];
  readonly listeners: readonly ListenerSpec[];
  readonly targetGroups: readonly TargetGroupSpec[];
}

export interface ListenerSpec {
  readonly port: number;
  /** @default "HTTP" */
  readonly protocol: 'HTTP';
  readonly targetGroupName: string;
}

export interface TargetGroupSpec {
  readonly name: string;
  readonly port: number;
  /** @default "HTTP" */
  readonly protocol: 'HTTP';
  /** Fargate (awsvpc) needs "ip". @default "ip" */
  readonly targetType: 'ip';
  readonly healthCheck: HealthCheckSpec;
  /** deregistration_delay.timeout_seconds. @default 300 */
  readonly deregistrationDelaySeconds: number;
  /** @default "round_robin" */
  readonly loadBalancingAlgorithm: 'round_robin' | 'least_outstanding_requests';
}

export interface HealthCheckSpec {
  /** @default "/" */
  readonly path: string;
  /** "traffic-port" or a number. @default "traffic-port" */
  readonly port: 'traffic-port' | number;
  /** @default 30 (5-300) */
  readonly intervalSeconds: number;
  /** @default 5 (2-120) */
  readonly timeoutSeconds: number;
  /** @default 5 (2-10) */
  readonly healthyThresholdCount: number;
  /** @default 2 (2-10) */
  readonly unhealthyThresholdCount: number;
  /** HTTP codes, e.g. "200" or "200-299" or "200,302". @default "200" */
  readonly matcher: string;
}

export interface ServiceSpec {
  /** Short manifest key (`users`). */
  readonly key: string;
  /** ECS service name (`service-users-ecs`). */
  readonly serviceName: string;
  /** @default 1 */
  readonly desiredCount: number;
  /** @default "FARGATE" */
  readonly launchType: 'FARGATE';
  /** @default "LATEST" */
  readonly platformVersion: string;
  /** Where the image is built from, resolved to an absolute path; absent for prebuilt images. */
  readonly build?: BuildSpec;
  readonly taskDefinition: TaskDefinitionSpec;
  readonly serviceConnect: ServiceConnectSpec;
  readonly loadBalancer?: ServiceLoadBalancerSpec;
  readonly securityGroups: readonly string[];
  readonly deployment: DeploymentSpec;
  /** @default 0 */
  readonly healthCheckGracePeriodSeconds: number;
  readonly autoscaling?: AutoscalingSpec;
}

export interface BuildSpec {
  /** Absolute path of the build context. */
  readonly context: string;
  /** @default "Dockerfile" (relative to the context) */
  readonly dockerfile: string;
}

export interface TaskDefinitionSpec {
  readonly family: string;
  /** CPU units (256 = 0.25 vCPU). */
  readonly cpu: number;
  /** MiB. */
  readonly memory: number;
  /** @default "awsvpc" */
  readonly networkMode: 'awsvpc';
  /** @default ["FARGATE"] */
  readonly requiresCompatibilities: readonly ['FARGATE'];
  /** @default { cpuArchitecture: "X86_64", operatingSystemFamily: "LINUX" } */
  readonly runtimePlatform: { readonly cpuArchitecture: 'X86_64' | 'ARM64'; readonly operatingSystemFamily: 'LINUX' };
  /** Name of the stack's execution role. @default the stack's executionRole.name */
  readonly executionRoleName: string;
  readonly containers: readonly ContainerDefinitionSpec[];
}

export interface ImageRef {
  /** Repository name without registry (`service-users`). */
  readonly repository: string;
  readonly tag: string;
}

export interface ContainerDefinitionSpec {
  readonly name: string;
  readonly image: ImageRef;
  /** @default true */
  readonly essential: boolean;
  readonly portMappings: readonly PortMappingSpec[];
  /** Name -> value, in manifest order. */
  readonly environment: Readonly<Record<string, string>>;
  readonly logConfiguration: AwsLogsSpec;
  /** Replaces the image's ENTRYPOINT (exec form). Absent: the image's own. */
  readonly entryPoint?: readonly string[];
  /** Replaces the image's CMD (exec form). Absent: the image's own. */
  readonly command?: readonly string[];
  /** Seconds between SIGTERM and SIGKILL. @default 30 (Fargate 2-120) */
  readonly stopTimeout: number;
  readonly healthCheck?: ContainerHealthCheckSpec;
}

export interface PortMappingSpec {
  /** Service Connect port name (`users`). */
  readonly name?: string;
  readonly containerPort: number;
  /** @default "tcp" */
  readonly protocol: 'tcp';
  readonly appProtocol?: 'http' | 'http2' | 'grpc';
}

export interface AwsLogsSpec {
  readonly logDriver: 'awslogs';
  /** awslogs-group. @default "/ecs/<family>" */
  readonly group: string;
  /** awslogs-region. @default the stack's region */
  readonly region: string;
  /** awslogs-stream-prefix (required on Fargate). @default "ecs" */
  readonly streamPrefix: string;
  /** awslogs-create-group. @default true */
  readonly createGroup: boolean;
}

export interface ContainerHealthCheckSpec {
  readonly command: readonly string[];
  /** @default 30 */
  readonly intervalSeconds: number;
  /** @default 5 */
  readonly timeoutSeconds: number;
  /** @default 3 */
  readonly retries: number;
  /** @default 0 */
  readonly startPeriodSeconds: number;
}

export interface ServiceConnectSpec {
  /**
   * "client-server" registers discovery names; "client-only" just resolves.
   * @default "client-server" ("client-only" when the manifest omits `services` and names no port mapping)
   */
  readonly mode: 'client-server' | 'client-only' | 'disabled';
  /** The stack's namespace name. */
  readonly namespace: string;
  /** Empty unless mode is "client-server". @default one entry per named port mapping */
  readonly services: readonly ServiceConnectServiceSpec[];
}

export interface ServiceConnectServiceSpec {
  /** Task-definition portMappings[].name. */
  readonly portName: string;
  /** @default portName */
  readonly discoveryName: string;
  /** Client alias host name. @default discoveryName */
  readonly dnsName: string;
  /** Client alias port. @default the port mapping's containerPort */
  readonly port: number;
  /** @default 15 */
  readonly perRequestTimeoutSeconds: number;
  /** @default 300 */
  readonly idleTimeoutSeconds: number;
}

export interface ServiceLoadBalancerSpec {
  readonly targetGroupName: string;
  readonly containerName: string;
  readonly containerPort: number;
}

export interface DeploymentSpec {
  /** @default 100 */
  readonly minimumHealthyPercent: number;
  /** @default 200 */
  readonly maximumPercent: number;
  /** @default { enable: true, rollback: true } */
  readonly circuitBreaker: { readonly enable: boolean; readonly rollback: boolean };
}

export type ScalingMetric = 'ECSServiceAverageCPUUtilization' | 'ECSServiceAverageMemoryUtilization';

export interface AutoscalingSpec {
  readonly minCapacity: number;
  readonly maxCapacity: number;
  readonly policies: readonly TargetTrackingPolicySpec[];
}

export interface TargetTrackingPolicySpec {
  readonly name: string;
  readonly metric: ScalingMetric;
  /** Percent, 1-100. */
  readonly targetValue: number;
  /** @default 300 */
  readonly scaleOutCooldownSeconds: number;
  /** @default 300 */
  readonly scaleInCooldownSeconds: number;
  /** @default false */
  readonly disableScaleIn: boolean;
}
