import type { AlarmState } from './alarm.js';

// The target tracking decision for one scalable target (an ECS service's
// desired count), as Application Auto Scaling makes it (aws-fidelity.md §4):
// - capacity a policy asks for = ceil(current x metric / target), in [min, max].
//   AWS documents no "at most one task at a time" rule for scale-in: it uses
//   the same formula both ways, so 3 tasks at 10% CPU on a 70% target go to 1.
// - scale out if ANY policy's high alarm is in ALARM; take the largest capacity.
//   The scale-out cooldown holds further scale-outs; a scale-out is allowed
//   during a scale-in cooldown (and the caller then cancels that cooldown).
// - scale in only if ALL scale-in-enabled policies' low alarms are in ALARM and
//   none wants out; take the largest capacity (the most conservative one); held
//   by the scale-in cooldown and while a deployment is in progress.
// - missing data (INSUFFICIENT_DATA, no metric) never scales.

export interface PolicyStatus {
  readonly policyName: string;
  readonly targetValue: number;
  readonly disableScaleIn: boolean;
  readonly scaleOutCooldownSeconds: number;
  readonly scaleInCooldownSeconds: number;
  readonly high: { readonly name: string; readonly state: AlarmState };
  readonly low: { readonly name: string; readonly state: AlarmState };
  /** The policy metric's latest datapoint; undefined = missing. */
  readonly metric?: number;
}

export interface DecisionInput {
  readonly current: number;
  readonly minCapacity: number;
  readonly maxCapacity: number;
  readonly policies: readonly PolicyStatus[];
  /** Epoch ms of the last scale-out (undefined = none, or its cooldown was cancelled). */
  readonly lastScaleOutAt?: number;
  /** Epoch ms of the last scale-in (undefined = none, or cancelled by a scale-out). */
  readonly lastScaleInAt?: number;
  readonly deploymentInProgress: boolean;
  readonly now: number;
}

export type Direction = 'out' | 'in' | 'none';

export interface Decision {
  readonly desired: number;
  readonly direction: Direction;
  /** Why: the App Auto Scaling cause when it scales, what held it otherwise. */
  readonly reason: string;
  /** The policy whose capacity was taken. */
  readonly policy?: string;
  /** The alarm that triggered the policy. */
  readonly alarm?: string;
}

export function decideDesiredCount(input: DecisionInput): Decision {
  const { current, minCapacity: min, maxCapacity: max, policies, now } = input;
  if (current < min) return { desired: min, direction: 'out', reason: `minimum capacity was set to ${min}` };
  if (current > max) return { desired: max, direction: 'in', reason: `maximum capacity was set to ${max}` };

  const clamp = (n: number) => Math.min(max, Math.max(min, n));
  const capacityFor = (p: PolicyStatus) => clamp(targetCapacity(current, p.metric ?? 0, p.targetValue));
  const cooling = (at: number | undefined, seconds: number) => at !== undefined && now < at + seconds * 1000;

  const wantOut = policies.filter((p) => p.high.state === 'ALARM' && p.metric !== undefined);
  if (wantOut.length > 0) {
    const ready = wantOut.filter((p) => !cooling(input.lastScaleOutAt, p.scaleOutCooldownSeconds));
    if (ready.length === 0) return none(current, `scale-out held: scale-out cooldown (policy ${wantOut[0]!.policyName})`);
    const best = largest(ready, capacityFor);
    const capacity = capacityFor(best);
    if (capacity <= current) return none(current, `policy ${best.policyName} wants to scale out but the service is at its maximum capacity ${max}`);
    return { desired: capacity, direction: 'out', policy: best.policyName, alarm: best.high.name, reason: cause(best.high.name, best.policyName) };
  }

  const scaleInPolicies = policies.filter((p) => !p.disableScaleIn);
  if (scaleInPolicies.length === 0) return none(current, 'scale-in is disabled on every policy');
  const notLow = scaleInPolicies.filter((p) => p.low.state !== 'ALARM' || p.metric === undefined);
  if (notLow.length > 0) return none(current, `no scaling: ${notLow.map((p) => `policy ${p.policyName} low alarm is ${p.low.state}`).join(', ')}`);

  const best = largest(scaleInPolicies, capacityFor);
  const capacity = capacityFor(best);
  if (capacity >= current) {
    return none(current, capacity === min ? `at minimum capacity ${min}` : `ceil(${current} x metric / target) keeps ${current} tasks`);
  }
  if (input.deploymentInProgress) return none(current, 'scale-in held: a deployment is in progress');
  const stillCooling = scaleInPolicies.find((p) => cooling(input.lastScaleInAt, p.scaleInCooldownSeconds));
  if (stillCooling) return none(current, `scale-in held: scale-in cooldown (policy ${stillCooling.policyName})`);
  return { desired: capacity, direction: 'in', policy: best.policyName, alarm: best.low.name, reason: cause(best.low.name, best.policyName) };
}

/** ceil(current x metric / target), ignoring float noise such as 1.0000000000000002. */
export function targetCapacity(current: number, metric: number, targetValue: number): number {
  return Math.ceil((current * metric) / targetValue - 1e-9);
}

/** App Auto Scaling's activity cause. */
export function cause(alarmName: string, policyName: string): string {
  return `monitor alarm ${alarmName} in state ALARM triggered policy ${policyName}`;
}

function largest(policies: readonly PolicyStatus[], capacityFor: (p: PolicyStatus) => number): PolicyStatus {
  return policies.reduce((best, p) => (capacityFor(p) > capacityFor(best) ? p : best));
}

function none(current: number, reason: string): Decision {
  return { desired: current, direction: 'none', reason };
}
