// Target groups: type ip (Fargate/awsvpc), the manifest's health check, and attributes.
import {
  CreateTargetGroupCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  ModifyTargetGroupAttributesCommand,
  type ElasticLoadBalancingV2Client,
  type TargetGroupAttribute,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { TargetGroupInput, TargetGroupRecord } from '../../ports/index.js';
import { allPages, awsCall } from '../call.js';
import { keyValue, STACK_TAG, type Tags } from '../tags.js';
import { tagsOf } from './elbv2-tags.js';

const DEREGISTRATION = 'deregistration_delay.timeout_seconds';
const ALGORITHM = 'load_balancing.algorithm.type';

export async function describeTargetGroups(elb: ElasticLoadBalancingV2Client, names: readonly string[], stack: string): Promise<TargetGroupRecord[]> {
  const all = await allPages(
    (Marker) => awsCall('elasticloadbalancing:DescribeTargetGroups', '*', () => elb.send(new DescribeTargetGroupsCommand({ Marker }))),
    (p) => p.TargetGroups, (p) => p.NextMarker,
  );
  const tags = await tagsOf(elb, all.map((t) => t.TargetGroupArn ?? ''));
  const wanted = new Set(names);
  const relevant = all.filter((t) => wanted.has(t.TargetGroupName ?? '') || tags.get(t.TargetGroupArn ?? '')?.[STACK_TAG] === stack);
  const out: TargetGroupRecord[] = [];
  for (const t of relevant) {
    const arn = t.TargetGroupArn ?? '';
    const attrs = await awsCall('elasticloadbalancing:DescribeTargetGroupAttributes', arn, () =>
      elb.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: arn })));
    const attr = (k: string) => attrs.Attributes?.find((a) => a.Key === k)?.Value;
    const delay = attr(DEREGISTRATION);
    const algorithm = attr(ALGORITHM);
    out.push({
      name: t.TargetGroupName ?? '',
      arn,
      port: t.Port ?? 0,
      protocol: t.Protocol ?? '',
      targetType: t.TargetType ?? '',
      vpcId: t.VpcId ?? '',
      healthCheck: {
        protocol: (t.HealthCheckProtocol ?? 'HTTP') as 'HTTP',
        path: t.HealthCheckPath ?? '/',
        port: t.HealthCheckPort ?? 'traffic-port',
        intervalSeconds: t.HealthCheckIntervalSeconds ?? 30,
        timeoutSeconds: t.HealthCheckTimeoutSeconds ?? 5,
        healthyThresholdCount: t.HealthyThresholdCount ?? 5,
        unhealthyThresholdCount: t.UnhealthyThresholdCount ?? 2,
        matcher: t.Matcher?.HttpCode ?? '200',
      },
      ...(delay !== undefined ? { deregistrationDelaySeconds: Number(delay) } : {}),
      ...(algorithm !== undefined ? { loadBalancingAlgorithm: algorithm } : {}),
      tags: tags.get(arn) ?? {},
    });
  }
  return out;
}

export async function createTargetGroup(elb: ElasticLoadBalancingV2Client, input: TargetGroupInput, tags: Tags): Promise<string> {
  const out = await awsCall('elasticloadbalancing:CreateTargetGroup', `targetgroup/${input.name}`, () =>
    elb.send(new CreateTargetGroupCommand({
      Name: input.name,
      Protocol: input.protocol as 'HTTP',
      Port: input.port,
      VpcId: input.vpcId,
      TargetType: input.targetType as 'ip',
      HealthCheckEnabled: true,
      ...healthCheckFields(input.healthCheck),
      Tags: keyValue(tags),
    })));
  const arn = out.TargetGroups?.[0]?.TargetGroupArn ?? '';
  await modifyTargetGroupAttributes(elb, arn, input, false);
  return arn;
}

/** Sets the attributes; on create, only those that differ from ALB's defaults. */
export async function modifyTargetGroupAttributes(elb: ElasticLoadBalancingV2Client, arn: string, input: TargetGroupInput, always: boolean): Promise<void> {
  const attrs: TargetGroupAttribute[] = [];
  if (always || input.deregistrationDelaySeconds !== 300) attrs.push({ Key: DEREGISTRATION, Value: String(input.deregistrationDelaySeconds) });
  if (always || input.loadBalancingAlgorithm !== 'round_robin') attrs.push({ Key: ALGORITHM, Value: input.loadBalancingAlgorithm });
  if (attrs.length === 0) return;
  await awsCall('elasticloadbalancing:ModifyTargetGroupAttributes', arn, () =>
    elb.send(new ModifyTargetGroupAttributesCommand({ TargetGroupArn: arn, Attributes: attrs })));
}

/** The health-check fields CreateTargetGroup and ModifyTargetGroup share. */
export function healthCheckFields(hc: TargetGroupInput['healthCheck']) {
  return {
    HealthCheckProtocol: hc.protocol,
    HealthCheckPath: hc.path,
    HealthCheckPort: hc.port,
    HealthCheckIntervalSeconds: hc.intervalSeconds,
    HealthCheckTimeoutSeconds: hc.timeoutSeconds,
    HealthyThresholdCount: hc.healthyThresholdCount,
    UnhealthyThresholdCount: hc.unhealthyThresholdCount,
    Matcher: { HttpCode: hc.matcher },
  };
}
