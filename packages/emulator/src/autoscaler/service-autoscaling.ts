import type { AutoscalingSpec, ScalingMetric, TargetTrackingPolicySpec } from '@ecs-twin/manifest';
import type { ServiceDatapoint } from '../metrics/index.js';
import type { AutoscalingTiming } from '../timing/index.js';
import { evaluateAlarm, type AlarmDefinition, type AlarmState, type Datapoint } from './alarm.js';
import { scalableResourceId } from '@ecs-twin/manifest/model/scalable-resource-id';
import { targetTrackingAlarmDescription } from './alarm-names.js';
import { BoundedHistory } from './bounded-history.js';
import type { Decision, PolicyStatus } from './decide-desired-count.js';
import { policyAlarms } from './policy-alarms.js';
import type { AlarmSnapshot, PeriodRecord, ScalingActivity, ServiceAutoscalingSnapshot } from './snapshot.js';

const HISTORY_MS = 15 * 60_000;
const MAX_ACTIVITIES = 50;

interface AlarmStatus {
  readonly definition: AlarmDefinition;
  state: AlarmState;
  reason: string;
  updatedAt: number;
}

export interface AlarmTransition {
  readonly alarm: AlarmDefinition;
  readonly from: AlarmState;
  readonly to: AlarmState;
  readonly reason: string;
}

/** One service's scalable target: its policies' alarms, datapoints, cooldowns and history. */
export class ServiceAutoscaling {
  readonly resourceId: string;
  private readonly alarms: { policy: TargetTrackingPolicySpec; high: AlarmStatus; low: AlarmStatus }[];
  private readonly datapoints: Record<ScalingMetric, Datapoint[]> = {
    ECSServiceAverageCPUUtilization: [],
    ECSServiceAverageMemoryUtilization: [],
  };
  private readonly history = new BoundedHistory<PeriodRecord>(HISTORY_MS);
  private readonly activities: ScalingActivity[] = [];
  lastScaleOutAt?: number;
  lastScaleInAt?: number;
  lastDecision?: { at: number; direction: Decision['direction']; reason: string };

  constructor(
    private readonly clusterName: string,
    readonly serviceName: string,
    readonly spec: AutoscalingSpec,
    private readonly timing: AutoscalingTiming,
    newId: () => string,
    createdAt: number,
  ) {
    this.resourceId = scalableResourceId(clusterName, serviceName);
    const initial = (definition: AlarmDefinition): AlarmStatus => ({
      definition,
      state: 'INSUFFICIENT_DATA',
      reason: 'Unchecked: Initial alarm creation',
      updatedAt: createdAt,
    });
    this.alarms = spec.policies.map((policy) => {
      const { high, low } = policyAlarms(clusterName, serviceName, policy, timing, newId);
      return { policy, high: initial(high), low: initial(low) };
    });
  }

  /** Adds the period's datapoints and re-evaluates every alarm; returns the state changes. */
  recordPeriod(point: ServiceDatapoint, at: number): AlarmTransition[] {
    const keep = Math.max(this.timing.highDatapoints, this.timing.lowDatapoints);
    push(this.datapoints.ECSServiceAverageCPUUtilization, { at, value: point.cpu }, keep);
    push(this.datapoints.ECSServiceAverageMemoryUtilization, { at, value: point.memory }, keep);
    const transitions: AlarmTransition[] = [];
    for (const { high, low } of this.alarms) {
      for (const alarm of [high, low]) {
        const evaluation = evaluateAlarm(alarm.definition, this.datapoints[alarm.definition.metric]);
        if (evaluation.state !== alarm.state) {
          transitions.push({ alarm: alarm.definition, from: alarm.state, to: evaluation.state, reason: evaluation.reason });
          alarm.updatedAt = at;
        }
        alarm.state = evaluation.state;
        alarm.reason = evaluation.reason;
      }
    }
    return transitions;
  }

  policyStatuses(): PolicyStatus[] {
    return this.alarms.map(({ policy, high, low }) => {
      const latest = this.datapoints[policy.metric][this.datapoints[policy.metric].length - 1];
      return {
        policyName: policy.name,
        targetValue: policy.targetValue,
        disableScaleIn: policy.disableScaleIn,
        scaleOutCooldownSeconds: this.scaleOutCooldownSeconds(policy),
        scaleInCooldownSeconds: this.scaleInCooldownSeconds(policy),
        high: { name: high.definition.name, state: high.state },
        low: { name: low.definition.name, state: low.state },
        metric: latest?.value,
      };
    });
  }

  recordHistory(record: Omit<PeriodRecord, 'alarms'>): void {
    const alarms: Record<string, AlarmState> = {};
    for (const { high, low } of this.alarms) {
      alarms[high.definition.name] = high.state;
      alarms[low.definition.name] = low.state;
    }
    this.history.push({ ...record, alarms });
  }

  recordActivity(activity: ScalingActivity): void {
    this.activities.unshift(activity);
    this.activities.length = Math.min(this.activities.length, MAX_ACTIVITIES);
  }

  snapshot(): ServiceAutoscalingSnapshot {
    const period = this.timing.periodSeconds;
    const alarms: AlarmSnapshot[] = this.alarms.flatMap(({ policy, high, low }) =>
      [high, low].map((a) => ({
        ...a.definition,
        description: targetTrackingAlarmDescription(this.clusterName, this.serviceName, policy.name),
        periodSeconds: period,
        statistic: 'Average' as const,
        state: a.state,
        stateReason: a.reason,
        stateUpdatedAt: a.updatedAt,
      })),
    );
    return {
      serviceName: this.serviceName,
      resourceId: this.resourceId,
      scalableDimension: 'ecs:service:DesiredCount',
      minCapacity: this.spec.minCapacity,
      maxCapacity: this.spec.maxCapacity,
      policies: this.spec.policies.map((p) => ({
        policyName: p.name,
        metric: p.metric,
        targetValue: p.targetValue,
        disableScaleIn: p.disableScaleIn,
        scaleOutCooldownSeconds: this.scaleOutCooldownSeconds(p),
        scaleInCooldownSeconds: this.scaleInCooldownSeconds(p),
      })),
      alarms,
      metrics: this.history.last(),
      activities: [...this.activities],
      ...(this.lastDecision ? { lastDecision: { ...this.lastDecision } } : {}),
      lastScaleOutAt: this.lastScaleOutAt ?? null,
      lastScaleInAt: this.lastScaleInAt ?? null,
    };
  }

  private scaleOutCooldownSeconds(policy: TargetTrackingPolicySpec): number {
    return this.timing.scaleOutCooldownSeconds ?? policy.scaleOutCooldownSeconds;
  }

  private scaleInCooldownSeconds(policy: TargetTrackingPolicySpec): number {
    return this.timing.scaleInCooldownSeconds ?? policy.scaleInCooldownSeconds;
  }
}

function push(list: Datapoint[], point: Datapoint, keep: number): void {
  list.push(point);
  if (list.length > keep) list.splice(0, list.length - keep);
}
