import { decide } from './decide.js';
import { deployment, service, targets, task } from './testing.js';

const kinds = (d: ReturnType<typeof decide>) => d.actions.map((a) => a.kind);
const starts = (d: ReturnType<typeof decide>) => d.actions.filter((a) => a.kind === 'start-task');
const stops = (d: ReturnType<typeof decide>) => d.actions.filter((a) => a.kind === 'stop-task').map((a) => (a as { taskId: string }).taskId);

describe('decide: desired count', () => {
  it('starts desiredCount tasks for a new service', () => {
    const d = decide(service({ desiredCount: 3 }), [], [], 0);
    expect(starts(d)).toHaveLength(3);
    expect(starts(d)[0]).toEqual({ kind: 'start-task', deploymentId: 'd1', taskDefinition: 'fam:1' });
    expect(d.steady).toBe(false);
  });

  it('does nothing, and is steady, when every wanted task runs healthy', () => {
    const a = task({ taskId: 'a' });
    const d = decide(service(), [a], targets({ a: 'healthy' }), 0);
    expect(d.actions).toEqual([]);
    expect(d.steady).toBe(true);
    expect(d.deployments[0]!.rolloutState).toBe('COMPLETED');
  });

  it('replaces a task that exited (stopped tasks do not count)', () => {
    const dead = task({ taskId: 'dead', lastStatus: 'STOPPED' });
    const d = decide(service(), [dead], targets({}), 0);
    expect(starts(d)).toHaveLength(1);
    expect(d.steady).toBe(false);
  });

  it('counts tasks being provisioned so it does not start duplicates', () => {
    const p = task({ taskId: 'p', lastStatus: 'PROVISIONING', containerId: undefined, registered: false });
    expect(starts(decide(service(), [p], [], 0))).toHaveLength(0);
  });

  it('does not count tasks that are draining or stopping toward the desired count', () => {
    const leaving = task({ taskId: 'l', lastStatus: 'DEACTIVATING' });
    expect(starts(decide(service(), [leaving], [], 0))).toHaveLength(1);
  });

  it('scales in by stopping the least useful tasks first (not healthy, then newest)', () => {
    const old = task({ taskId: 'old', createdAt: 1 });
    const young = task({ taskId: 'young', createdAt: 2 });
    const sick = task({ taskId: 'sick', createdAt: 0 });
    const d = decide(service({ desiredCount: 1 }), [old, young, sick], targets({ old: 'healthy', young: 'healthy', sick: 'initial' }), 0);
    expect(stops(d)).toEqual(['sick', 'young']);
    expect(d.actions.find((a) => a.kind === 'stop-task')).toMatchObject({ reason: 'Scaling activity initiated by (deployment d1)' });
  });

  it('stops everything at desiredCount 0', () => {
    const a = task({ taskId: 'a' });
    const b = task({ taskId: 'b' });
    expect(stops(decide(service({ desiredCount: 0 }), [a, b], targets({ a: 'healthy', b: 'healthy' }), 0)).sort()).toEqual(['a', 'b']);
  });
});

describe('decide: targets and health', () => {
  it('registers a RUNNING task that is not yet a target', () => {
    const a = task({ taskId: 'a', registered: false });
    const d = decide(service(), [a], [], 0);
    expect(d.actions).toContainEqual({ kind: 'register-target', taskId: 'a' });
  });

  it('does not register a task without a published port or before RUNNING', () => {
    const a = task({ taskId: 'a', registered: false, hostPort: undefined });
    const b = task({ taskId: 'b', registered: false, lastStatus: 'PENDING' });
    expect(kinds(decide(service({ desiredCount: 2 }), [a, b], [], 0))).not.toContain('register-target');
  });

  it('replaces a task the target group reports unhealthy, after the grace period only', () => {
    const a = task({ taskId: 'a', startedAt: 0 });
    const svc = service({ healthCheckGracePeriodMs: 60_000 });
    expect(stops(decide(svc, [a], targets({ a: 'unhealthy' }), 30_000))).toEqual([]);
    const later = decide(svc, [a], targets({ a: 'unhealthy' }), 61_000);
    expect(stops(later)).toEqual(['a']);
    expect(later.actions[0]).toMatchObject({ reason: 'Task failed ELB health checks in (target-group tg)' });
    expect(starts(later)).toHaveLength(1);
  });

  it('without a load balancer, a task is healthy healthyWithoutChecks after RUNNING', () => {
    const a = task({ taskId: 'a', startedAt: 1000, registered: false });
    const svc = service({ targetGroupName: undefined, healthyWithoutChecksMs: 40_000 });
    expect(decide(svc, [a], [], 40_000).steady).toBe(false);
    const d = decide(svc, [a], [], 41_000);
    expect(d.health.get('a')).toBe('HEALTHY');
    expect(d.steady).toBe(true);
    expect(kinds(d)).not.toContain('register-target');
  });
});

describe('decide: host-aware admission', () => {
  it('launches at most launchLimit tasks in one step, and is not steady while some wait', () => {
    const d = decide(service({ desiredCount: 30, launchLimit: 8 }), [], [], 0);
    expect(starts(d)).toHaveLength(8);
    expect(d.steady).toBe(false);
    expect(starts(decide(service({ desiredCount: 30, launchLimit: 0 }), [], [], 0))).toHaveLength(0);
  });

  it('does not hold back stops (scale-in, replacements) when no launch is admitted', () => {
    const sick = task({ taskId: 'sick' });
    const d = decide(service({ launchLimit: 0 }), [sick], targets({ sick: 'unhealthy' }), 0);
    expect(stops(d)).toEqual(['sick']);
    expect(starts(d)).toHaveLength(0);
  });
});

describe('decide: launch throttling (crash-loop backoff)', () => {
  it('starts nothing before throttle.notBefore, and starts once it passed', () => {
    const svc = service({ throttle: { failures: 3, notBefore: 10_000 } });
    expect(starts(decide(svc, [], [], 9_999))).toHaveLength(0);
    expect(starts(decide(svc, [], [], 10_000))).toHaveLength(1);
  });
});

describe('decide: rolling deployment within minimumHealthyPercent / maximumPercent', () => {
  const rolling = (desiredCount: number, min: number, max: number) =>
    service({
      desiredCount,
      minimumHealthyPercent: min,
      maximumPercent: max,
      deployments: [deployment('new', 'fam:2'), deployment('old', 'fam:1', 'ACTIVE')],
    });
  const olds = (n: number) => Array.from({ length: n }, (_, i) => task({ taskId: `o${i}`, deploymentId: 'old', taskDefinition: 'fam:1' }));
  const healthyAll = (ids: string[]) => targets(Object.fromEntries(ids.map((id) => [id, 'healthy' as const])));

  it('100/200: starts new tasks up to maximumPercent and stops no old task while the new ones are not healthy', () => {
    const o = olds(2);
    const d = decide(rolling(2, 100, 200), o, healthyAll(['o0', 'o1']), 0);
    expect(starts(d)).toEqual([
      { kind: 'start-task', deploymentId: 'new', taskDefinition: 'fam:2' },
      { kind: 'start-task', deploymentId: 'new', taskDefinition: 'fam:2' },
    ]);
    expect(stops(d)).toEqual([]);
    expect(d.deployments.map((x) => x.id)).toEqual(['new', 'old']);
  });

  it('100/200: once new tasks are healthy, old ones are stopped down to minimumHealthyPercent', () => {
    const o = olds(2);
    const n = [task({ taskId: 'n0', deploymentId: 'new', taskDefinition: 'fam:2' }), task({ taskId: 'n1', deploymentId: 'new', taskDefinition: 'fam:2' })];
    const oneHealthy = decide(rolling(2, 100, 200), [...o, ...n], healthyAll(['o0', 'o1', 'n0']), 0);
    expect(stops(oneHealthy)).toHaveLength(1);
    const allHealthy = decide(rolling(2, 100, 200), [...o, ...n], healthyAll(['o0', 'o1', 'n0', 'n1']), 0);
    expect(stops(allHealthy).sort()).toEqual(['o0', 'o1']);
    expect(starts(allHealthy)).toEqual([]);
  });

  it('50/100: makes room by stopping old tasks first, never exceeding maximumPercent', () => {
    const o = olds(4);
    const d = decide(rolling(4, 50, 100), o, healthyAll(o.map((t) => t.taskId)), 0);
    expect(stops(d)).toHaveLength(2);
    expect(starts(d)).toHaveLength(2);
  });

  it('0/100: replaces everything at once', () => {
    const o = olds(2);
    const d = decide(rolling(2, 0, 100), o, healthyAll(['o0', 'o1']), 0);
    expect(stops(d)).toHaveLength(2);
    expect(starts(d)).toHaveLength(2);
  });

  it('does not stop old running tasks of unknown health (e.g. just re-attached) below the minimum', () => {
    const o = olds(2);
    const d = decide(rolling(2, 100, 200), o, targets({ o0: 'initial', o1: 'initial' }), 0);
    expect(stops(d)).toEqual([]);
  });

  it('drops a finished deployment and completes the primary when only healthy new tasks remain', () => {
    const n = [task({ taskId: 'n0', deploymentId: 'new', taskDefinition: 'fam:2' })];
    const d = decide(rolling(1, 100, 200), n, healthyAll(['n0']), 5);
    expect(d.deployments).toHaveLength(1);
    expect(d.deployments[0]).toMatchObject({ id: 'new', rolloutState: 'COMPLETED', updatedAt: 5 });
    expect(d.steady).toBe(true);
  });

  it('keeps the rollout IN_PROGRESS while an old task is still leaving', () => {
    const n = [task({ taskId: 'n0', deploymentId: 'new', taskDefinition: 'fam:2' })];
    const leaving = task({ taskId: 'o0', deploymentId: 'old', lastStatus: 'DEACTIVATING' });
    const d = decide(rolling(1, 100, 200), [...n, leaving], healthyAll(['n0']), 0);
    expect(d.steady).toBe(false);
  });
});
