import type { ScalingMetric } from '@ecs-twin/manifest';

// CloudWatch alarms as target tracking creates them (aws-fidelity.md §4): a
// high alarm (GreaterThanThreshold at the target, N of N datapoints) and a low
// alarm (LessThanThreshold at 0.9 x target, M of M), on the period Average.

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
export type AlarmKind = 'high' | 'low';

export interface AlarmDefinition {
  /** `TargetTracking-service/<cluster>/<service>-AlarmHigh-<uuid>` (or AlarmLow). */
  readonly name: string;
  readonly kind: AlarmKind;
  /** The scaling policy the alarm invokes. */
  readonly policyName: string;
  readonly metric: ScalingMetric;
  readonly comparison: 'GreaterThanThreshold' | 'LessThanThreshold';
  readonly threshold: number;
  /** N of N: both are the same for target tracking alarms. */
  readonly datapointsToAlarm: number;
  readonly evaluationPeriods: number;
}

/** One period's value; `value` undefined = missing data. */
export interface Datapoint {
  /** Period end, epoch ms. */
  readonly at: number;
  readonly value?: number;
}

export interface AlarmEvaluation {
  readonly state: AlarmState;
  /** CloudWatch-worded StateReason. */
  readonly reason: string;
}

/**
 * Evaluates an alarm over its last `evaluationPeriods` datapoints (oldest first).
 * - the newest datapoint missing (or none yet) -> INSUFFICIENT_DATA: missing
 *   data never scales;
 * - all N datapoints present and breaching -> ALARM;
 * - otherwise OK (a gap inside the window is not enough to alarm).
 */
export function evaluateAlarm(alarm: AlarmDefinition, datapoints: readonly Datapoint[]): AlarmEvaluation {
  const window = datapoints.slice(-alarm.evaluationPeriods);
  const newest = window[window.length - 1];
  if (!newest || newest.value === undefined) {
    return { state: 'INSUFFICIENT_DATA', reason: 'Insufficient Data: 1 datapoint was unknown.' };
  }
  const present = window.filter((d): d is Datapoint & { value: number } => d.value !== undefined);
  const breaching = present.filter((d) => breaches(alarm, d.value));
  const verb = alarm.comparison === 'GreaterThanThreshold' ? 'greater than' : 'less than';
  if (window.length >= alarm.evaluationPeriods && breaching.length >= alarm.datapointsToAlarm) {
    return {
      state: 'ALARM',
      reason: `Threshold Crossed: ${countWord(breaching.length)} ${listValues(breaching)} ${breaching.length === 1 ? 'was' : 'were'} ${verb} the threshold (${alarm.threshold.toFixed(1)}).`,
    };
  }
  const notBreaching = present.filter((d) => !breaches(alarm, d.value));
  const n = notBreaching.length;
  if (n === 0) {
    // Every datapoint so far breaches, but the window is not full yet (or has a gap).
    return {
      state: 'OK',
      reason: `Threshold Crossed: only ${countWord(breaching.length)} ${listValues(breaching)} ${verb} the threshold (${alarm.threshold.toFixed(1)}); ${alarm.datapointsToAlarm} needed.`,
    };
  }
  return {
    state: 'OK',
    reason: `Threshold Crossed: ${n} out of the last ${window.length} datapoints ${listValues(notBreaching)} ${n === 1 ? 'was' : 'were'} not ${verb} the threshold (${alarm.threshold.toFixed(1)}).`,
  };
}

export function breaches(alarm: Pick<AlarmDefinition, 'comparison' | 'threshold'>, value: number): boolean {
  return alarm.comparison === 'GreaterThanThreshold' ? value > alarm.threshold : value < alarm.threshold;
}

function countWord(n: number): string {
  return `${n} datapoint${n === 1 ? '' : 's'}`;
}

function listValues(points: readonly { value: number }[]): string {
  // CloudWatch lists the newest first.
  return `[${[...points].reverse().map((p) => p.value.toFixed(1)).join(', ')}]`;
}
