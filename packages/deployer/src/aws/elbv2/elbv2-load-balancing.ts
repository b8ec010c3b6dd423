// ELBv2: the application load balancer, its target groups and listeners.
import {
  AddTagsCommand,
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  DeleteListenerCommand,
  DeleteLoadBalancerCommand,
  DeleteTargetGroupCommand,
  DescribeListenersCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetHealthCommand,
  ModifyListenerCommand,
  ModifyLoadBalancerAttributesCommand,
  ModifyTargetGroupCommand,
  SetSecurityGroupsCommand,
  SetSubnetsCommand,
  waitUntilLoadBalancersDeleted,
  type ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type {
  ListenerRecord,
  LoadBalancerPort,
  LoadBalancerRecord,
  TargetGroupInput,
  TargetGroupRecord,
  TargetHealthRecord,
} from '../../ports/index.js';
import { allPages, awsCall, awsFind } from '../call.js';
import { keyValue, type Tags } from '../tags.js';
import { createTargetGroup, describeTargetGroups, healthCheckFields, modifyTargetGroupAttributes } from './target-groups.js';
import { tagsOf } from './elbv2-tags.js';

/**
 * "Already gone" codes. ELBv2 speaks the query protocol: the SDK reports the wire
 * code from botocore's `error.code` (TargetGroupNotFound), not the shape name
 * (TargetGroupNotFoundException). Both are listed in case a client ever maps them.
 */
const GONE = {
  loadBalancer: ['LoadBalancerNotFound', 'LoadBalancerNotFoundException'],
  targetGroup: ['TargetGroupNotFound', 'TargetGroupNotFoundException'],
  listener: ['ListenerNotFound', 'ListenerNotFoundException'],
} as const;

export class Elbv2LoadBalancing implements LoadBalancerPort {
  constructor(private readonly elb: ElasticLoadBalancingV2Client) {}

  async findLoadBalancer(name: string): Promise<LoadBalancerRecord | undefined> {
    const out = await awsFind('elasticloadbalancing:DescribeLoadBalancers', `loadbalancer/app/${name}`, GONE.loadBalancer, () =>
      this.elb.send(new DescribeLoadBalancersCommand({ Names: [name] })));
    const lb = out?.LoadBalancers?.[0];
    if (!lb?.LoadBalancerArn) return undefined;
    const arn = lb.LoadBalancerArn;
    const [tags, attrs] = await Promise.all([
      tagsOf(this.elb, [arn]),
      awsCall('elasticloadbalancing:DescribeLoadBalancerAttributes', arn, () =>
        this.elb.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: arn }))),
    ]);
    const idle = attrs.Attributes?.find((a) => a.Key === 'idle_timeout.timeout_seconds')?.Value;
    return {
      name,
      arn,
      dnsName: lb.DNSName ?? '',
      scheme: lb.Scheme ?? '',
      securityGroupIds: lb.SecurityGroups ?? [],
      subnetIds: (lb.AvailabilityZones ?? []).map((z) => z.SubnetId ?? ''),
      ...(idle !== undefined ? { idleTimeoutSeconds: Number(idle) } : {}),
      tags: tags.get(arn) ?? {},
    };
  }

  async createLoadBalancer(
    input: { name: string; scheme: string; subnetIds: readonly string[]; securityGroupIds: readonly string[]; idleTimeoutSeconds: number },
    tags: Tags,
  ): Promise<LoadBalancerRecord> {
    const out = await awsCall('elasticloadbalancing:CreateLoadBalancer', `loadbalancer/app/${input.name}`, () =>
      this.elb.send(new CreateLoadBalancerCommand({
        Name: input.name,
        Type: 'application',
        Scheme: input.scheme as 'internet-facing' | 'internal',
        IpAddressType: 'ipv4',
        Subnets: [...input.subnetIds],
        SecurityGroups: [...input.securityGroupIds],
        Tags: keyValue(tags),
      })));
    const lb = out.LoadBalancers?.[0];
    const arn = lb?.LoadBalancerArn ?? '';
    // 60 s is ALB's default: one call fewer in the common case.
    if (input.idleTimeoutSeconds !== 60) await this.setIdleTimeout(arn, input.idleTimeoutSeconds);
    return {
      name: input.name, arn, dnsName: lb?.DNSName ?? '', scheme: input.scheme,
      securityGroupIds: input.securityGroupIds, subnetIds: input.subnetIds, idleTimeoutSeconds: input.idleTimeoutSeconds, tags,
    };
  }

  async setSecurityGroups(arn: string, groupIds: readonly string[]): Promise<void> {
    await awsCall('elasticloadbalancing:SetSecurityGroups', arn, () =>
      this.elb.send(new SetSecurityGroupsCommand({ LoadBalancerArn: arn, SecurityGroups: [...groupIds] })));
  }

  async setSubnets(arn: string, subnetIds: readonly string[]): Promise<void> {
    await awsCall('elasticloadbalancing:SetSubnets', arn, () =>
      this.elb.send(new SetSubnetsCommand({ LoadBalancerArn: arn, Subnets: [...subnetIds] })));
  }

  async setIdleTimeout(arn: string, seconds: number): Promise<void> {
    await awsCall('elasticloadbalancing:ModifyLoadBalancerAttributes', arn, () =>
      this.elb.send(new ModifyLoadBalancerAttributesCommand({
        LoadBalancerArn: arn, Attributes: [{ Key: 'idle_timeout.timeout_seconds', Value: String(seconds) }],
      })));
  }

  async tag(arn: string, tags: Tags): Promise<void> {
    await awsCall('elasticloadbalancing:AddTags', arn, () => this.elb.send(new AddTagsCommand({ ResourceArns: [arn], Tags: keyValue(tags) })));
  }

  async deleteLoadBalancer(arn: string): Promise<void> {
    await awsFind('elasticloadbalancing:DeleteLoadBalancer', arn, GONE.loadBalancer, () =>
      this.elb.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: arn })));
    // Its network interfaces keep the security groups busy until it is gone.
    await awsCall('elasticloadbalancing:DescribeLoadBalancers', arn, () =>
      waitUntilLoadBalancersDeleted({ client: this.elb, maxWaitTime: 600, minDelay: 2, maxDelay: 15 }, { LoadBalancerArns: [arn] }));
  }

  targetGroups(names: readonly string[], stack: string): Promise<TargetGroupRecord[]> {
    return describeTargetGroups(this.elb, names, stack);
  }

  createTargetGroup(input: TargetGroupInput, tags: Tags): Promise<string> {
    return createTargetGroup(this.elb, input, tags);
  }

  async modifyTargetGroup(arn: string, input: TargetGroupInput): Promise<void> {
    await awsCall('elasticloadbalancing:ModifyTargetGroup', arn, () =>
      this.elb.send(new ModifyTargetGroupCommand({
        TargetGroupArn: arn,
        ...healthCheckFields(input.healthCheck),
      })));
    await modifyTargetGroupAttributes(this.elb, arn, input, true);
  }

  async deleteTargetGroup(arn: string): Promise<void> {
    await awsFind('elasticloadbalancing:DeleteTargetGroup', arn, GONE.targetGroup, () =>
      this.elb.send(new DeleteTargetGroupCommand({ TargetGroupArn: arn })));
  }

  async listeners(loadBalancerArn: string): Promise<ListenerRecord[]> {
    const ls = await allPages(
      (Marker) => awsCall('elasticloadbalancing:DescribeListeners', loadBalancerArn, () =>
        this.elb.send(new DescribeListenersCommand({ LoadBalancerArn: loadBalancerArn, Marker }))),
      (p) => p.Listeners, (p) => p.NextMarker,
    );
    const tags = await tagsOf(this.elb, ls.map((l) => l.ListenerArn ?? ''));
    return ls.map((l) => {
      const forward = l.DefaultActions?.find((a) => a.Type === 'forward');
      const tg = forward?.TargetGroupArn ?? forward?.ForwardConfig?.TargetGroups?.[0]?.TargetGroupArn;
      return { arn: l.ListenerArn ?? '', port: l.Port ?? 0, protocol: l.Protocol ?? '', ...(tg ? { targetGroupArn: tg } : {}), tags: tags.get(l.ListenerArn ?? '') ?? {} };
    });
  }

  async createListener(loadBalancerArn: string, port: number, protocol: string, targetGroupArn: string, tags: Tags): Promise<string> {
    const out = await awsCall('elasticloadbalancing:CreateListener', `${loadBalancerArn} port ${port}`, () =>
      this.elb.send(new CreateListenerCommand({
        LoadBalancerArn: loadBalancerArn,
        Port: port,
        Protocol: protocol as 'HTTP',
        DefaultActions: [{ Type: 'forward', TargetGroupArn: targetGroupArn }],
        Tags: keyValue(tags),
      })));
    return out.Listeners?.[0]?.ListenerArn ?? '';
  }

  async modifyListener(arn: string, protocol: string, targetGroupArn: string): Promise<void> {
    await awsCall('elasticloadbalancing:ModifyListener', arn, () =>
      this.elb.send(new ModifyListenerCommand({
        ListenerArn: arn, Protocol: protocol as 'HTTP', DefaultActions: [{ Type: 'forward', TargetGroupArn: targetGroupArn }],
      })));
  }

  async deleteListener(arn: string): Promise<void> {
    await awsFind('elasticloadbalancing:DeleteListener', arn, GONE.listener, () =>
      this.elb.send(new DeleteListenerCommand({ ListenerArn: arn })));
  }

  async targetHealth(targetGroupArn: string): Promise<TargetHealthRecord[]> {
    const out = await awsCall('elasticloadbalancing:DescribeTargetHealth', targetGroupArn, () =>
      this.elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn })));
    return (out.TargetHealthDescriptions ?? []).map((t) => ({
      id: t.Target?.Id ?? '',
      ...(t.Target?.Port !== undefined ? { port: t.Target.Port } : {}),
      state: t.TargetHealth?.State ?? 'unknown',
      ...(t.TargetHealth?.Reason ? { reason: `${t.TargetHealth.Reason}: ${t.TargetHealth.Description ?? ''}`.trim() } : {}),
    }));
  }
}
