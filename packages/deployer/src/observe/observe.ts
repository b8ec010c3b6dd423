// observe(): what AWS has for a stack, looked up by the manifest's names and by
// the stack's tag, as an ObservedStack of plain data. Read-only calls only.
import { imageRef, mainContainer, scalableResourceId, type Stack } from '@ecs-twin/manifest';
import { ownedBy, type Tags } from '../aws/tags.js';
import { emptyObserved, type ObservedStack, type ObservedTaskDefinition } from '../plan/index.js';
import type { AwsPorts } from '../ports/index.js';
import { resolveNetwork } from './resolve-network.js';
import { toObservedListener, toObservedLoadBalancer, toObservedSecurityGroup, toObservedService, type Names } from './translate.js';

export interface ObserveOptions {
  readonly region: string;
  /** Look up images in ECR (not needed with --skip-push). */
  readonly images?: boolean;
  /** List every active task-definition revision (destroy deletes them all). */
  readonly allRevisions?: boolean;
}

const byName = <T extends { name: string }>(xs: readonly T[]) => Object.fromEntries(xs.map((x) => [x.name, x]));

export async function observe(stack: Stack, ports: AwsPorts, o: ObserveOptions): Promise<ObservedStack> {
  const s = stack.stack;
  const own = (tags: Tags) => ownedBy(tags, s);
  const account = await ports.identity.accountId();
  const network = resolveNetwork(stack.network.vpc, await ports.network.findVpc(stack.network.vpc), stack.network.subnets);
  const built = stack.services.filter((x) => x.build).map((x) => mainContainer(x, x.taskDefinition).image);
  const repoNames = [...new Set(built.map((i) => i.repository))];
  const logGroupNames = [...new Set(stack.services.flatMap((x) => x.taskDefinition.containers.map((c) => c.logConfiguration.group)))];

  const [role, repos, logGroups, cluster, namespace, groups, lb, targetGroups, tds, services] = await Promise.all([
    ports.roles.find(stack.executionRole.name),
    Promise.all(repoNames.map((n) => ports.repositories.find(n))),
    Promise.all(logGroupNames.map((n) => ports.logGroups.find(n))),
    ports.ecs.findCluster(stack.cluster.name),
    ports.namespaces.find(stack.serviceConnect.namespace),
    ports.network.securityGroups(network.vpcId, stack.network.securityGroups.map((g) => g.name), s),
    ports.loadBalancing.findLoadBalancer(stack.loadBalancer.name),
    ports.loadBalancing.targetGroups(stack.loadBalancer.targetGroups.map((t) => t.name), s),
    Promise.all(stack.services.map((x) => taskDefinition(ports, x.taskDefinition.family, s, o.allRevisions ?? false))),
    ports.ecs.services(stack.cluster.name, stack.services.map((x) => x.serviceName), s),
  ]);
  const presentRepos = repos.filter((r) => r !== undefined);
  const images = o.images
    ? (await Promise.all(built.filter((i) => presentRepos.some((r) => r.name === i.repository))
        .map(async (i) => ((await ports.repositories.hasImage(i.repository, i.tag)) ? [imageRef(i)] : []))))
        .flat()
    : [];
  const listeners = lb ? await ports.loadBalancing.listeners(lb.arn) : [];

  const names: Names = {
    securityGroups: new Map(groups.map((g) => [g.id, g.name])),
    targetGroups: new Map(targetGroups.map((t) => [t.arn, t.name])),
    namespaces: new Map(namespace ? [[namespace.arn, namespace.name]] : []),
  };
  const observedServices = services.filter((x) => x.status === 'ACTIVE').map((x) => toObservedService(x, names, s));
  const draining = services.filter((x) => x.status === 'DRAINING').map((x) => x.serviceName);
  const ownedServices = observedServices.filter((x) => x.ownership === 'stack');
  const resourceIds = ownedServices.map((x) => scalableResourceId(stack.cluster.name, x.serviceName));
  const [targets, policies] = await Promise.all([ports.scaling.targets(resourceIds), ports.scaling.policies(resourceIds)]);
  const serviceOf = (resourceId: string) => resourceId.split('/').pop() ?? resourceId;

  return {
    ...emptyObserved(account, o.region, network),
    ...(role ? { role: { ...own(role.tags), name: role.name, arn: role.arn, trustedServices: role.trustedServices, managedPolicies: role.managedPolicies } } : {}),
    repositories: byName(presentRepos.map((r) => ({ ...own(r.tags), name: r.name, uri: r.uri }))),
    images,
    logGroups: byName(logGroups.filter((g) => g !== undefined).map((g) => ({ ...own(g.tags), name: g.name }))),
    ...(cluster ? { cluster: { ...own(cluster.tags), name: cluster.name, arn: cluster.arn } } : {}),
    ...(namespace ? { namespace: { ...own(namespace.tags), name: namespace.name, id: namespace.id, arn: namespace.arn } } : {}),
    securityGroups: byName(groups.map((g) => toObservedSecurityGroup(g, names, s))),
    ...(lb ? { loadBalancer: toObservedLoadBalancer(lb, names, s) } : {}),
    targetGroups: byName(targetGroups.map((t) => {
      const { tags, ...rest } = t;
      return { ...rest, ...own(tags) };
    })),
    listeners: Object.fromEntries(listeners.map((l) => [String(l.port), toObservedListener(l, names, s)])),
    taskDefinitions: Object.fromEntries(tds.filter((t) => t !== undefined).map((t) => [t.family, t])),
    services: Object.fromEntries(observedServices.map((x) => [x.serviceName, x])),
    drainingServices: draining,
    scalableTargets: Object.fromEntries(targets.map((t) => [serviceOf(t.resourceId), { ...t, serviceName: serviceOf(t.resourceId) }])),
    scalingPolicies: Object.fromEntries(policies.map((p) => [`${serviceOf(p.resourceId)}/${p.policyName}`, { ...p, serviceName: serviceOf(p.resourceId) }])),
  };
}

async function taskDefinition(ports: AwsPorts, family: string, stack: string, allRevisions: boolean): Promise<ObservedTaskDefinition | undefined> {
  const td = await ports.ecs.latestTaskDefinition(family);
  if (!td) return undefined;
  return {
    ...ownedBy(td.tags, stack),
    family,
    arn: td.arn,
    revision: td.revision,
    content: td.content,
    // Destroy deletes only the revisions this stack registered, never hand-made ones of the same family.
    activeRevisions: allRevisions ? await ports.ecs.ownedRevisions(family, stack) : [td.arn],
  };
}
