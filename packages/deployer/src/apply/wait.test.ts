// After apply: a service that never stabilises fails with ECS's events and the
// stopped tasks' reasons; a moto-like endpoint (no task, no event) is a warning.
import { ServiceNotStableError } from '../errors/index.js';
import type { DeployEvent } from '../events/index.js';
import { desiredFor, planDeployment } from '../plan/index.js';
import type { AwsPorts, EcsPort, WaitOutcome } from '../ports/index.js';
import { emptyAccount, observedFromDesired, tutorialStack, withImageTag } from '../testing/index.js';
import { executeApply } from './apply.js';

const WAIT = { maxWaitSeconds: 60, minDelaySeconds: 1, maxDelaySeconds: 2, noTaskGraceSeconds: 10 };
const last = [{ service: 'service-users-ecs', running: 0, pending: 1, desired: 1, deployments: 2 }];

function fakePorts(outcome: WaitOutcome, calls: string[]): AwsPorts {
  const ecs: Partial<EcsPort> = {
    registerTaskDefinition: async (c) => { calls.push(`register ${c.family}`); return { arn: `arn:td/${c.family}:2`, revision: 2 }; },
    updateService: async (i) => { calls.push(`update ${i.serviceName} -> ${i.taskDefinitionArn}`); },
    tagService: async () => {},
    waitStable: async (_c, names) => { calls.push(`wait ${names.join(',')}`); return outcome; },
    services: async () => [{
      serviceName: 'service-users-ecs', arn: 'arn:s', status: 'ACTIVE', taskDefinitionArn: 'arn:td/service-users-td:2',
      desiredCount: 1, runningCount: 0, pendingCount: 1, deployments: [], tags: {},
      events: ['(service service-users-ecs) is unable to consistently start tasks successfully.'],
    }],
    tasks: async () => [{
      id: 't1', lastStatus: 'STOPPED', desiredStatus: 'STOPPED', taskDefinitionArn: 'arn:td/service-users-td:2',
      stoppedReason: 'CannotPullContainerError: pull image manifest has been retried 5 time(s)', containers: [{ name: 'container-users', exitCode: 1 }],
    }],
  };
  return { ecs } as unknown as AwsPorts;
}

async function run(outcome: WaitOutcome) {
  const stack = tutorialStack();
  const observed = observedFromDesired(desiredFor(stack, emptyAccount()));
  const next = withImageTag(stack, 'v0.0.2');
  const steps = planDeployment(next, observed, { skipPush: true });
  const calls: string[] = [];
  const events: DeployEvent[] = [];
  const o = { ports: fakePorts(outcome, calls), region: 'us-west-1', skipPush: true, wait: WAIT, emit: (e: DeployEvent) => events.push(e) };
  const result = executeApply({ stack: next, observed, desired: desiredFor(next, observed), steps }, o);
  return { result, calls, events };
}

describe('waiting after apply', () => {
  it('waits only for the services it changed, after changing them', async () => {
    const { result, calls } = await run({ state: 'stable' });
    expect((await result).wait).toEqual({ state: 'stable' });
    expect(calls).toEqual([
      'register service-users-td', 'register service-products-td',
      'update service-users-ecs -> arn:td/service-users-td:2', 'update service-products-ecs -> arn:td/service-products-td:2',
      'wait service-users-ecs,service-products-ecs',
    ]);
  });

  it('fails with ECS events and stopped-task reasons when services do not stabilise', async () => {
    const { result } = await run({ state: 'timeout', reason: 'not stable after 60s', last });
    const err = await result.catch((e) => e);
    expect(err).toBeInstanceOf(ServiceNotStableError);
    expect(err.message).toContain('not stable after 60s');
    expect(err.message).toContain('event: (service service-users-ecs) is unable to consistently start tasks successfully.');
    expect(err.message).toContain('stopped task: CannotPullContainerError');
    expect(err.hints.length).toBeGreaterThan(0);
  });

  it('only warns when the endpoint never runs a task', async () => {
    const { result, events } = await run({ state: 'no-tasks', reason: 'no task started', last });
    expect((await result).wait?.state).toBe('no-tasks');
    expect(events.some((e) => e.type === 'warning')).toBe(true);
  });
});
