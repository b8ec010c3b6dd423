// Every default the manifest fills in, in one place, each traced to
// shared/docs/aws-fidelity.md (section in brackets) so emulator and deployer agree.

export const DEFAULTS = {
  region: 'us-east-1',
  trustedService: 'ecs-tasks.amazonaws.com',
  vpc: 'default',
  assignPublicIp: true,
  scheme: 'internet-facing',
  /** ALB idle timeout [§2]. */
  idleTimeoutSeconds: 60,
  protocol: 'HTTP',
  /** Fargate/awsvpc needs target type ip [§2]. */
  targetType: 'ip',
  /**
   * deregistration_delay.timeout_seconds. AWS's own default is 300 s [§2]; every
   * rolling update waits it out once per old task, so a tutorial stack uses 30 s.
   */
  deregistrationDelaySeconds: 30,
  loadBalancingAlgorithm: 'round_robin',
  /**
   * ALB health check [§2], except the healthy threshold: AWS's 5 x 30 s keeps a new
   * task out of service for 2.5 minutes; 2 checks (ALB's minimum) take 1 minute.
   */
  healthCheck: {
    path: '/',
    port: 'traffic-port',
    intervalSeconds: 30,
    timeoutSeconds: 5,
    healthyThresholdCount: 2,
    unhealthyThresholdCount: 2,
    matcher: '200',
  },
  desiredCount: 1,
  launchType: 'FARGATE',
  platformVersion: 'LATEST',
  dockerfile: 'Dockerfile',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  runtimePlatform: { cpuArchitecture: 'X86_64', operatingSystemFamily: 'LINUX' },
  essential: true,
  portProtocol: 'tcp',
  /** awslogs [§6]; group defaults to /ecs/<family>, region to the stack's. */
  logStreamPrefix: 'ecs',
  logCreateGroup: true,
  /** SIGTERM -> SIGKILL [§3]. */
  stopTimeout: 30,
  containerHealthCheck: { intervalSeconds: 30, timeoutSeconds: 5, retries: 3, startPeriodSeconds: 0 },
  serviceConnectMode: 'client-server',
  /** Service Connect proxy timeouts [§1]. */
  perRequestTimeoutSeconds: 15,
  scIdleTimeoutSeconds: 300,
  /** Rolling update [§3]. */
  minimumHealthyPercent: 100,
  maximumPercent: 200,
  circuitBreaker: { enable: true, rollback: true },
  /**
   * AWS's 0 kept: with the health check above a new task is out of service for at
   * most 60 s, and the tutorial's services start in seconds. A service that starts
   * slowly should set its own grace period.
   */
  healthCheckGracePeriodSeconds: 0,
  /** Target tracking cooldowns [§4]. */
  scaleOutCooldownSeconds: 300,
  scaleInCooldownSeconds: 300,
  disableScaleIn: false,
} as const;

/** Valid Fargate task memory (MiB) per task CPU units [§5]. */
export const FARGATE_MEMORY_BY_CPU: ReadonlyMap<number, readonly number[]> = new Map([
  [256, [512, 1024, 2048]],
  [512, range(1024, 4096, 1024)],
  [1024, range(2048, 8192, 1024)],
  [2048, range(4096, 16384, 1024)],
  [4096, range(8192, 30720, 1024)],
  [8192, range(16384, 61440, 4096)],
  [16384, range(32768, 122880, 8192)],
]);

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
}
