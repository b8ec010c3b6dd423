import type { AlarmState } from './alarm.js';
import { decideDesiredCount, targetCapacity, type DecisionInput, type PolicyStatus } from './decide-desired-count.js';

function policy(name: string, metric: number | undefined, high: AlarmState, low: AlarmState, extra: Partial<PolicyStatus> = {}): PolicyStatus {
  return {
    policyName: name,
    targetValue: 70,
    disableScaleIn: false,
    scaleOutCooldownSeconds: 300,
    scaleInCooldownSeconds: 300,
    high: { name: `${name}-AlarmHigh`, state: high },
    low: { name: `${name}-AlarmLow`, state: low },
    metric,
    ...extra,
  };
}
const base = (over: Partial<DecisionInput>): DecisionInput => ({
  current: 1,
  minCapacity: 1,
  maxCapacity: 3,
  policies: [],
  deploymentInProgress: false,
  now: 1_000_000,
  ...over,
});

describe('targetCapacity', () => {
  it('is ceil(current x metric / target), ignoring float noise', () => {
    expect(targetCapacity(1, 100, 70)).toBe(2);
    expect(targetCapacity(2, 100, 70)).toBe(3);
    expect(targetCapacity(3, 10, 70)).toBe(1);
    expect(targetCapacity(3, 60, 70)).toBe(3);
    expect(targetCapacity(3, 70 / 3, 70)).toBe(1);
  });
});

describe('decideDesiredCount', () => {
  it('scales out to ceil(current x metric / target), with the alarm as the cause', () => {
    const d = decideDesiredCount(base({ current: 1, policies: [policy('cpu', 100, 'ALARM', 'OK')] }));
    expect(d).toMatchObject({ desired: 2, direction: 'out', policy: 'cpu' });
    expect(d.reason).toBe('monitor alarm cpu-AlarmHigh in state ALARM triggered policy cpu');
  });

  it('never goes above max or below min', () => {
    expect(decideDesiredCount(base({ current: 2, policies: [policy('cpu', 100, 'ALARM', 'OK')], maxCapacity: 2 })).desired).toBe(2);
    expect(decideDesiredCount(base({ current: 1, policies: [policy('cpu', 100, 'ALARM', 'OK')], maxCapacity: 3 })).desired).toBe(2);
    expect(decideDesiredCount(base({ current: 2, policies: [policy('cpu', 700, 'ALARM', 'OK')] })).desired).toBe(3);
    expect(decideDesiredCount(base({ current: 3, policies: [policy('cpu', 0, 'OK', 'ALARM')], minCapacity: 2 })).desired).toBe(2);
    expect(decideDesiredCount(base({ current: 5, maxCapacity: 3 })).desired).toBe(3);
    expect(decideDesiredCount(base({ current: 0, minCapacity: 1 })).desired).toBe(1);
  });

  it('scales in with the same formula, possibly by more than one task', () => {
    const d = decideDesiredCount(base({ current: 3, policies: [policy('cpu', 5, 'OK', 'ALARM')] }));
    expect(d).toMatchObject({ desired: 1, direction: 'in', alarm: 'cpu-AlarmLow' });
    expect(decideDesiredCount(base({ current: 3, policies: [policy('cpu', 60, 'OK', 'ALARM')] })).desired).toBe(3);
  });

  it('two policies: CPU high and memory low -> out, taking the largest capacity', () => {
    const d = decideDesiredCount(
      base({ current: 1, policies: [policy('cpu', 100, 'ALARM', 'OK'), policy('memory', 10, 'OK', 'ALARM')] }),
    );
    expect(d).toMatchObject({ desired: 2, direction: 'out', policy: 'cpu' });
    const both = decideDesiredCount(
      base({ current: 1, policies: [policy('cpu', 80, 'ALARM', 'OK'), policy('memory', 200, 'ALARM', 'OK')] }),
    );
    expect(both).toMatchObject({ desired: 3, policy: 'memory' });
  });

  it('two policies: CPU low but memory not low -> no scale-in', () => {
    const d = decideDesiredCount(
      base({ current: 2, policies: [policy('cpu', 5, 'OK', 'ALARM'), policy('memory', 66, 'OK', 'OK')] }),
    );
    expect(d).toMatchObject({ desired: 2, direction: 'none' });
    expect(d.reason).toContain('memory low alarm is OK');
  });

  it('scale-in takes the largest capacity the agreeing policies ask for', () => {
    const d = decideDesiredCount(
      base({ current: 3, policies: [policy('cpu', 5, 'OK', 'ALARM'), policy('memory', 40, 'OK', 'ALARM')] }),
    );
    expect(d).toMatchObject({ desired: 2, policy: 'memory' });
  });

  it('a policy with disableScaleIn neither scales in nor vetoes', () => {
    const cpuOnly = [policy('cpu', 5, 'OK', 'ALARM'), policy('memory', 66, 'OK', 'OK', { disableScaleIn: true })];
    expect(decideDesiredCount(base({ current: 2, policies: cpuOnly })).desired).toBe(1);
    const none = [policy('cpu', 5, 'OK', 'ALARM', { disableScaleIn: true })];
    expect(decideDesiredCount(base({ current: 2, policies: none })).desired).toBe(2);
  });

  it('missing data never scales', () => {
    const insufficient = [policy('cpu', undefined, 'INSUFFICIENT_DATA', 'INSUFFICIENT_DATA')];
    expect(decideDesiredCount(base({ current: 2, policies: insufficient })).direction).toBe('none');
    const staleAlarm = [policy('cpu', undefined, 'ALARM', 'OK')];
    expect(decideDesiredCount(base({ current: 1, policies: staleAlarm })).direction).toBe('none');
  });

  it('the scale-out cooldown holds further scale-outs, and ends', () => {
    const p = [policy('cpu', 100, 'ALARM', 'OK')];
    const held = decideDesiredCount(base({ current: 2, policies: p, lastScaleOutAt: 1_000_000 - 299_000 }));
    expect(held).toMatchObject({ desired: 2, direction: 'none' });
    expect(held.reason).toContain('scale-out cooldown');
    expect(decideDesiredCount(base({ current: 2, policies: p, lastScaleOutAt: 1_000_000 - 300_000 })).desired).toBe(3);
  });

  it('a scale-out is allowed during a scale-in cooldown', () => {
    const p = [policy('cpu', 100, 'ALARM', 'OK')];
    expect(decideDesiredCount(base({ current: 1, policies: p, lastScaleInAt: 1_000_000 - 10_000 })).desired).toBe(2);
  });

  it('the scale-in cooldown holds scale-in', () => {
    const p = [policy('cpu', 5, 'OK', 'ALARM')];
    const held = decideDesiredCount(base({ current: 3, policies: p, lastScaleInAt: 1_000_000 - 100_000 }));
    expect(held).toMatchObject({ desired: 3, direction: 'none' });
    expect(held.reason).toContain('scale-in cooldown');
  });

  it('scale-in is held during a deployment, scale-out is not', () => {
    const low = decideDesiredCount(base({ current: 2, policies: [policy('cpu', 5, 'OK', 'ALARM')], deploymentInProgress: true }));
    expect(low).toMatchObject({ desired: 2, direction: 'none', reason: 'scale-in held: a deployment is in progress' });
    const high = decideDesiredCount(base({ current: 1, policies: [policy('cpu', 100, 'ALARM', 'OK')], deploymentInProgress: true }));
    expect(high.desired).toBe(2);
  });
});
