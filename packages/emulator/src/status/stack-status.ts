// `emulate status --json`: ECS's field names where they exist (DescribeServices,
// DescribeTasks, DescribeTargetHealth), so scripts written against AWS read it.

export interface DeploymentStatusView {
  readonly id: string;
  readonly status: 'PRIMARY' | 'ACTIVE';
  readonly rolloutState: string;
  readonly rolloutStateReason?: string;
  readonly taskDefinition: string;
  readonly desiredCount: number;
  readonly runningCount: number;
  readonly pendingCount: number;
  readonly failedTasks: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface ServiceStatusView {
  readonly serviceName: string;
  readonly status: 'ACTIVE';
  readonly desiredCount: number;
  readonly runningCount: number;
  readonly pendingCount: number;
  readonly taskDefinition: string;
  /** `<repository>:<tag>` of the PRIMARY deployment's task container (not an ECS field; the deployer reads it). */
  readonly image: string;
  readonly steady: boolean;
  readonly deployments: readonly DeploymentStatusView[];
  readonly events: readonly { readonly createdAt: string; readonly message: string }[];
}

export interface TaskStatusView {
  readonly taskId: string;
  readonly serviceName: string;
  readonly taskDefinition: string;
  readonly lastStatus: string;
  readonly healthStatus: string;
  readonly stopCode?: string;
  readonly stoppedReason?: string;
  readonly exitCode?: number;
  readonly cpuUtilization?: number;
  readonly memoryUtilization?: number;
  readonly createdAt: string;
  readonly containerId?: string;
  readonly hostPort?: number;
  readonly privateIpv4Address?: string;
  /** Every container of the task, main first (DescribeTasks' containers[]). */
  readonly containers: readonly ContainerStatusView[];
}

export interface ContainerStatusView {
  readonly name: string;
  readonly lastStatus: 'PENDING' | 'RUNNING' | 'STOPPED';
  readonly essential: boolean;
}

export interface TargetGroupStatusView {
  readonly targetGroupName: string;
  readonly targets: readonly { readonly id: string; readonly port: number; readonly state: string; readonly reason?: string; readonly description?: string }[];
}

export interface ListenerStatusView {
  readonly port: number;
  readonly boundPort: number;
  readonly targetGroupName: string;
  readonly url: string;
  /** Requests ALB's desync mitigation would not call Compliant, since the listener started (the CloudWatch metric's name). */
  readonly DesyncMitigationMode_NonCompliant_Request_Count?: number;
}

export interface StackStatusView {
  readonly stack: string;
  readonly cluster: string;
  /** False when no emulator process runs for the stack (tasks may still be there). */
  readonly emulatorRunning: boolean;
  readonly pid?: number;
  /** Every service steady and every Service Connect agent up: what `up --detach` waits for. */
  readonly steady: boolean;
  readonly timing: Readonly<Record<string, unknown>>;
  readonly services: readonly ServiceStatusView[];
  readonly tasks: readonly TaskStatusView[];
  readonly targetGroups: readonly TargetGroupStatusView[];
  readonly listeners: readonly ListenerStatusView[];
  /** Sections contributed by other loops (the autoscaler adds `autoscaling`). */
  readonly [section: string]: unknown;
}
