// `deploy status`: services, their tasks, target health and the ALB's URLs.
import type { Stack } from '@ecs-twin/manifest';
import { observe } from '../observe/index.js';
import type { AwsPorts, TargetHealthRecord, TaskRecord } from '../ports/index.js';

export interface ServiceStatus {
  readonly name: string;
  readonly state: 'missing' | 'ACTIVE';
  readonly owned: boolean;
  readonly desired: number;
  readonly running: number;
  readonly pending: number;
  readonly taskDefinition?: string;
  readonly tasks: readonly TaskRecord[];
}

export interface TargetGroupStatus {
  readonly name: string;
  readonly targets: readonly TargetHealthRecord[];
}

export interface StackStatus {
  readonly stack: string;
  readonly region: string;
  readonly cluster: string;
  readonly clusterExists: boolean;
  readonly services: readonly ServiceStatus[];
  readonly targetGroups: readonly TargetGroupStatus[];
  readonly urls: readonly string[];
}

export async function stackStatus(stack: Stack, ports: AwsPorts, region: string): Promise<StackStatus> {
  const o = await observe(stack, ports, { region });
  const services = await Promise.all(stack.services.map(async (s): Promise<ServiceStatus> => {
    const seen = o.services[s.serviceName];
    if (!seen) return { name: s.serviceName, state: 'missing', owned: false, desired: 0, running: 0, pending: 0, tasks: [] };
    return {
      name: s.serviceName, state: 'ACTIVE', owned: seen.ownership === 'stack',
      desired: seen.desiredCount, running: seen.runningCount, pending: seen.pendingCount,
      taskDefinition: seen.taskDefinition,
      tasks: await ports.ecs.tasks(stack.cluster.name, s.serviceName),
    };
  }));
  const targetGroups = await Promise.all(
    stack.loadBalancer.targetGroups
      .filter((t) => o.targetGroups[t.name])
      .map(async (t) => ({ name: t.name, targets: await ports.loadBalancing.targetHealth(o.targetGroups[t.name]!.arn) })),
  );
  const dns = o.loadBalancer?.dnsName;
  return {
    stack: stack.stack,
    region,
    cluster: stack.cluster.name,
    clusterExists: o.cluster !== undefined,
    services,
    targetGroups,
    urls: dns ? stack.loadBalancer.listeners.map((l) => `http://${dns}:${l.port}`) : [],
  };
}
