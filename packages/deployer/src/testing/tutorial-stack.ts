// The tutorial's stack.yaml as a Stack, built by hand so plan tests don't depend
// on the manifest loader. `tutorialStack({...})` returns a copy with changes.
import type { ServiceSpec, Stack } from '@ecs-twin/manifest';

function service(key: 'users' | 'products', other: 'users' | 'products'): ServiceSpec {
  return {
    key,
    serviceName: `service-${key}-ecs`,
    desiredCount: 1,
    launchType: 'FARGATE',
    platformVersion: 'LATEST',
    build: { context: `/repo/packages/services/${key}`, dockerfile: 'Dockerfile' },
    taskDefinition: {
      family: `service-${key}-td`,
      cpu: 256,
      memory: 512,
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      runtimePlatform: { cpuArchitecture: 'X86_64', operatingSystemFamily: 'LINUX' },
      executionRoleName: 'ecs-task-execution-role',
      containers: [
        {
          name: `container-${key}`,
          image: { repository: `service-${key}`, tag: 'v0.0.1' },
          essential: true,
          portMappings: [{ name: key, containerPort: 3000, protocol: 'tcp', appProtocol: 'http' }],
          environment: { API_VERSION: 'v0.0.1', [`SERVICE_${other.toUpperCase()}`]: `http://${other}:3000` },
          logConfiguration: { logDriver: 'awslogs', group: `/ecs/service-${key}-td`, region: 'us-west-1', streamPrefix: 'ecs', createGroup: true },
          stopTimeout: 30,
        },
      ],
    },
    serviceConnect: {
      mode: 'client-server',
      namespace: 'ecs-tutorial',
      services: [{ portName: key, discoveryName: key, dnsName: key, port: 3000, perRequestTimeoutSeconds: 15, idleTimeoutSeconds: 300 }],
    },
    loadBalancer: { targetGroupName: `service-${key}-tg`, containerName: `container-${key}`, containerPort: 3000 },
    securityGroups: ['container-lb-sg', 'container-3000'],
    deployment: { minimumHealthyPercent: 100, maximumPercent: 200, circuitBreaker: { enable: true, rollback: true } },
    healthCheckGracePeriodSeconds: 0,
    autoscaling: {
      minCapacity: 1,
      maxCapacity: 3,
      policies: [
        { name: 'cpu', metric: 'ECSServiceAverageCPUUtilization', targetValue: 70, scaleOutCooldownSeconds: 300, scaleInCooldownSeconds: 300, disableScaleIn: false },
        { name: 'memory', metric: 'ECSServiceAverageMemoryUtilization', targetValue: 70, scaleOutCooldownSeconds: 300, scaleInCooldownSeconds: 300, disableScaleIn: false },
      ],
    },
  };
}

const healthCheck = {
  path: '/health', port: 'traffic-port' as const, intervalSeconds: 30, timeoutSeconds: 5,
  healthyThresholdCount: 2, unhealthyThresholdCount: 2, matcher: '200',
};

export function tutorialStack(overrides: Partial<Stack> = {}): Stack {
  return {
    stack: 'ecs-tutorial',
    sourceFile: '/repo/stack.yaml',
    baseDir: '/repo',
    region: 'us-west-1',
    cluster: { name: 'ecs-cluster' },
    executionRole: {
      name: 'ecs-task-execution-role',
      trustedService: 'ecs-tasks.amazonaws.com',
      managedPolicies: ['AmazonECSTaskExecutionRolePolicy', 'CloudWatchLogsFullAccess'],
    },
    network: {
      vpc: 'default',
      subnets: ['us-west-1a', 'us-west-1b'],
      assignPublicIp: true,
      securityGroups: [
        {
          name: 'container-lb-sg',
          description: 'load balancer listeners',
          ingress: [{ port: 8000, from: 'anywhere' }, { port: 8001, from: 'anywhere' }],
        },
        { name: 'container-3000', description: 'tasks, reachable from the load balancer only', ingress: [{ port: 3000, from: 'container-lb-sg' }] },
      ],
    },
    serviceConnect: { namespace: 'ecs-tutorial' },
    loadBalancer: {
      name: 'ecs-tutorial-alb',
      scheme: 'internet-facing',
      idleTimeoutSeconds: 60,
      securityGroups: ['container-lb-sg'],
      listeners: [
        { port: 8000, protocol: 'HTTP', targetGroupName: 'service-users-tg' },
        { port: 8001, protocol: 'HTTP', targetGroupName: 'service-products-tg' },
      ],
      targetGroups: ['users', 'products'].map((k) => ({
        name: `service-${k}-tg`, port: 3000, protocol: 'HTTP' as const, targetType: 'ip' as const, healthCheck,
        deregistrationDelaySeconds: 30, loadBalancingAlgorithm: 'round_robin' as const,
      })),
    },
    services: [service('users', 'products'), service('products', 'users')],
    ...overrides,
  };
}

/** A copy of the stack with one service changed. */
export function withService(stack: Stack, key: string, change: (s: ServiceSpec) => ServiceSpec): Stack {
  return { ...stack, services: stack.services.map((s) => (s.key === key ? change(s) : s)) };
}

/** A copy with every container image of every service retagged. */
export function withImageTag(stack: Stack, tag: string): Stack {
  return {
    ...stack,
    services: stack.services.map((s) => ({
      ...s,
      taskDefinition: {
        ...s.taskDefinition,
        containers: s.taskDefinition.containers.map((c) => ({ ...c, image: { ...c.image, tag } })),
      },
    })),
  };
}
