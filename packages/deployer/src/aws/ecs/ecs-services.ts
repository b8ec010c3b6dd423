// ECS services and tasks: the adapter behind EcsPort.
import {
  CreateServiceCommand,
  DeleteServiceCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListServicesCommand,
  ListTasksCommand,
  TagResourceCommand,
  UpdateServiceCommand,
  waitUntilServicesInactive,
  type ECSClient,
} from '@aws-sdk/client-ecs';
import type { EcsPort, ServiceInput, ServiceRecord, TaskRecord, WaitOptions, WaitOutcome } from '../../ports/index.js';
import { allPages, awsCall, awsFind } from '../call.js';
import { lowerKeyValue, STACK_TAG, type Tags } from '../tags.js';
import { EcsClustersAndTaskDefinitions } from './ecs-clusters.js';
import { waitServicesStable } from './service-waiter.js';
import { createServiceInput, fromService, serviceFields } from './service-shapes.js';

export class EcsServices extends EcsClustersAndTaskDefinitions implements EcsPort {
  constructor(ecs: ECSClient, private readonly waiterClient: (onOutput: (command: string, output: unknown) => void) => ECSClient) {
    super(ecs);
  }

  async services(cluster: string, names: readonly string[], stack: string): Promise<ServiceRecord[]> {
    const arns = await allPages(
      (nextToken) => awsFind('ecs:ListServices', `cluster/${cluster}`, ['ClusterNotFoundException'], () =>
        this.ecs.send(new ListServicesCommand({ cluster, nextToken }))),
      (p) => p?.serviceArns, (p) => p?.nextToken,
    );
    const out: ServiceRecord[] = [];
    for (let i = 0; i < arns.length; i += 10) {
      const res = await awsCall('ecs:DescribeServices', `cluster/${cluster}`, () =>
        this.ecs.send(new DescribeServicesCommand({ cluster, services: arns.slice(i, i + 10), include: ['TAGS'] })));
      out.push(...(res.services ?? []).map(fromService));
    }
    const wanted = new Set(names);
    return out.filter((s) => s.status === 'ACTIVE' && (wanted.has(s.serviceName) || s.tags[STACK_TAG] === stack));
  }

  async createService(input: ServiceInput, tags: Tags): Promise<string> {
    const out = await awsCall('ecs:CreateService', `service/${input.cluster}/${input.serviceName}`, () =>
      this.ecs.send(new CreateServiceCommand(createServiceInput(input, lowerKeyValue(tags)))));
    return out.service?.serviceArn ?? '';
  }

  async updateService(input: ServiceInput): Promise<void> {
    await awsCall('ecs:UpdateService', `service/${input.cluster}/${input.serviceName}`, () =>
      this.ecs.send(new UpdateServiceCommand({ ...serviceFields(input), service: input.serviceName })));
  }

  async tagService(arn: string, tags: Tags): Promise<void> {
    await awsCall('ecs:TagResource', arn, () => this.ecs.send(new TagResourceCommand({ resourceArn: arn, tags: lowerKeyValue(tags) })));
  }

  async scaleToZeroAndDelete(cluster: string, serviceName: string): Promise<void> {
    const resource = `service/${cluster}/${serviceName}`;
    const gone = ['ServiceNotFoundException', 'ServiceNotActiveException', 'ClusterNotFoundException'];
    await awsFind('ecs:UpdateService', resource, gone, () =>
      this.ecs.send(new UpdateServiceCommand({ cluster, service: serviceName, desiredCount: 0 })));
    await awsFind('ecs:DeleteService', resource, gone, () => this.ecs.send(new DeleteServiceCommand({ cluster, service: serviceName })));
  }

  async waitInactive(cluster: string, serviceNames: readonly string[], maxWaitSeconds: number): Promise<void> {
    if (serviceNames.length === 0) return;
    await awsCall('ecs:DescribeServices', `cluster/${cluster}`, () =>
      waitUntilServicesInactive({ client: this.ecs, maxWaitTime: maxWaitSeconds, minDelay: 2, maxDelay: 15 }, { cluster, services: [...serviceNames] }));
  }

  waitStable(cluster: string, serviceNames: readonly string[], options: WaitOptions): Promise<WaitOutcome> {
    return waitServicesStable(this.waiterClient, cluster, serviceNames, options);
  }

  async tasks(cluster: string, serviceName: string): Promise<TaskRecord[]> {
    const ids: string[] = [];
    for (const desiredStatus of ['RUNNING', 'STOPPED'] as const) {
      const out = await awsCall('ecs:ListTasks', `service/${cluster}/${serviceName}`, () =>
        this.ecs.send(new ListTasksCommand({ cluster, serviceName, desiredStatus })));
      ids.push(...(out.taskArns ?? []));
    }
    if (ids.length === 0) return [];
    const out = await awsCall('ecs:DescribeTasks', `cluster/${cluster}`, () =>
      this.ecs.send(new DescribeTasksCommand({ cluster, tasks: ids.slice(0, 100) })));
    return (out.tasks ?? []).map((t) => ({
      id: (t.taskArn ?? '').split('/').pop() ?? '',
      lastStatus: t.lastStatus ?? '',
      desiredStatus: t.desiredStatus ?? '',
      ...(t.healthStatus ? { health: t.healthStatus } : {}),
      taskDefinitionArn: t.taskDefinitionArn ?? '',
      ...(t.stoppedReason ? { stoppedReason: t.stoppedReason } : {}),
      containers: (t.containers ?? []).map((c) => ({
        name: c.name ?? '',
        ...(c.exitCode !== undefined ? { exitCode: c.exitCode } : {}),
        ...(c.reason ? { reason: c.reason } : {}),
      })),
    }));
  }
}
