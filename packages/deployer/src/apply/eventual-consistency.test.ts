// Apply and destroy against an AWS that is eventually consistent and runs tasks
// (the scripted EventualAws behind the ports), in fake time. Each test records
// how long, in AWS time, the deployer needs to get past the trouble.
import { ServiceNotStableError } from '../errors/index.js';
import type { DeployEvent } from '../events/index.js';
import { EventualAws, FakeClock, tutorialStack, withImageTag, type EventualScript } from '../testing/index.js';
import { AWS_WAIT, executeApply, executeDestroy, prepareApply, prepareDestroy, type DeployerOptions } from './apply.js';

const stack = tutorialStack();

function setup(script: EventualScript) {
  const aws = new EventualAws(script);
  const clock = new FakeClock();
  const events: DeployEvent[] = [];
  const o: DeployerOptions = { ports: aws.ports(), region: 'us-west-1', skipPush: true, wait: AWS_WAIT, clock, emit: (e) => events.push(e), deleteTimeoutMs: 15 * 60_000 };
  const apply = async (s = stack) => executeApply(await prepareApply(s, o), o);
  const destroy = async () => executeDestroy(await prepareDestroy(stack, o), o);
  return { aws, clock, events, o, apply, destroy };
}

/** Fake seconds the deployer spent; printed so the report can quote recovery times. */
function took(label: string, clock: FakeClock, from = 0): number {
  const seconds = (clock.now() - from) / 1000;
  process.stdout.write(`[recovery] ${label}: ${seconds}s of AWS time\n`);
  return seconds;
}

const failure = { kind: 'fails', polls: 3, reason: 'tasks failed to start', stoppedReason: 'Essential container in task exited' } as const;

describe('against an eventually consistent AWS', () => {
  it('retries CreateService while the ECS service-linked role is not usable yet (item 2)', async () => {
    const { aws, clock, apply, events } = setup({ serviceLinkedRoleErrors: 3 });
    const result = await apply();
    expect(result.wait).toEqual({ state: 'stable' });
    expect(aws.calls.filter((c) => c === 'CreateService')).toHaveLength(5);
    expect(aws.calls.indexOf('CreateServiceLinkedRole')).toBeLessThan(aws.calls.indexOf('CreateCluster'));
    expect(events.some((e) => e.type === 'progress' && /service-linked role/.test(e.message))).toBe(true);
    expect(took('service-linked role not ready x3', clock)).toBeGreaterThan(0);
  });

  it('gives up on the service-linked role error after about a minute', async () => {
    const { apply } = setup({ serviceLinkedRoleErrors: 100 });
    await expect(apply()).rejects.toThrow(/Unable to assume the service linked role/);
  });

  it('stops waiting as soon as the PRIMARY deployment is FAILED, with its reason and the stopped tasks (item 3)', async () => {
    const { clock, apply } = setup({ rollouts: [failure] });
    const err = await apply().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceNotStableError);
    const message = (err as Error).message;
    expect(message).toContain('deployment FAILED: ECS deployment service-users-ecs-d circuit breaker: tasks failed to start.');
    expect(message).toContain('stopped task: Essential container in task exited');
    // Three polls, not the 900 s timeout.
    expect(took('first deployment FAILED, wait stopped', clock)).toBeLessThan(AWS_WAIT.maxWaitSeconds / 4);
  });

  it('plans and applies a forced new deployment for a service its failed first deployment left at 0 (item 3)', async () => {
    // Rollouts in the order they start: users, products, users again (Service Connect start order), then the re-run's.
    const { aws, clock, apply, o } = setup({ rollouts: [failure, failure, failure, { kind: 'completes', polls: 2 }] });
    await apply().catch(() => undefined);
    const start = clock.now();
    const plan = await prepareApply(stack, o);
    const users = plan.steps.find((s) => s.kind === 'service' && s.name === 'service-users-ecs')!;
    expect(users.action).toBe('update');
    expect(users.changes.map((c) => c.field)).toEqual(['forceNewDeployment']);
    const result = await executeApply(plan, o);
    expect(result.wait).toEqual({ state: 'stable' });
    expect(aws.calls).toContain('UpdateService forceNewDeployment,taskDefinitionArn');
    took('re-run after a FAILED first deployment', clock, start);
  });

  it('reports a circuit-breaker rollback as a failure, not as stable (item 6)', async () => {
    const done = { kind: 'completes', polls: 1 } as const;
    const aws2 = setup({ rollouts: [done, done, done, { kind: 'rolls-back', polls: 3 }] });
    await aws2.apply();
    const start = aws2.clock.now();
    const err = await aws2.apply(withImageTag(stack, 'v0.0.2')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceNotStableError);
    expect((err as Error).message).toMatch(/rolled back: ECS runs service-users-td:1 instead of the applied service-users-td:2/);
    took('rollback detected', aws2.clock, start);
  });

  it('waits for healthy targets after the rollout COMPLETED (item 6)', async () => {
    const { events, apply, clock } = setup({ rollouts: [{ kind: 'completes', polls: 1 }], healthyAfterPolls: 4 });
    expect((await apply()).wait).toEqual({ state: 'stable' });
    const phases = events.flatMap((e) => (e.type === 'wait-progress' ? e.services.map((s) => s.phase) : []));
    expect(phases).toContain('targets');
    expect(phases.at(-1)).toBe('done');
    took('rollout then 4 unhealthy health checks', clock);
  });

  it('forces one new deployment when ECS could not assume a freshly created role (item 4)', async () => {
    const roleNotReady = { kind: 'fails', polls: 2, reason: 'tasks failed to start', stoppedReason: 'ResourceInitializationError: ECS was unable to assume the role arn:aws:iam::123456789012:role/ecs-task-execution-role' } as const;
    const { aws, clock, apply } = setup({ rollouts: [roleNotReady, roleNotReady, { kind: 'completes', polls: 2 }] });
    expect((await apply()).wait).toEqual({ state: 'stable' });
    expect(aws.calls.filter((c) => c === 'UpdateService forceNewDeployment,taskDefinitionArn')).toHaveLength(2);
    took('execution role not assumable at first', clock);
  });

  it('destroy waits until every deleted service is INACTIVE, not just the first (item 7)', async () => {
    const { aws, clock, apply, destroy } = setup({ drainingPolls: 4 });
    await apply();
    const start = clock.now();
    await destroy();
    expect([...aws.services.values()].map((x) => x.status)).toEqual(['INACTIVE', 'INACTIVE']);
    await apply();
    expect([...aws.services.values()].map((x) => x.status)).toEqual(['ACTIVE', 'ACTIVE']);
    took('destroy with services DRAINING for 4 polls', clock, start);
  });

  it('re-creates a service that is still DRAINING from an earlier destroy, waiting per service (item 7)', async () => {
    const s = setup({ drainingPolls: 5 });
    await s.apply();
    // Delete behind the deployer's back: the next apply observes DRAINING services.
    await s.o.ports.ecs.scaleToZeroAndDelete('ecs-cluster', 'service-users-ecs');
    await s.o.ports.ecs.scaleToZeroAndDelete('ecs-cluster', 'service-products-ecs');
    const start = s.clock.now();
    const plan = await prepareApply(stack, s.o);
    expect(plan.observed.drainingServices).toEqual(['service-users-ecs', 'service-products-ecs']);
    await executeApply(plan, s.o);
    const creates = s.aws.calls.filter((c) => c === 'CreateService');
    expect(creates).toHaveLength(4);
    expect(s.events.some((e) => e.type === 'progress' && /DRAINING/.test(e.message))).toBe(true);
    took('services DRAINING for 5 polls', s.clock, start);
  });

  it('retries a security group delete through DependencyViolation', async () => {
    const { aws, clock, apply, destroy } = setup({ securityGroupDependencyViolations: 3 });
    await apply();
    const start = clock.now();
    await destroy();
    expect(aws.calls.filter((c) => c === 'DeleteSecurityGroup')).toHaveLength(8);
    took('security group DependencyViolation x3', clock, start);
  });

  it('sends UpdateService with only the fields that changed, and a no-op apply makes no mutating call (item 11)', async () => {
    const { aws, apply } = setup({});
    await apply();
    const before = aws.mutating.length;
    await apply();
    expect(aws.mutating.slice(before)).toEqual([]);
    const scaled = { ...stack, services: stack.services.map((s) => ({ ...s, autoscaling: undefined, desiredCount: 2 })) } as typeof stack;
    await apply(scaled);
    expect(aws.mutating.slice(before).filter((c) => c.startsWith('UpdateService'))).toEqual(['UpdateService desiredCount', 'UpdateService desiredCount']);
    await apply(withImageTag(scaled, 'v0.0.2'));
    expect(aws.mutating.filter((c) => c.startsWith('UpdateService')).slice(-2)).toEqual(['UpdateService taskDefinitionArn', 'UpdateService taskDefinitionArn']);
  });

  it('destroy deletes only the task-definition revisions the stack registered (item 12)', async () => {
    const { o, apply, destroy } = setup({});
    await apply();
    const users = (await prepareApply(stack, o)).desired.taskDefinitions.find((t) => t.family === 'service-users-td')!;
    // A revision someone registered by hand in the same family, after ours: untagged.
    const handMade = await o.ports.ecs.registerTaskDefinition(users.content, {});
    await destroy();
    expect((await o.ports.ecs.latestTaskDefinition('service-users-td'))?.arn).toBe(handMade.arn);
    expect(await o.ports.ecs.ownedRevisions('service-users-td', 'ecs-tutorial')).toEqual([]);
  });

  it('gives the service created first a new deployment once the other one\'s discovery name exists (item 5)', async () => {
    const { aws, clock, apply } = setup({});
    expect((await apply()).wait).toEqual({ state: 'stable' });
    const ecs = aws.mutating.filter((c) => /Service/.test(c) && !/LinkedRole/.test(c));
    expect(ecs).toEqual(['CreateService', 'CreateService', 'UpdateService forceNewDeployment,taskDefinitionArn']);
    expect([...aws.services.get('service-users-ecs')!.deployments].length).toBe(1);
    took('apply from empty incl. the Service Connect restart of users', clock);
    // Nothing new appeared: the next apply restarts nothing.
    const before = aws.mutating.length;
    await apply();
    expect(aws.mutating.slice(before)).toEqual([]);
  });
});
