import type { DeploymentRecord } from '../state/index.js';
import { circuitBreakerThreshold, countHealthyTask, countTaskFailure, type TaskFailureInput } from './circuit-breaker.js';
import { newlyCompleted } from './rollout.js';
import { circuitBreakerEvents, failureFromEvent } from './deployment-events.js';

const dep = (id: string, taskDefinition: string, extra: Partial<DeploymentRecord> = {}): DeploymentRecord => ({
  id,
  status: 'ACTIVE',
  taskDefinition,
  rolloutState: 'IN_PROGRESS',
  createdAt: 0,
  updatedAt: 0,
  failedTasks: 0,
  ...extra,
});
const primary = dep('new', 'fam:2', { status: 'PRIMARY' });
const old = dep('old', 'fam:1', { rolloutState: 'COMPLETED' });

function input(overrides: Partial<TaskFailureInput> = {}): TaskFailureInput {
  return {
    deployments: [primary, old],
    deploymentId: 'new',
    kind: 'failed-health-checks',
    desiredCount: 1,
    circuitBreaker: { enable: true, rollback: true },
    lastCompletedTaskDefinition: 'fam:1',
    now: 1000,
    newDeploymentId: () => 'rb',
    ...overrides,
  };
}

/** Applies `n` failures in a row, as the loop would. */
function fail(n: number, overrides: Partial<TaskFailureInput> = {}) {
  let result = countTaskFailure(input(overrides));
  for (let i = 1; i < n; i++) result = countTaskFailure(input({ ...overrides, deployments: result.deployments }));
  return result;
}

describe('circuitBreakerThreshold', () => {
  it.each([
    [0, 3],
    [1, 3],
    [6, 3],
    [7, 4],
    [10, 5],
    [100, 50],
    [400, 200],
    [1000, 200],
  ])('desiredCount %i -> %i (0.5 x desired, clamped to 3..200)', (desired, threshold) => {
    expect(circuitBreakerThreshold(desired)).toBe(threshold);
  });
});

describe('countTaskFailure', () => {
  it('counts failures of the PRIMARY below the threshold without changing anything else', () => {
    const r = fail(2);
    expect(r.outcome).toEqual({ kind: 'counted', failedTasks: 2, threshold: 3, monitored: true });
    expect(r.deployments.map((d) => [d.id, d.status, d.rolloutState, d.failedTasks])).toEqual([
      ['new', 'PRIMARY', 'IN_PROGRESS', 2],
      ['old', 'ACTIVE', 'COMPLETED', 0],
    ]);
  });

  it('at the threshold fails the deployment and rolls back to the last completed revision, adopting its tasks', () => {
    const r = fail(3);
    expect(r.outcome.kind).toBe('rolled-back');
    // The rollback is a new PRIMARY for fam:1; the old deployment of fam:1 folds into it.
    expect(r.deployments.map((d) => [d.id, d.status, d.taskDefinition, d.rolloutState])).toEqual([
      ['rb', 'PRIMARY', 'fam:1', 'IN_PROGRESS'],
      ['new', 'ACTIVE', 'fam:2', 'FAILED'],
    ]);
    expect(r.deployments[1]!.rolloutStateReason).toBe('ECS deployment circuit breaker: tasks failed health checks.');
  });

  it('names the stage-1 reason for tasks that never started', () => {
    const r = fail(3, { kind: 'failed-to-start' });
    expect(r.outcome).toMatchObject({ kind: 'rolled-back', reason: 'ECS deployment circuit breaker: tasks failed to start.' });
  });

  it('scales the threshold with desiredCount', () => {
    expect(fail(4, { desiredCount: 10 }).outcome).toEqual({ kind: 'counted', failedTasks: 4, threshold: 5, monitored: true });
    expect(fail(5, { desiredCount: 10 }).outcome.kind).toBe('rolled-back');
  });

  it('without rollback marks FAILED and keeps the older deployment as it is', () => {
    const r = fail(3, { circuitBreaker: { enable: true, rollback: false } });
    expect(r.outcome.kind).toBe('failed');
    expect(r.deployments.map((d) => [d.id, d.status, d.rolloutState])).toEqual([
      ['new', 'PRIMARY', 'FAILED'],
      ['old', 'ACTIVE', 'COMPLETED'],
    ]);
  });

  it('with nothing completed before (or the same revision) there is nothing to roll back to', () => {
    expect(fail(3, { lastCompletedTaskDefinition: undefined, deployments: [primary] }).outcome.kind).toBe('failed');
    expect(fail(3, { lastCompletedTaskDefinition: 'fam:2' }).outcome.kind).toBe('failed');
  });

  it('falls back to an older COMPLETED deployment when the service record predates lastCompletedTaskDefinition', () => {
    // task-outcomes.ts passes that fallback; the pure function only needs a target.
    expect(fail(3, { lastCompletedTaskDefinition: old.taskDefinition }).outcome.kind).toBe('rolled-back');
  });

  it('does not judge deployments it does not monitor: disabled, not PRIMARY, or already finished', () => {
    expect(fail(5, { circuitBreaker: { enable: false, rollback: true } }).outcome).toMatchObject({ kind: 'counted', monitored: false });
    expect(fail(5, { deploymentId: 'old' }).outcome).toMatchObject({ kind: 'counted', monitored: false, failedTasks: 5 });
    const completed = { ...primary, rolloutState: 'COMPLETED' as const };
    expect(fail(5, { deployments: [completed, old] }).outcome).toMatchObject({ kind: 'counted', monitored: false });
  });

  it('keeps unrelated older deployments (another revision) as ACTIVE beside the rollback', () => {
    const older = dep('older', 'fam:0', { rolloutState: 'COMPLETED' });
    const r = fail(3, { deployments: [primary, old, older] });
    expect(r.deployments.map((d) => `${d.id}:${d.status}`)).toEqual(['rb:PRIMARY', 'new:ACTIVE', 'older:ACTIVE']);
  });
});

describe('countHealthyTask (resetOnHealthyTask)', () => {
  const counted = fail(2).deployments;

  it('a healthy task of the deployment resets its failure count', () => {
    expect(countHealthyTask(counted, 'new', { enable: true, rollback: true })[0]!.failedTasks).toBe(0);
    // ... so the next two failures do not trip it.
    const after = countHealthyTask(counted, 'new', { enable: true, rollback: true });
    expect(countTaskFailure(input({ deployments: after })).outcome).toMatchObject({ kind: 'counted', failedTasks: 1 });
  });

  it('keeps the count with resetOnHealthyTask false, and returns the same array when nothing changes', () => {
    expect(countHealthyTask(counted, 'new', { enable: true, rollback: true, resetOnHealthyTask: false })).toBe(counted);
    expect(countHealthyTask(counted, 'old', { enable: true, rollback: true })).toBe(counted);
  });
});

describe('newlyCompleted', () => {
  it('names the revision only on the step where the PRIMARY turns COMPLETED', () => {
    const done = { ...primary, rolloutState: 'COMPLETED' as const };
    expect(newlyCompleted([primary, old], [done])).toBe('fam:2');
    expect(newlyCompleted([done], [done])).toBeUndefined();
    expect(newlyCompleted([primary], [primary])).toBeUndefined();
  });
});

describe('circuit breaker events', () => {
  it('words the failure and the rollback as ECS does, with the verdict in detail', () => {
    const r = fail(3);
    const events = circuitBreakerEvents('svc', r.outcome);
    expect(events.map((e) => e.message)).toEqual([
      '(service svc) (deployment new) deployment failed: tasks failed health checks.',
      '(service svc) rolling back to fam:1 (deployment rb).',
    ]);
    expect(failureFromEvent(events[0]!, 'new')).toEqual({
      deploymentId: 'new',
      reason: 'ECS deployment circuit breaker: tasks failed health checks.',
      rollback: { deploymentId: 'rb', taskDefinition: 'fam:1' },
    });
    expect(failureFromEvent(events[0]!, 'other')).toBeUndefined();
    expect(failureFromEvent(events[1]!, 'new')).toBeUndefined();
    expect(circuitBreakerEvents('svc', fail(1).outcome)).toEqual([]);
  });
});
