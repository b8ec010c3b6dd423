// Application Auto Scaling: the service's scalable target and target-tracking policies.
import {
  DeleteScalingPolicyCommand,
  DeregisterScalableTargetCommand,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  PutScalingPolicyCommand,
  RegisterScalableTargetCommand,
  type ApplicationAutoScalingClient,
} from '@aws-sdk/client-application-auto-scaling';
import type { DesiredScalingPolicy } from '../../plan/desired-types.js';
import type { ScalableTargetRecord, ScalingPolicyRecord, ScalingPort } from '../../ports/index.js';
import { allPages, awsCall, awsFind } from '../call.js';
import type { Tags } from '../tags.js';

const NS = 'ecs' as const;
const DIMENSION = 'ecs:service:DesiredCount' as const;

export class AppAutoScaling implements ScalingPort {
  constructor(private readonly aas: ApplicationAutoScalingClient) {}

  async targets(resourceIds: readonly string[]): Promise<ScalableTargetRecord[]> {
    if (resourceIds.length === 0) return [];
    const out = await allPages(
      (NextToken) => awsCall('application-autoscaling:DescribeScalableTargets', resourceIds.join(','), () =>
        this.aas.send(new DescribeScalableTargetsCommand({ ServiceNamespace: NS, ResourceIds: [...resourceIds], ScalableDimension: DIMENSION, NextToken }))),
      (p) => p.ScalableTargets, (p) => p.NextToken,
    );
    return out.map((t) => ({ resourceId: t.ResourceId ?? '', minCapacity: t.MinCapacity ?? 0, maxCapacity: t.MaxCapacity ?? 0 }));
  }

  async policies(resourceIds: readonly string[]): Promise<ScalingPolicyRecord[]> {
    if (resourceIds.length === 0) return [];
    const wanted = new Set(resourceIds);
    const out = await allPages(
      (NextToken) => awsCall('application-autoscaling:DescribeScalingPolicies', resourceIds.join(','), () =>
        this.aas.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: NS, ScalableDimension: DIMENSION, NextToken }))),
      (p) => p.ScalingPolicies, (p) => p.NextToken,
    );
    return out
      .filter((p) => wanted.has(p.ResourceId ?? ''))
      .map((p) => {
        const c = p.TargetTrackingScalingPolicyConfiguration;
        return {
          resourceId: p.ResourceId ?? '',
          policyName: p.PolicyName ?? '',
          ...(c?.PredefinedMetricSpecification?.PredefinedMetricType ? { metric: c.PredefinedMetricSpecification.PredefinedMetricType } : {}),
          targetValue: c?.TargetValue ?? 0,
          ...(c?.ScaleOutCooldown !== undefined ? { scaleOutCooldownSeconds: c.ScaleOutCooldown } : {}),
          ...(c?.ScaleInCooldown !== undefined ? { scaleInCooldownSeconds: c.ScaleInCooldown } : {}),
          ...(c?.DisableScaleIn !== undefined ? { disableScaleIn: c.DisableScaleIn } : {}),
        };
      });
  }

  async registerTarget(resourceId: string, min: number, max: number, tags: Tags): Promise<void> {
    await awsCall('application-autoscaling:RegisterScalableTarget', resourceId, () =>
      this.aas.send(new RegisterScalableTargetCommand({
        ServiceNamespace: NS, ResourceId: resourceId, ScalableDimension: DIMENSION, MinCapacity: min, MaxCapacity: max,
        ...(Object.keys(tags).length > 0 ? { Tags: { ...tags } } : {}),
      })));
  }

  async putPolicy(p: DesiredScalingPolicy): Promise<void> {
    await awsCall('application-autoscaling:PutScalingPolicy', `${p.resourceId}:policyName/${p.policyName}`, () =>
      this.aas.send(new PutScalingPolicyCommand({
        ServiceNamespace: NS,
        ResourceId: p.resourceId,
        ScalableDimension: DIMENSION,
        PolicyName: p.policyName,
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: p.targetValue,
          PredefinedMetricSpecification: { PredefinedMetricType: p.metric },
          ScaleOutCooldown: p.scaleOutCooldownSeconds,
          ScaleInCooldown: p.scaleInCooldownSeconds,
          DisableScaleIn: p.disableScaleIn,
        },
      })));
  }

  async deletePolicy(resourceId: string, policyName: string): Promise<void> {
    await awsFind('application-autoscaling:DeleteScalingPolicy', `${resourceId}:policyName/${policyName}`, ['ObjectNotFoundException'], () =>
      this.aas.send(new DeleteScalingPolicyCommand({ ServiceNamespace: NS, ResourceId: resourceId, ScalableDimension: DIMENSION, PolicyName: policyName })));
  }

  async deregisterTarget(resourceId: string): Promise<void> {
    await awsFind('application-autoscaling:DeregisterScalableTarget', resourceId, ['ObjectNotFoundException'], () =>
      this.aas.send(new DeregisterScalableTargetCommand({ ServiceNamespace: NS, ResourceId: resourceId, ScalableDimension: DIMENSION })));
  }
}
