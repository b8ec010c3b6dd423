// ECS clusters and task definitions.
import {
  CreateClusterCommand,
  DeleteClusterCommand,
  DeleteTaskDefinitionsCommand,
  DeregisterTaskDefinitionCommand,
  DescribeClustersCommand,
  DescribeTaskDefinitionCommand,
  ListTaskDefinitionsCommand,
  RegisterTaskDefinitionCommand,
  type ECSClient,
} from '@aws-sdk/client-ecs';
import type { TaskDefinitionContent } from '../../plan/desired-types.js';
import type { ClusterRecord, TaskDefinitionRecord } from '../../ports/index.js';
import { allPages, awsCall, awsFind } from '../call.js';
import { fromKeyValue, lowerKeyValue, STACK_TAG, type Tags } from '../tags.js';
import { fromTaskDefinition, toRegisterInput } from './task-definition-content.js';

export class EcsClustersAndTaskDefinitions {
  constructor(protected readonly ecs: ECSClient) {}

  async findCluster(name: string): Promise<ClusterRecord | undefined> {
    const out = await awsCall('ecs:DescribeClusters', `cluster/${name}`, () =>
      this.ecs.send(new DescribeClustersCommand({ clusters: [name], include: ['TAGS'] })));
    const c = out.clusters?.find((x) => x.clusterName === name && x.status === 'ACTIVE');
    return c ? { name, arn: c.clusterArn ?? '', tags: fromKeyValue(c.tags) } : undefined;
  }

  async createCluster(name: string, tags: Tags): Promise<string> {
    const out = await awsCall('ecs:CreateCluster', `cluster/${name}`, () =>
      this.ecs.send(new CreateClusterCommand({ clusterName: name, tags: lowerKeyValue(tags) })));
    return out.cluster?.clusterArn ?? '';
  }

  async deleteCluster(name: string): Promise<void> {
    await awsFind('ecs:DeleteCluster', `cluster/${name}`, ['ClusterNotFoundException'], () =>
      this.ecs.send(new DeleteClusterCommand({ cluster: name })));
  }

  async latestTaskDefinition(family: string): Promise<TaskDefinitionRecord | undefined> {
    const out = await awsFind('ecs:DescribeTaskDefinition', `task-definition/${family}`, ['ClientException'], () =>
      this.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: family, include: ['TAGS'] })));
    const td = out?.taskDefinition;
    if (!td || td.status !== 'ACTIVE') return undefined;
    return { family, arn: td.taskDefinitionArn ?? '', revision: td.revision ?? 0, content: fromTaskDefinition(td), tags: fromKeyValue(out.tags) };
  }

  async ownedRevisions(family: string, stack: string): Promise<string[]> {
    const owned: string[] = [];
    for (const arn of await this.activeRevisions(family)) {
      const out = await awsFind('ecs:DescribeTaskDefinition', arn, ['ClientException'], () =>
        this.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn, include: ['TAGS'] })));
      if (fromKeyValue(out?.tags)[STACK_TAG] === stack) owned.push(arn);
    }
    return owned;
  }

  private async activeRevisions(family: string): Promise<string[]> {
    const arns = await allPages(
      (nextToken) => awsCall('ecs:ListTaskDefinitions', `task-definition/${family}`, () =>
        this.ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: family, status: 'ACTIVE', nextToken }))),
      (p) => p.taskDefinitionArns, (p) => p.nextToken,
    );
    // familyPrefix matches prefixes: keep this family only.
    return arns.filter((a) => a.slice(a.lastIndexOf('/') + 1).replace(/:\d+$/, '') === family);
  }

  async registerTaskDefinition(content: TaskDefinitionContent, tags: Tags): Promise<{ arn: string; revision: number }> {
    const out = await awsCall('ecs:RegisterTaskDefinition', `task-definition/${content.family}`, () =>
      this.ecs.send(new RegisterTaskDefinitionCommand({ ...toRegisterInput(content), tags: lowerKeyValue(tags) })));
    return { arn: out.taskDefinition?.taskDefinitionArn ?? '', revision: out.taskDefinition?.revision ?? 0 };
  }

  async deregisterTaskDefinitions(arns: readonly string[]): Promise<void> {
    for (const arn of arns) {
      await awsCall('ecs:DeregisterTaskDefinition', arn, () => this.ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: arn })));
    }
    // Deregistered revisions stay INACTIVE forever unless deleted (10 per call).
    for (let i = 0; i < arns.length; i += 10) {
      const batch = arns.slice(i, i + 10);
      await awsCall('ecs:DeleteTaskDefinitions', batch[0]!, () => this.ecs.send(new DeleteTaskDefinitionsCommand({ taskDefinitions: batch })));
    }
  }
}
