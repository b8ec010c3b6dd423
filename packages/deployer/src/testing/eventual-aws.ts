// An in-memory AWS behind the deployer's ports that behaves the way real AWS does
// and moto does not: eventually consistent, with deployments that fail or roll
// back. Each behaviour is scripted per test. Errors are the typed errors the real
// adapters throw (AwsCallError with AWS's code and message).
import type { Clock } from '../clock.js';
import { AwsCallError } from '../errors/index.js';
import type {
  AwsPorts,
  DeploymentRecord,
  ScalableTargetRecord,
  ScalingPolicyRecord,
  ServiceInput,
  ServiceRecord,
  ServiceUpdate,
  TargetGroupRecord,
  TaskDefinitionRecord,
} from '../ports/index.js';
import type { Tags } from '../aws/tags.js';
import { ACCOUNT, NETWORK } from './observed-from-desired.js';

/** A clock whose sleeps return at once and move time forward. */
export class FakeClock implements Clock {
  constructor(public t = 0) {}
  now(): number { return this.t; }
  async sleep(ms: number): Promise<void> { this.t += ms; }
}

/** How a new deployment (CreateService, or UpdateService with a new revision) ends. */
export type RolloutScript =
  /** IN_PROGRESS for `polls` DescribeServices answers, then COMPLETED. */
  | { readonly kind: 'completes'; readonly polls: number }
  /** The circuit breaker marks it FAILED after `polls`; no task stays running. */
  | { readonly kind: 'fails'; readonly polls: number; readonly reason: string; readonly stoppedReason: string }
  /** After `polls` ECS rolls back: the previous revision is PRIMARY again and COMPLETED. */
  | { readonly kind: 'rolls-back'; readonly polls: number };

export interface EventualScript {
  /** CreateService answers "Unable to assume the service linked role" this many times first. */
  readonly serviceLinkedRoleErrors?: number;
  /** DeleteSecurityGroup answers DependencyViolation this many times per group first. */
  readonly securityGroupDependencyViolations?: number;
  /** A deleted service stays DRAINING for this many DescribeServices answers. */
  readonly drainingPolls?: number;
  /** Scripted rollouts, used one after another (the last one repeats). */
  readonly rollouts?: readonly RolloutScript[];
  /** Targets become healthy this many DescribeTargetHealth answers after registration. */
  readonly healthyAfterPolls?: number;
}

interface FakeService {
  name: string;
  arn: string;
  status: 'ACTIVE' | 'DRAINING' | 'INACTIVE';
  input: ServiceInput;
  taskDefinitionArn: string;
  desiredCount: number;
  tags: Tags;
  deployments: { taskDefinitionArn: string; state: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED'; reason?: string; status: 'PRIMARY' | 'ACTIVE' }[];
  script?: RolloutScript;
  polls: number;
  drainPolls: number;
  previous?: string;
  stoppedReasons: string[];
  healthPolls: number;
}

const error = (action: string, resource: string, code: string, message: string) => new AwsCallError(action, resource, code, message);

export const SLR_MESSAGE = 'Unable to assume the service linked role. Please verify that the ECS service linked role exists.';

export class EventualAws {
  readonly calls: string[] = [];
  readonly services = new Map<string, FakeService>();
  private readonly groups = new Map<string, { id: string; name: string; vpcId: string; description: string; ingress: { port: number; cidr?: string; groupId?: string }[]; tags: Tags; violations: number }>();
  private readonly targetGroups = new Map<string, TargetGroupRecord>();
  private readonly taskDefinitions = new Map<string, TaskDefinitionRecord[]>();
  private readonly roles = new Map<string, { name: string; arn: string; tags: Tags; trustedServices: string[]; managedPolicies: string[] }>();
  private readonly clusters = new Map<string, { name: string; arn: string; tags: Tags }>();
  private readonly namespaces = new Map<string, { name: string; id: string; arn: string; tags: Tags }>();
  private readonly logGroups = new Map<string, { name: string; tags: Tags }>();
  private lb?: { name: string; arn: string; dnsName: string; scheme: string; securityGroupIds: string[]; subnetIds: string[]; idleTimeoutSeconds: number; tags: Tags };
  private readonly listeners = new Map<string, { arn: string; port: number; protocol: string; targetGroupArn: string; tags: Tags }>();
  private readonly repositories = new Map<string, { name: string; uri: string; tags: Tags }>();
  private readonly scalableTargets = new Map<string, ScalableTargetRecord>();
  private readonly policies = new Map<string, ScalingPolicyRecord>();
  private slrErrors: number;
  private rolloutIndex = 0;
  private seq = 0;

  constructor(readonly script: EventualScript = {}) {
    this.slrErrors = script.serviceLinkedRoleErrors ?? 0;
  }

  /** Mutating calls made so far. */
  get mutating(): string[] {
    return this.calls.filter((c) => !/^(describe|find|list|get|target-health|services|tasks|latest|active)/i.test(c));
  }

  private id(prefix: string): string {
    this.seq += 1;
    return `${prefix}-${this.seq}`;
  }

  private nextRollout(): RolloutScript {
    const all = this.script.rollouts ?? [{ kind: 'completes', polls: 1 }];
    const r = all[Math.min(this.rolloutIndex, all.length - 1)]!;
    this.rolloutIndex += 1;
    return r;
  }

  private deploy(s: FakeService, taskDefinitionArn: string): void {
    for (const d of s.deployments) d.status = 'ACTIVE';
    s.previous = s.taskDefinitionArn !== taskDefinitionArn ? s.taskDefinitionArn : s.previous;
    s.taskDefinitionArn = taskDefinitionArn;
    s.deployments.unshift({ taskDefinitionArn, state: 'IN_PROGRESS', status: 'PRIMARY' });
    s.script = this.nextRollout();
    s.polls = 0;
    s.healthPolls = 0;
  }

  /** One DescribeServices answer moves each scripted rollout one step on. */
  private advance(s: FakeService): void {
    if (s.status === 'DRAINING') {
      s.drainPolls += 1;
      if (s.drainPolls > (this.script.drainingPolls ?? 0)) s.status = 'INACTIVE';
      return;
    }
    const primary = s.deployments[0];
    if (!primary || primary.state !== 'IN_PROGRESS' || !s.script) return;
    s.polls += 1;
    if (s.polls < s.script.polls) return;
    if (s.script.kind === 'completes') {
      primary.state = 'COMPLETED';
      s.deployments = [primary];
    } else if (s.script.kind === 'fails') {
      primary.state = 'FAILED';
      primary.reason = `ECS deployment ${s.name}-d circuit breaker: tasks failed to start. ${s.script.reason}`;
      s.stoppedReasons.push(s.script.stoppedReason);
    } else {
      const back = s.previous ?? s.taskDefinitionArn;
      s.taskDefinitionArn = back;
      s.deployments = [{ taskDefinitionArn: back, state: 'COMPLETED', status: 'PRIMARY', reason: 'ECS deployment circuit breaker: rolling back to the previous deployment.' }];
    }
  }

  private record(s: FakeService): ServiceRecord {
    const primary = s.deployments[0];
    const running = s.status !== 'ACTIVE' ? 0
      : primary?.state === 'FAILED' ? 0
        : primary?.state === 'COMPLETED' ? s.desiredCount : 0;
    const deployments: DeploymentRecord[] = s.deployments.map((d) => ({
      status: d.status, taskDefinitionArn: d.taskDefinitionArn, rolloutState: d.state,
      ...(d.reason ? { rolloutStateReason: d.reason } : {}),
      running: d.status === 'PRIMARY' ? running : 0, desired: s.desiredCount, failedTasks: d.state === 'FAILED' ? 3 : 0,
    }));
    return {
      serviceName: s.name, arn: s.arn, status: s.status, taskDefinitionArn: s.taskDefinitionArn,
      desiredCount: s.desiredCount, runningCount: running, pendingCount: 0, launchType: 'FARGATE', platformVersion: s.input.platformVersion,
      network: { subnets: [...s.input.subnets], securityGroups: [...s.input.securityGroupIds], assignPublicIp: s.input.assignPublicIp },
      loadBalancers: s.input.loadBalancers, deployments,
      events: primary?.state === 'FAILED' ? [`(service ${s.name}) deployment failed: tasks failed to start.`] : [`(service ${s.name}) has started 1 tasks.`],
      tags: s.tags,
    };
  }

  ports(): AwsPorts {
    const log = (c: string) => this.calls.push(c);
    return {
      identity: { accountId: async () => ACCOUNT },
      roles: {
        find: async (name) => { log('find role'); return this.roles.get(name); },
        create: async (name, trustedService, tags) => {
          log('CreateRole');
          const arn = `arn:aws:iam::${ACCOUNT}:role/${name}`;
          this.roles.set(name, { name, arn, tags, trustedServices: [trustedService], managedPolicies: [] });
          return arn;
        },
        setTrust: async () => { log('UpdateAssumeRolePolicy'); },
        attachPolicy: async (name, p) => { log('AttachRolePolicy'); this.roles.get(name)!.managedPolicies.push(p); this.roles.get(name)!.managedPolicies.sort(); },
        detachPolicy: async () => { log('DetachRolePolicy'); },
        delete: async (name) => { log('DeleteRole'); this.roles.delete(name); },
        ensureServiceLinkedRole: async () => { log('CreateServiceLinkedRole'); },
      },
      repositories: {
        find: async (name) => this.repositories.get(name),
        create: async (name, tags) => {
          log('CreateRepository');
          const r = { name, uri: `${ACCOUNT}.dkr.ecr/${name}`, tags };
          this.repositories.set(name, r);
          return r;
        },
        hasImage: async () => true,
        authorization: async () => ({ registry: 'r', username: 'u', password: 'p' }),
        delete: async (name) => { log('DeleteRepository'); this.repositories.delete(name); },
      },
      logGroups: {
        find: async (name) => { log('find log group'); return this.logGroups.get(name); },
        create: async (name, tags) => { log('CreateLogGroup'); this.logGroups.set(name, { name, tags }); },
        delete: async (name) => { log('DeleteLogGroup'); this.logGroups.delete(name); },
      },
      network: {
        findVpc: async () => ({ vpcId: NETWORK.vpcId, subnets: [{ id: 'subnet-a', zone: 'us-west-1a', defaultForAz: true }, { id: 'subnet-b', zone: 'us-west-1b', defaultForAz: true }] }),
        securityGroups: async () => { log('describe security groups'); return [...this.groups.values()].map(({ violations: _v, ...g }) => g); },
        createSecurityGroup: async (vpcId, name, description, tags) => {
          log('CreateSecurityGroup');
          const id = this.id('sg');
          this.groups.set(id, { id, name, vpcId, description, ingress: [], tags, violations: this.script.securityGroupDependencyViolations ?? 0 });
          return id;
        },
        authorize: async (id, rules) => { log('AuthorizeSecurityGroupIngress'); this.groups.get(id)!.ingress.push(...rules); },
        revoke: async (id, rules) => {
          log('RevokeSecurityGroupIngress');
          const g = this.groups.get(id)!;
          const key = (r: { port: number; cidr?: string; groupId?: string }) => `${r.port}/${r.cidr ?? r.groupId}`;
          g.ingress = g.ingress.filter((r) => !rules.some((x) => key(x) === key(r)));
        },
        deleteSecurityGroup: async (id) => {
          log('DeleteSecurityGroup');
          const g = this.groups.get(id)!;
          if (g.violations > 0) {
            g.violations -= 1;
            throw error('ec2:DeleteSecurityGroup', id, 'DependencyViolation', `resource ${id} has a dependent object`);
          }
          this.groups.delete(id);
        },
      },
      loadBalancing: {
        findLoadBalancer: async () => { log('find load balancer'); return this.lb; },
        createLoadBalancer: async (input, tags) => {
          log('CreateLoadBalancer');
          this.lb = { name: input.name, arn: `arn:lb/${input.name}`, dnsName: 'alb.example', scheme: input.scheme, securityGroupIds: [...input.securityGroupIds], subnetIds: [...input.subnetIds], idleTimeoutSeconds: input.idleTimeoutSeconds, tags };
          return this.lb;
        },
        setSecurityGroups: async () => { log('SetSecurityGroups'); },
        setSubnets: async () => { log('SetSubnets'); },
        setIdleTimeout: async () => { log('ModifyLoadBalancerAttributes'); },
        tag: async () => { log('AddTags'); },
        deleteLoadBalancer: async () => { log('DeleteLoadBalancer'); this.lb = undefined as never; },
        targetGroups: async () => { log('describe target groups'); return [...this.targetGroups.values()]; },
        createTargetGroup: async (input, tags) => {
          log('CreateTargetGroup');
          const arn = `arn:tg/${input.name}`;
          this.targetGroups.set(arn, { ...input, arn, tags });
          return arn;
        },
        modifyTargetGroup: async () => { log('ModifyTargetGroup'); },
        deleteTargetGroup: async (arn) => { log('DeleteTargetGroup'); this.targetGroups.delete(arn); },
        listeners: async () => { log('describe listeners'); return [...this.listeners.values()]; },
        createListener: async (_lb, port, protocol, targetGroupArn, tags) => {
          log('CreateListener');
          const arn = `arn:listener/${port}`;
          this.listeners.set(arn, { arn, port, protocol, targetGroupArn, tags });
          return arn;
        },
        modifyListener: async () => { log('ModifyListener'); },
        deleteListener: async (arn) => { log('DeleteListener'); this.listeners.delete(arn); },
        targetHealth: async (tgArn) => {
          log('target-health');
          const s = [...this.services.values()].find((x) => x.status === 'ACTIVE' && x.input.loadBalancers.some((l) => l.targetGroupArn === tgArn));
          if (!s || s.deployments[0]?.state !== 'COMPLETED') return [];
          s.healthPolls += 1;
          const healthy = s.healthPolls > (this.script.healthyAfterPolls ?? 0);
          return Array.from({ length: s.desiredCount }, (_, i) => ({ id: `10.0.0.${i + 1}`, port: 3000, state: healthy ? 'healthy' : 'initial', ...(healthy ? {} : { reason: 'Elb.InitialHealthChecking' }) }));
        },
      },
      ecs: {
        findCluster: async (name) => { log('find cluster'); return this.clusters.get(name); },
        createCluster: async (name, tags) => { log('CreateCluster'); const arn = `arn:cluster/${name}`; this.clusters.set(name, { name, arn, tags }); return arn; },
        deleteCluster: async (name) => { log('DeleteCluster'); this.clusters.delete(name); },
        latestTaskDefinition: async (family) => { log('latest task definition'); return this.taskDefinitions.get(family)?.at(-1); },
        ownedRevisions: async (family, stack) => {
          log('active revisions');
          return (this.taskDefinitions.get(family) ?? []).filter((t) => t.tags['ecs-twin:stack'] === stack).map((t) => t.arn);
        },
        registerTaskDefinition: async (content, tags) => {
          log('RegisterTaskDefinition');
          const list = this.taskDefinitions.get(content.family) ?? [];
          const revision = list.length + 1;
          const arn = `arn:aws:ecs:us-west-1:${ACCOUNT}:task-definition/${content.family}:${revision}`;
          list.push({ family: content.family, arn, revision, content, tags });
          this.taskDefinitions.set(content.family, list);
          return { arn, revision };
        },
        deregisterTaskDefinitions: async (arns) => {
          log('DeregisterTaskDefinition');
          for (const [f, list] of this.taskDefinitions) this.taskDefinitions.set(f, list.filter((t) => !arns.includes(t.arn)));
        },
        services: async () => { log('services'); return [...this.services.values()].filter((s) => s.status !== 'INACTIVE').map((s) => this.record(s)); },
        describeServices: async (_cluster, names) => {
          log('describe services');
          const out: ServiceRecord[] = [];
          for (const n of names) {
            const s = this.services.get(n);
            if (!s) continue;
            this.advance(s);
            out.push(this.record(s));
          }
          return out;
        },
        createService: async (input, tags, clientToken) => {
          log('CreateService');
          if (!clientToken) throw error('ecs:CreateService', input.serviceName, 'InvalidParameterException', 'clientToken expected by this fake');
          if (this.slrErrors > 0) {
            this.slrErrors -= 1;
            throw error('ecs:CreateService', input.serviceName, 'InvalidParameterException', SLR_MESSAGE);
          }
          const existing = this.services.get(input.serviceName);
          if (existing && existing.status !== 'INACTIVE') {
            throw error('ecs:CreateService', input.serviceName, 'InvalidParameterException', 'Creation of service was not idempotent.');
          }
          const s: FakeService = {
            name: input.serviceName, arn: `arn:service/${input.serviceName}`, status: 'ACTIVE', input, taskDefinitionArn: '',
            desiredCount: input.desiredCount ?? 1, tags, deployments: [], polls: 0, drainPolls: 0, stoppedReasons: [], healthPolls: 0,
          };
          this.services.set(input.serviceName, s);
          this.deploy(s, input.taskDefinitionArn);
          return s.arn;
        },
        updateService: async (u: ServiceUpdate) => {
          log(`UpdateService ${Object.keys(u).filter((k) => k !== 'cluster' && k !== 'serviceName').sort().join(',')}`);
          const s = this.services.get(u.serviceName)!;
          if (u.desiredCount !== undefined) s.desiredCount = u.desiredCount;
          if (u.taskDefinitionArn && (u.taskDefinitionArn !== s.taskDefinitionArn || u.forceNewDeployment)) this.deploy(s, u.taskDefinitionArn);
          else if (u.forceNewDeployment) this.deploy(s, s.taskDefinitionArn);
        },
        tagService: async () => { log('TagResource'); },
        scaleToZeroAndDelete: async (_cluster, name) => {
          log('DeleteService');
          const s = this.services.get(name);
          if (!s) return;
          s.desiredCount = 0;
          s.status = 'DRAINING';
          s.drainPolls = 0;
        },
        tasks: async (_cluster, name) => {
          log('tasks');
          const s = this.services.get(name);
          return (s?.stoppedReasons ?? []).map((r, i) => ({ id: `t${i}`, lastStatus: 'STOPPED', desiredStatus: 'STOPPED', taskDefinitionArn: s!.taskDefinitionArn, stoppedReason: r, containers: [] }));
        },
      },
      namespaces: {
        find: async (name) => { log('find namespace'); return this.namespaces.get(name); },
        create: async (name, tags) => { log('CreateHttpNamespace'); const ns = { name, id: 'ns-1', arn: 'arn:ns-1', tags }; this.namespaces.set(name, ns); return ns; },
        delete: async () => { log('DeleteNamespace'); this.namespaces.clear(); },
      },
      scaling: {
        targets: async (ids) => [...this.scalableTargets.values()].filter((t) => ids.includes(t.resourceId)),
        policies: async (ids) => [...this.policies.values()].filter((p) => ids.includes(p.resourceId)),
        registerTarget: async (resourceId, minCapacity, maxCapacity) => {
          log('RegisterScalableTarget');
          this.scalableTargets.set(resourceId, { resourceId, minCapacity, maxCapacity });
        },
        putPolicy: async (p) => { log('PutScalingPolicy'); this.policies.set(`${p.resourceId}/${p.policyName}`, { ...p }); },
        deletePolicy: async (resourceId, name) => { log('DeleteScalingPolicy'); this.policies.delete(`${resourceId}/${name}`); },
        deregisterTarget: async (resourceId) => { log('DeregisterScalableTarget'); this.scalableTargets.delete(resourceId); },
      },
    };
  }
}
