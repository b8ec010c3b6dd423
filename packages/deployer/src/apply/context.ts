// What step handlers share: the desired and observed stacks, the ports, and the
// ids and ARNs resolved so far (seeded from what AWS had, filled in as steps run).
import type { Clock } from '../clock.js';
import type { EmitEvent } from '../events/index.js';
import type { ImagePublisher } from '../image/index.js';
import type { DesiredStack, ObservedStack } from '../plan/index.js';
import type { AwsPorts } from '../ports/index.js';

export class Refs {
  roleArn?: string;
  namespaceArn?: string;
  namespaceId?: string;
  loadBalancerArn?: string;
  loadBalancerDns?: string;
  readonly repositoryUris = new Map<string, string>();
  readonly securityGroupIds = new Map<string, string>();
  readonly targetGroupArns = new Map<string, string>();
  readonly listenerArns = new Map<string, string>();
  /** family -> ARN of the revision services should run. */
  readonly taskDefinitionArns = new Map<string, string>();
  readonly serviceArns = new Map<string, string>();
  /** Services given a new deployment outside their plan step (Service Connect start order). */
  readonly restartedServices = new Set<string>();

  static from(o: ObservedStack): Refs {
    const r = new Refs();
    if (o.role) r.roleArn = o.role.arn;
    if (o.namespace) { r.namespaceArn = o.namespace.arn; r.namespaceId = o.namespace.id; }
    if (o.loadBalancer) { r.loadBalancerArn = o.loadBalancer.arn; r.loadBalancerDns = o.loadBalancer.dnsName; }
    for (const x of Object.values(o.repositories)) r.repositoryUris.set(x.name, x.uri);
    for (const x of Object.values(o.securityGroups)) r.securityGroupIds.set(x.name, x.id);
    for (const x of Object.values(o.targetGroups)) r.targetGroupArns.set(x.name, x.arn);
    for (const x of Object.values(o.listeners)) r.listenerArns.set(String(x.port), x.arn);
    for (const x of Object.values(o.taskDefinitions)) r.taskDefinitionArns.set(x.family, x.arn);
    for (const x of Object.values(o.services)) r.serviceArns.set(x.serviceName, x.arn);
    return r;
  }

  need<T>(value: T | undefined, what: string): T {
    if (value === undefined) throw new Error(`internal: ${what} is not known yet (plan order violated)`);
    return value;
  }

  groupId(name: string): string {
    return this.need(this.securityGroupIds.get(name), `security group ${name}`);
  }

  targetGroupArn(name: string): string {
    return this.need(this.targetGroupArns.get(name), `target group ${name}`);
  }
}

export interface ApplyContext {
  readonly desired: DesiredStack;
  readonly observed: ObservedStack;
  readonly ports: AwsPorts;
  readonly refs: Refs;
  readonly emit: EmitEvent;
  readonly clock: Clock;
  /** Builds and pushes images; absent with --skip-push. */
  readonly images?: ImagePublisher;
  /** Bounds for deletes that must wait for AWS (drains, ENIs). */
  readonly deleteTimeoutMs: number;
}
