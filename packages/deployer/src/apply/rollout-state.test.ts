import type { DeploymentRecord, ServiceRecord } from '../ports/index.js';
import { rolloutState } from './rollout-state.js';

const td = (n: number) => `arn:aws:ecs:us-west-1:1:task-definition/service-users-td:${n}`;
const deployment = (over: Partial<DeploymentRecord>): DeploymentRecord => ({ status: 'PRIMARY', taskDefinitionArn: td(2), running: 1, desired: 1, failedTasks: 0, rolloutState: 'COMPLETED', ...over });
const service = (over: Partial<ServiceRecord>): ServiceRecord => ({
  serviceName: 's', arn: 'arn:s', status: 'ACTIVE', taskDefinitionArn: td(2), desiredCount: 1, runningCount: 1, pendingCount: 0,
  deployments: [deployment({})], events: [], tags: {}, ...over,
});

describe('rolloutState', () => {
  it('is done only with the applied revision PRIMARY, COMPLETED, one deployment and running = desired', () => {
    expect(rolloutState(service({}), td(2))).toEqual({ state: 'done' });
    expect(rolloutState(service({ runningCount: 0 }), td(2)).state).toBe('waiting');
    expect(rolloutState(service({ deployments: [deployment({ rolloutState: 'IN_PROGRESS' })] }), td(2)).state).toBe('waiting');
    expect(rolloutState(service({ deployments: [deployment({}), deployment({ status: 'ACTIVE', taskDefinitionArn: td(1) })] }), td(2)).state).toBe('waiting');
  });

  it('calls a stable service on the old revision rolled back, not done (item 6)', () => {
    const r = rolloutState(service({ taskDefinitionArn: td(1), deployments: [deployment({ taskDefinitionArn: td(1) })] }), td(2));
    expect(r).toEqual({ state: 'failed', reason: 'rolled back: ECS runs service-users-td:1 instead of the applied service-users-td:2' });
  });

  it('waits while only the PRIMARY deployment lags behind the service (moto never updates it)', () => {
    expect(rolloutState(service({ deployments: [deployment({ taskDefinitionArn: td(1) })] }), td(2)).state).toBe('waiting');
  });

  it('fails at once on a FAILED PRIMARY, and on a service that is not ACTIVE', () => {
    expect(rolloutState(service({ deployments: [deployment({ rolloutState: 'FAILED', rolloutStateReason: 'tasks failed to start.' })] }), td(2)))
      .toEqual({ state: 'failed', reason: 'deployment FAILED: tasks failed to start.' });
    expect(rolloutState(service({ status: 'DRAINING' }), td(2))).toEqual({ state: 'failed', reason: 'the service is DRAINING' });
    expect(rolloutState(undefined, td(2))).toEqual({ state: 'failed', reason: 'the service is MISSING' });
  });
});
