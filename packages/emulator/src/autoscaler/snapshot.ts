import type { AlarmDefinition, AlarmState } from './alarm.js';
import type { Direction } from './decide-desired-count.js';

// JSON-ready view of the autoscaler for `emulate status --json` and the dashboard.

export interface AutoscalingSnapshot {
  readonly timing: {
    readonly profile: string;
    readonly periodSeconds: number;
    readonly highDatapoints: number;
    readonly lowDatapoints: number;
    /** Set when the profile overrides the policies' cooldowns; null = the manifest's. */
    readonly scaleOutCooldownSeconds: number | null;
    readonly scaleInCooldownSeconds: number | null;
  };
  readonly services: readonly ServiceAutoscalingSnapshot[];
}

export interface ServiceAutoscalingSnapshot {
  readonly serviceName: string;
  /** `service/<cluster>/<service>`. */
  readonly resourceId: string;
  readonly scalableDimension: 'ecs:service:DesiredCount';
  readonly minCapacity: number;
  readonly maxCapacity: number;
  readonly policies: readonly PolicySnapshot[];
  readonly alarms: readonly AlarmSnapshot[];
  /** One entry per period over the last 15 minutes, oldest first. */
  readonly metrics: readonly PeriodRecord[];
  /** Scaling activities, newest first. */
  readonly activities: readonly ScalingActivity[];
  readonly lastDecision?: { readonly at: number; readonly direction: Direction; readonly reason: string };
  readonly lastScaleOutAt: number | null;
  readonly lastScaleInAt: number | null;
}

export interface PolicySnapshot {
  readonly policyName: string;
  readonly metric: string;
  readonly targetValue: number;
  readonly disableScaleIn: boolean;
  /** Effective cooldowns (timing profile override, else the manifest). */
  readonly scaleOutCooldownSeconds: number;
  readonly scaleInCooldownSeconds: number;
}

export interface AlarmSnapshot extends AlarmDefinition {
  readonly description: string;
  readonly periodSeconds: number;
  readonly statistic: 'Average';
  readonly state: AlarmState;
  readonly stateReason: string;
  readonly stateUpdatedAt: number;
}

/** One period of one service. */
export interface PeriodRecord {
  /** Period end, epoch ms. */
  readonly at: number;
  /** Average CPU % of the reservation over the service's tasks; null = missing data. */
  readonly cpu: number | null;
  readonly memory: number | null;
  /** Desired count when the period closed. */
  readonly desiredCount: number;
  /** Tasks that reported stats during the period. */
  readonly runningTasks: number;
  /** Alarm states after this period's evaluation, by alarm name. */
  readonly alarms: Readonly<Record<string, AlarmState>>;
}

/** As DescribeScalingActivities lists them. */
export interface ScalingActivity {
  readonly at: number;
  readonly description: string;
  readonly cause: string;
  readonly statusCode: 'Successful' | 'Failed';
  readonly statusMessage: string;
  readonly fromCount: number;
  readonly toCount: number;
}
