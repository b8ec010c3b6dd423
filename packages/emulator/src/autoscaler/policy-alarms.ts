import type { TargetTrackingPolicySpec } from '@ecs-twin/manifest';
import type { AutoscalingTiming } from '../timing/index.js';
import type { AlarmDefinition } from './alarm.js';
import { targetTrackingAlarmName } from './alarm-names.js';

/** Ratio of the target below which the low alarm fires (observed for ECS; EC2 ASGs use 0.7). */
export const SCALE_IN_THRESHOLD_RATIO = 0.9;

/** The high and low alarms target tracking creates for one policy. */
export function policyAlarms(
  clusterName: string,
  serviceName: string,
  policy: TargetTrackingPolicySpec,
  timing: AutoscalingTiming,
  newId: () => string,
): { high: AlarmDefinition; low: AlarmDefinition } {
  const common = { policyName: policy.name, metric: policy.metric } as const;
  return {
    high: {
      ...common,
      name: targetTrackingAlarmName(clusterName, serviceName, 'high', newId()),
      kind: 'high',
      comparison: 'GreaterThanThreshold',
      threshold: policy.targetValue,
      datapointsToAlarm: timing.highDatapoints,
      evaluationPeriods: timing.highDatapoints,
    },
    low: {
      ...common,
      name: targetTrackingAlarmName(clusterName, serviceName, 'low', newId()),
      kind: 'low',
      comparison: 'LessThanThreshold',
      threshold: round(policy.targetValue * SCALE_IN_THRESHOLD_RATIO),
      datapointsToAlarm: timing.lowDatapoints,
      evaluationPeriods: timing.lowDatapoints,
    },
  };
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
