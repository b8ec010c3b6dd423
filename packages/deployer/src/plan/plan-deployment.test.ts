import { emptyAccount, observedFromDesired, tutorialStack, withImageTag, withService } from '../testing/index.js';
import type { ObservedStack } from './observed-types.js';
import { desiredFor, planDeployment } from './plan-deployment.js';
import { RESOURCE_KINDS, summarize, type PlanStep } from './plan-step.js';

const stack = tutorialStack();
const applied = (s = stack): ObservedStack => observedFromDesired(desiredFor(s, emptyAccount()));
const changed = (steps: PlanStep[]) => steps.filter((s) => s.action !== 'noop');
const keys = (steps: PlanStep[]) => steps.map((s) => `${s.action} ${s.kind} ${s.name}`);

describe('planDeployment', () => {
  it('creates every resource in an empty account, in dependency order', () => {
    const steps = planDeployment(stack, emptyAccount());
    expect(steps.every((s) => s.action === 'create')).toBe(true);
    expect(steps.map((s) => s.kind)).toEqual([
      'role', 'repository', 'repository', 'image', 'image', 'log-group', 'log-group', 'cluster', 'namespace',
      'security-group', 'security-group', 'load-balancer', 'target-group', 'target-group', 'listener', 'listener',
      'task-definition', 'task-definition', 'service', 'service',
      'scalable-target', 'scalable-target', 'scaling-policy', 'scaling-policy', 'scaling-policy', 'scaling-policy',
    ]);
    const ranks = steps.map((s) => RESOURCE_KINDS.indexOf(s.kind));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('leaves images out with skipPush', () => {
    const steps = planDeployment(stack, emptyAccount(), { skipPush: true });
    expect(steps.some((s) => s.kind === 'image')).toBe(false);
    expect(steps).toHaveLength(24);
  });

  it('plans nothing but noops when AWS already matches the manifest', () => {
    const steps = planDeployment(stack, applied());
    expect(changed(steps)).toEqual([]);
    expect(summarize(steps).noop).toBe(26);
  });

  it('changes only task definitions and services when only the image tag changes', () => {
    const steps = planDeployment(withImageTag(stack, 'v0.0.2'), applied(), { skipPush: true });
    expect(keys(changed(steps))).toEqual([
      'update task-definition service-users-td',
      'update task-definition service-products-td',
      'update service service-users-ecs',
      'update service service-products-ecs',
    ]);
    const td = steps.find((s) => s.name === 'service-users-td')!;
    expect(td.changes).toEqual([{
      field: 'containers[container-users].image',
      from: '123456789012.dkr.ecr.us-west-1.amazonaws.com/service-users:v0.0.1',
      to: '123456789012.dkr.ecr.us-west-1.amazonaws.com/service-users:v0.0.2',
    }]);
    expect(td.note).toBe('registers revision 2 (latest is 1)');
    const svc = steps.find((s) => s.name === 'service-users-ecs')!;
    expect(svc.changes).toEqual([{ field: 'taskDefinition', from: 'service-users-td:1', to: 'service-users-td:(new revision)' }]);
  });

  it('also pushes the new images when pushing is on', () => {
    const steps = planDeployment(withImageTag(stack, 'v0.0.2'), applied());
    expect(keys(changed(steps)).filter((k) => k.includes(' image '))).toEqual([
      'create image service-users:v0.0.2', 'create image service-products:v0.0.2',
    ]);
  });

  it('updates the desired count of a service without autoscaling', () => {
    const noScaling = withService(stack, 'users', (s) => { const { autoscaling: _, ...rest } = s; return rest; });
    const next = withService(noScaling, 'users', (s) => ({ ...s, desiredCount: 2 }));
    const steps = changed(planDeployment(next, applied(noScaling)));
    expect(keys(steps)).toEqual(['update service service-users-ecs']);
    expect(steps[0]!.changes).toEqual([{ field: 'desiredCount', from: 1, to: 2 }]);
  });

  it('leaves an autoscaled desired count alone inside [min, max]', () => {
    const o = applied();
    const scaledOut = { ...o, services: { ...o.services, 'service-users-ecs': { ...o.services['service-users-ecs']!, desiredCount: 3 } } };
    expect(changed(planDeployment(stack, scaledOut))).toEqual([]);
  });

  it('raises the scalable target and the desired count when min capacity rises', () => {
    const next = withService(stack, 'users', (s) => ({ ...s, autoscaling: { ...s.autoscaling!, minCapacity: 2 } }));
    const steps = changed(planDeployment(next, applied()));
    expect(keys(steps)).toEqual(['update service service-users-ecs', 'update scalable-target service-users-ecs']);
    expect(steps[0]!.changes).toEqual([{ field: 'desiredCount', from: 1, to: 2 }]);
    expect(steps[1]!.changes).toEqual([{ field: 'minCapacity', from: 1, to: 2 }]);
  });

  it('updates only the policy whose target value changes', () => {
    const next = withService(stack, 'products', (s) => ({
      ...s,
      autoscaling: { ...s.autoscaling!, policies: s.autoscaling!.policies.map((p) => (p.name === 'cpu' ? { ...p, targetValue: 50 } : p)) },
    }));
    const steps = changed(planDeployment(next, applied()));
    expect(keys(steps)).toEqual(['update scaling-policy service-products-ecs/service-products-ecs-cpu']);
    expect(steps[0]!.changes).toEqual([{ field: 'targetValue', from: 70, to: 50 }]);
  });

  it('adds and deletes scaling resources with the autoscaling block', () => {
    const noScaling = withService(stack, 'users', (s) => { const { autoscaling: _, ...rest } = s; return rest; });
    expect(keys(changed(planDeployment(noScaling, applied())))).toEqual([
      'delete scaling-policy service-users-ecs/service-users-ecs-cpu',
      'delete scaling-policy service-users-ecs/service-users-ecs-memory',
      'delete scalable-target service-users-ecs',
    ]);
    expect(keys(changed(planDeployment(stack, applied(noScaling))))).toEqual([
      'create scalable-target service-users-ecs',
      'create scaling-policy service-users-ecs/service-users-ecs-cpu',
      'create scaling-policy service-users-ecs/service-users-ecs-memory',
    ]);
  });
});
