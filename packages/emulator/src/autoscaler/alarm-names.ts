// Names as Application Auto Scaling gives them (aws-fidelity.md §4).

import { scalableResourceId } from '@ecs-twin/manifest/model/scalable-resource-id';

/** `TargetTracking-service/<cluster>/<service>-AlarmHigh-<uuid>` and `...-AlarmLow-<uuid>`. */
export function targetTrackingAlarmName(
  clusterName: string,
  serviceName: string,
  kind: 'high' | 'low',
  uuid: string,
): string {
  return `TargetTracking-${scalableResourceId(clusterName, serviceName)}-Alarm${kind === 'high' ? 'High' : 'Low'}-${uuid}`;
}

/** The alarm description AWS writes (it has a policy ARN where we have the resource id). */
export function targetTrackingAlarmDescription(clusterName: string, serviceName: string, policyName: string): string {
  return `DO NOT EDIT OR DELETE. For TargetTrackingScaling policy ${policyName} on ${scalableResourceId(clusterName, serviceName)}.`;
}
