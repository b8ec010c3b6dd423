import type { Stack } from '@ecs-twin/manifest';
import { emptyState } from '../state/index.js';
import { prepareState } from './prepare-state.js';

const stackWith = (desiredCount: number, tag = 'v0.0.1'): Stack =>
  ({
    stack: 's',
    services: [
      {
        serviceName: 'svc',
        desiredCount,
        taskDefinition: { family: 'svc-td', cpu: 256, memory: 512, containers: [{ name: 'c', image: { repository: 'svc', tag } }] },
      },
    ],
  }) as unknown as Stack;

describe('prepareState', () => {
  it('creates a service with revision 1 and one PRIMARY deployment in progress', () => {
    const { state, changes } = prepareState(stackWith(1), emptyState('s'), 100);
    expect(state.services.svc).toMatchObject({ desiredCount: 1, manifestDesiredCount: 1 });
    expect(state.services.svc!.deployments).toHaveLength(1);
    expect(state.services.svc!.deployments[0]).toMatchObject({ status: 'PRIMARY', taskDefinition: 'svc-td:1', rolloutState: 'IN_PROGRESS' });
    expect(state.services.svc!.deployments[0]!.id).toMatch(/^ecs-svc\/\d{19}$/);
    expect(changes.map((c) => c.kind)).toEqual(['created']);
  });

  it('keeps a desired count changed at runtime (an autoscaled 3 stays 3) when the manifest did not change', () => {
    const first = prepareState(stackWith(1), emptyState('s'), 0).state;
    const scaled = { ...first, services: { svc: { ...first.services.svc!, desiredCount: 3 } } };
    const { state, changes } = prepareState(stackWith(1), scaled, 1);
    expect(state.services.svc!.desiredCount).toBe(3);
    expect(changes).toEqual([]);
    expect(state).toEqual(scaled);
  });

  it('applies a desiredCount changed in the manifest', () => {
    const first = prepareState(stackWith(1), emptyState('s'), 0).state;
    const scaled = { ...first, services: { svc: { ...first.services.svc!, desiredCount: 3 } } };
    const { state } = prepareState(stackWith(2), scaled, 1);
    expect(state.services.svc).toMatchObject({ desiredCount: 2, manifestDesiredCount: 2 });
  });

  it('a changed task definition registers revision 2 and starts a deployment; the old one turns ACTIVE', () => {
    const first = prepareState(stackWith(1), emptyState('s'), 0).state;
    const { state, changes } = prepareState(stackWith(1, 'v0.0.2'), first, 5);
    const deployments = state.services.svc!.deployments;
    expect(deployments.map((d) => [d.status, d.taskDefinition])).toEqual([
      ['PRIMARY', 'svc-td:2'],
      ['ACTIVE', 'svc-td:1'],
    ]);
    expect(changes.map((c) => c.kind)).toEqual(['new-revision']);
  });
});
