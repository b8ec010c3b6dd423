// The emulated ALB as the rest of the emulator sees it. Implemented by
// ApplicationLoadBalancer (load-balancer/application-load-balancer.ts).
import type { LoadBalancerSpec } from '@ecs-twin/manifest';
import type { Clock } from '../clock/index.js';
import type { EmitEvent } from '../events/index.js';
import type { TimingProfile } from '../timing/index.js';

/** One registered target: a task's port as reachable from the host. */
export interface Target {
  /** The task id. */
  readonly id: string;
  /** Where the emulator reaches it: always 127.0.0.1 (the task publishes its port there). */
  readonly host: string;
  /** Host port published for the task's container port. */
  readonly port: number;
  /** The ECS service the task belongs to: names it in events ("(service X) registered 1 targets ..."). */
  readonly serviceName?: string;
  /** The container port behind `port`, as ECS events name it ("port 3000 is unhealthy"). @default port */
  readonly containerPort?: number;
  /** Host port for a health check whose `port` is a number other than the traffic port. @default port */
  readonly healthCheckPort?: number;
}

/** ALB target states, as DescribeTargetHealth names them. */
export type TargetState = 'initial' | 'healthy' | 'unhealthy' | 'draining' | 'unused' | 'unavailable';

export interface TargetHealthDescription {
  readonly id: string;
  readonly port: number;
  readonly state: TargetState;
  /** ALB reason codes: Elb.RegistrationInProgress, Elb.InitialHealthChecking, Target.ResponseCodeMismatch, Target.Timeout, Target.FailedHealthChecks, Target.DeregistrationInProgress ... */
  readonly reason?: string;
  readonly description?: string;
}

export interface LoadBalancerOptions {
  readonly spec: LoadBalancerSpec;
  readonly timing: TimingProfile;
  readonly clock?: Clock;
  readonly emit?: EmitEvent;
  /** Interface the listeners bind. @default "127.0.0.1" */
  readonly host?: string;
  /** Listener port -> port actually bound (tests run stacks side by side). 0 = any free port. */
  readonly portOverrides?: Readonly<Record<number, number>>;
}

export interface LoadBalancer {
  /** Binds every listener; rejects with a clear error naming a port already in use. */
  start(): Promise<void>;
  /** Closes listeners and stops health checks. */
  stop(): Promise<void>;
  /** Adds targets (state `initial`) and starts health-checking them. Idempotent per id. */
  registerTargets(targetGroupName: string, targets: readonly Target[]): void;
  /**
   * Puts targets in `draining` (no new requests) and resolves once their in-flight
   * requests finished or the deregistration delay passed (then they are removed).
   */
  deregisterTargets(targetGroupName: string, targetIds: readonly string[]): Promise<void>;
  describeTargetHealth(targetGroupName: string): TargetHealthDescription[];
  /** Bound listeners: the manifest port, the actual port, the target group, and their desync count. */
  listeners(): ListenerDescription[];
}

export interface ListenerDescription {
  readonly port: number;
  readonly boundPort: number;
  readonly targetGroupName: string;
  /** Requests not classified Compliant by desync mitigation, since the listener started (ALB's CloudWatch metric of that name). */
  readonly DesyncMitigationMode_NonCompliant_Request_Count?: number;
}
