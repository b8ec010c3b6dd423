import { emptyAccount, observedFromDesired, tutorialStack } from '../testing/index.js';
import { desiredFor } from './plan-deployment.js';
import { planDestroy } from './plan-destroy.js';
import { RESOURCE_KINDS } from './plan-step.js';

const applied = () => observedFromDesired(desiredFor(tutorialStack(), emptyAccount()));

describe('planDestroy', () => {
  it('deletes nothing in an empty account', () => {
    expect(planDestroy(emptyAccount())).toEqual([]);
  });

  it('deletes everything the stack owns in reverse dependency order', () => {
    const steps = planDestroy(applied());
    expect(steps.every((s) => s.action === 'delete')).toBe(true);
    expect(steps.map((s) => s.kind)).toEqual([
      'scaling-policy', 'scaling-policy', 'scaling-policy', 'scaling-policy', 'scalable-target', 'scalable-target',
      'service', 'service', 'task-definition', 'task-definition', 'listener', 'listener', 'target-group', 'target-group',
      'load-balancer', 'security-group', 'security-group', 'namespace', 'cluster', 'log-group', 'log-group',
      'repository', 'repository', 'role',
    ]);
    const ranks = steps.map((s) => RESOURCE_KINDS.indexOf(s.kind));
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
  });

  it('never touches adopted or other stacks\' resources', () => {
    const o = applied();
    const mixed = {
      ...o,
      loadBalancer: { ...o.loadBalancer!, ownership: 'unowned' as const },
      role: { ...o.role!, ownership: 'other-stack' as const },
      cluster: { ...o.cluster!, ownership: 'unowned' as const },
    };
    const kinds = planDestroy(mixed).map((s) => s.kind);
    expect(kinds).not.toContain('load-balancer');
    expect(kinds).not.toContain('role');
    expect(kinds).not.toContain('cluster');
    expect(kinds).toContain('listener');
  });

  it('says how many task-definition revisions it removes', () => {
    const step = planDestroy(applied()).find((s) => s.kind === 'task-definition')!;
    expect(step.note).toBe('deregisters and deletes 1 revision(s) tagged with this stack');
  });
});
