// Everything still in the account that carries the stack's tag, or that the
// stack's names point at: for "destroy leaves nothing behind".
import { DescribeScalableTargetsCommand } from '@aws-sdk/client-application-auto-scaling';
import { DescribeRepositoriesCommand } from '@aws-sdk/client-ecr';
import { DescribeClustersCommand, DescribeServicesCommand, ListTaskDefinitionsCommand } from '@aws-sdk/client-ecs';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { ListNamespacesCommand } from '@aws-sdk/client-servicediscovery';
import { MOTO_CREDENTIALS } from '../testing/index.js';
import { REGION, type Harness } from './moto-harness.js';

export async function leftovers(h: Harness, stack = 'ecs-tutorial'): Promise<string[]> {
  const out: string[] = [];
  // moto's tagging API covers ECS, ELBv2, EC2, Logs; not IAM, ECR, Cloud Map or App Auto Scaling.
  const tagging = new ResourceGroupsTaggingAPIClient({ region: REGION, endpoint: h.moto.endpoint, credentials: MOTO_CREDENTIALS });
  const tagged = await tagging.send(new GetResourcesCommand({ TagFilters: [{ Key: 'ecs-twin:stack', Values: [stack] }] }));
  tagging.destroy();
  // Task definitions deleted by DeleteTaskDefinitions stay listed by moto as DELETE_IN_PROGRESS.
  // Deleted ECS services and clusters stay INACTIVE (and tagged) for a while, on AWS as on moto.
  for (const r of tagged.ResourceTagMappingList ?? []) {
    const arn = r.ResourceARN ?? '?';
    if (arn.includes(':task-definition/')) continue;
    if (arn.includes(':service/') && (await serviceStatus(h, arn)) === 'INACTIVE') continue;
    if (arn.includes(':cluster/') && (await clusterStatus(h, arn)) === 'INACTIVE') continue;
    out.push(arn);
  }
  const active = await h.clients.ecs.send(new ListTaskDefinitionsCommand({ status: 'ACTIVE' }));
  out.push(...(active.taskDefinitionArns ?? []));
  try {
    await h.clients.iam.send(new GetRoleCommand({ RoleName: 'ecs-task-execution-role' }));
    out.push('role ecs-task-execution-role');
  } catch (e) {
    if ((e as Error).name !== 'NoSuchEntityException' && (e as Error).name !== 'NoSuchEntity') throw e;
  }
  const repos = await h.clients.ecr.send(new DescribeRepositoriesCommand({}));
  out.push(...(repos.repositories ?? []).map((r) => `repository ${r.repositoryName}`));
  const namespaces = await h.clients.serviceDiscovery.send(new ListNamespacesCommand({}));
  out.push(...(namespaces.Namespaces ?? []).map((n) => `namespace ${n.Name}`));
  const targets = await h.clients.autoScaling.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs' }));
  out.push(...(targets.ScalableTargets ?? []).map((t) => `scalable target ${t.ResourceId}`));
  return out;
}

async function serviceStatus(h: Harness, arn: string): Promise<string | undefined> {
  const cluster = arn.split('/').slice(-2)[0];
  const out = await h.clients.ecs.send(new DescribeServicesCommand({ cluster, services: [arn] }));
  return out.services?.[0]?.status;
}

async function clusterStatus(h: Harness, arn: string): Promise<string | undefined> {
  const out = await h.clients.ecs.send(new DescribeClustersCommand({ clusters: [arn] }));
  return out.clusters?.[0]?.status;
}
