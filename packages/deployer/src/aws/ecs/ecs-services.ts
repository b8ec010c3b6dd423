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
  type ECSClient,
} from '@aws-sdk/client-ecs';
import type { EcsPort, ServiceInput, ServiceRecord, ServiceUpdate, TaskRecord } from '../../ports/index.js';
import { allPages, awsCall, awsFind } from '../call.js';
import { lowerKeyValue, STACK_TAG, type Tags } from '../tags.js';
import { EcsClustersAndTaskDefinitions } from './ecs-clusters.js';
import { createServiceInput, fromService, updateServiceInput } from './service-shapes.js';

/** A service that is being deleted: still listed, not yet INACTIVE. */
const LIVE = new Set(['ACTIVE', 'DRAINING']);

export class EcsServices extends EcsClustersAndTaskDefinitions implements EcsPort {
  constructor(ecs: ECSClient) {
    super(ecs);
  }

  async services(cluster: string, names: readonly string[], stack: string): Promise<ServiceRecord[]> {
    const arns = await allPages(
      (nextToken) => awsFind('ecs:ListServices', `cluster/${cluster}`, ['ClusterNotFoundException'], () =>
        this.ecs.send(new ListServicesCommand({ cluster, nextToken }))),
      (p) => p?.serviceArns, (p) => p?.nextToken,
    );
    const out = await this.describeServices(cluster, arns);
    const wanted = new Set(names);
    return out.filter((s) => LIVE.has(s.status) && (wanted.has(s.serviceName) || s.tags[STACK_TAG] === stack));
  }

  async describeServices(cluster: string, names: readonly string[]): Promise<ServiceRecord[]> {
    const out: ServiceRecord[] = [];
    for (let i = 0; i < names.length; i += 10) {
      const res = await awsFind('ecs:DescribeServices', `cluster/${cluster}`, ['ClusterNotFoundException'], () =>
        this.ecs.send(new DescribeServicesCommand({ cluster, services: names.slice(i, i + 10), include: ['TAGS'] })));
      out.push(...(res?.services ?? []).map(fromService));
    }
    return out;
  }

  async createService(input: ServiceInput, tags: Tags, clientToken: string): Promise<string> {
    const out = await awsCall('ecs:CreateService', `service/${input.cluster}/${input.serviceName}`, () =>
      this.ecs.send(new CreateServiceCommand(createServiceInput(input, lowerKeyValue(tags), clientToken))));
    return out.service?.serviceArn ?? '';
  }

  async updateService(update: ServiceUpdate): Promise<void> {
    await awsCall('ecs:UpdateService', `service/${update.cluster}/${update.serviceName}`, () =>
      this.ecs.send(new UpdateServiceCommand(updateServiceInput(update))));
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
