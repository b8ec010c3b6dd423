import { evaluateAlarm, type AlarmDefinition } from './alarm.js';
import { targetTrackingAlarmName } from './alarm-names.js';
import { policyAlarms } from './policy-alarms.js';

const high: AlarmDefinition = {
  name: 'high',
  kind: 'high',
  policyName: 'cpu',
  metric: 'ECSServiceAverageCPUUtilization',
  comparison: 'GreaterThanThreshold',
  threshold: 70,
  datapointsToAlarm: 3,
  evaluationPeriods: 3,
};
const points = (...values: (number | undefined)[]) => values.map((value, i) => ({ at: i * 60_000, value }));

describe('evaluateAlarm', () => {
  it('is ALARM only when all N of the last N datapoints breach', () => {
    expect(evaluateAlarm(high, points(90, 95)).state).toBe('OK');
    expect(evaluateAlarm(high, points(90, 95, 99)).state).toBe('ALARM');
    expect(evaluateAlarm(high, points(90, 95, 99)).reason).toBe(
      'Threshold Crossed: 3 datapoints [99.0, 95.0, 90.0] were greater than the threshold (70.0).',
    );
    expect(evaluateAlarm(high, points(90, 50, 95, 99)).state).toBe('OK');
    expect(evaluateAlarm(high, points(50, 90, 95, 99)).state).toBe('ALARM');
  });

  it('compares strictly (GreaterThanThreshold: 70 is not above 70)', () => {
    expect(evaluateAlarm(high, points(70, 70, 70)).state).toBe('OK');
  });

  it('is INSUFFICIENT_DATA when the newest datapoint is missing, and a gap never alarms', () => {
    expect(evaluateAlarm(high, []).state).toBe('INSUFFICIENT_DATA');
    expect(evaluateAlarm(high, points(90, 95, undefined)).state).toBe('INSUFFICIENT_DATA');
    expect(evaluateAlarm(high, points(90, undefined, 95)).state).toBe('OK');
  });
});

describe('policyAlarms', () => {
  it('names and thresholds alarms as target tracking does (low at 0.9 x target)', () => {
    let n = 0;
    const { high: h, low } = policyAlarms(
      'ecs-cluster',
      'service-users-ecs',
      { name: 'cpu', metric: 'ECSServiceAverageCPUUtilization', targetValue: 50, scaleOutCooldownSeconds: 300, scaleInCooldownSeconds: 300, disableScaleIn: false },
      { periodSeconds: 60, highDatapoints: 3, lowDatapoints: 15 },
      () => `id${++n}`,
    );
    expect(h.name).toBe('TargetTracking-service/ecs-cluster/service-users-ecs-AlarmHigh-id1');
    expect(low.name).toBe(targetTrackingAlarmName('ecs-cluster', 'service-users-ecs', 'low', 'id2'));
    expect(low.name).toBe('TargetTracking-service/ecs-cluster/service-users-ecs-AlarmLow-id2');
    expect([h.comparison, h.threshold, h.evaluationPeriods]).toEqual(['GreaterThanThreshold', 50, 3]);
    expect([low.comparison, low.threshold, low.evaluationPeriods]).toEqual(['LessThanThreshold', 45, 15]);
  });
});
