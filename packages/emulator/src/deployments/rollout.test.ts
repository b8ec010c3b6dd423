import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadStack, type Stack } from '@ecs-twin/manifest';
import { FakeClock } from '../clock/index.js';
import { LABEL } from '../labels/index.js';
import type { ServiceConnect, ServiceConnectEndpoint } from '../service-connect/contract.js';
import { StackRuntime } from '../stack-runtime/index.js';
import type { DeploymentRecord } from '../state/index.js';
import { FakeContainerRuntime } from '../testing/fake-container-runtime.js';
import { FakeLoadBalancer } from '../testing/fake-load-balancer.js';
import { localTiming } from '../timing/index.js';
import { startDeployment } from './start-deployment.js';

// Rolling deployments and the circuit breaker through the real control loops,
// with fake Docker, a fake load balancer and fake Service Connect, in fake time.

const MANIFEST = fileURLToPath(new URL('../../../../stack.yaml', import.meta.url));
const USERS = 'service-users-ecs';

/** Records every call in one ordered log (Service Connect pushes and load balancer drains). */
class RecordingLoadBalancer extends FakeLoadBalancer {
  constructor(private readonly log: string[]) {
    super();
  }

  override async deregisterTargets(targetGroupName: string, targetIds: readonly string[]): Promise<void> {
    for (const id of targetIds) this.log.push(`drain ${id}`);
    await super.deregisterTargets(targetGroupName, targetIds);
  }
}

function recordingServiceConnect(log: string[]): ServiceConnect & { endpoints: Map<string, readonly ServiceConnectEndpoint[]> } {
  const endpoints = new Map<string, readonly ServiceConnectEndpoint[]>();
  return {
    endpoints,
    ensureNamespace: async () => ({ networkName: 'net' }),
    ensureAgent: async () => {},
    setEndpoints: async (name, eps) => {
      endpoints.set(name, eps);
      log.push(`sc ${name} ${eps.map((e) => e.id).join(',')}`);
    },
    remove: async () => {},
  };
}

let stack: Stack;
beforeAll(async () => {
  stack = await loadStack(MANIFEST);
});

async function world(options: { stack?: Stack; dir?: string; docker?: FakeContainerRuntime; clock?: FakeClock } = {}) {
  const clock = options.clock ?? new FakeClock(1_700_000_000_000);
  const docker = options.docker ?? new FakeContainerRuntime(() => clock.now());
  const log: string[] = [];
  const lb = new RecordingLoadBalancer(log);
  const sc = recordingServiceConnect(log);
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'ecs-twin-rollout-')));
  const runtime = new StackRuntime({
    stack: options.stack ?? stack,
    timing: localTiming,
    runtime: docker,
    adapters: { createLoadBalancer: () => lb, createServiceConnect: () => sc },
    stateDir: dir,
    clock,
  });
  await runtime.start();
  const until = async (what: string, cond: () => boolean, maxMs = 120_000) => {
    for (let waited = 0; waited <= maxMs; waited += 100) {
      if (cond()) return;
      await clock.advance(100);
    }
    const deps = runtime.controller(USERS).record.deployments.map((d) => `${d.id}:${d.taskDefinition}:${d.rolloutState}:${d.failedTasks}`);
    throw new Error(`${what}: not within ${maxMs} ms of fake time (${deps.join(' ')})\n${messages().slice(-15).join('\n')}`);
  };
  const messages = () => runtime.events.recent(() => true, 500).map((e) => e.message).reverse();
  /** The users deployments at the moment the circuit breaker tripped (the failed one drops out soon after). */
  let atTrip: readonly DeploymentRecord[] = [];
  runtime.events.subscribe((e) => {
    if (e.kind === 'deployment' && e.detail?.failure) atTrip = runtime.controller(USERS).record.deployments;
  });
  const users = () => docker.running().filter((c) => c.labels[LABEL.service] === USERS);
  /** New targets start in `state` (the ALB's verdict on the new revision). */
  const healthOfNew = (state: 'healthy' | 'unhealthy') => (lb.initialState = state);
  return { clock, docker, lb, sc, log, dir, runtime, until, messages, users, healthOfNew, record: () => runtime.controller(USERS).record, atTrip: () => atTrip };
}

describe('rolling deployment (fake time)', () => {
  it('starts the new task first, drains the old one only after the new one is healthy, and completes', async () => {
    const w = await world();
    await w.until('steady', () => w.runtime.isSteady());
    const [old] = w.users();
    const result = await startDeployment(w.runtime, 'users', { imageTag: 'v0.0.2', environment: { API_VERSION: 'v0.0.2' } });
    expect(result).toMatchObject({ serviceName: USERS, taskDefinition: 'service-users-td:2', registered: true, started: true, image: 'service-users:v0.0.2' });
    expect(w.runtime.isDeploymentInProgress(USERS)).toBe(true); // the autoscaler holds scale-in
    await w.until('completed', () => w.runtime.isSteady() && w.record().deployments.length === 1);
    const [now] = w.users();
    expect(now!.spec.image).toBe('service-users:v0.0.2');
    expect(now!.spec.environment.API_VERSION).toBe('v0.0.2');
    expect(w.record()).toMatchObject({ lastCompletedTaskDefinition: 'service-users-td:2' });
    expect(w.record().deployments[0]).toMatchObject({ status: 'PRIMARY', rolloutState: 'COMPLETED', id: result.deploymentId });
    // Service Connect: never an empty set once the service ran; the old task left it (with the
    // new one already in) before its drain began.
    const oldId = old!.labels[LABEL.taskId]!;
    const newId = now!.labels[LABEL.taskId]!;
    const pushes = w.log.map((l, i) => [l, i] as const).filter(([l]) => l.startsWith('sc users '));
    const firstServed = pushes.findIndex(([l]) => l.includes(oldId));
    expect(pushes.slice(firstServed).every(([l]) => l.length > 'sc users '.length)).toBe(true);
    const withdrawn = pushes.slice(firstServed).find(([l]) => !l.includes(oldId));
    expect(withdrawn?.[0]).toBe(`sc users ${newId}`);
    expect(w.log.indexOf(`drain ${oldId}`)).toBeGreaterThan(withdrawn![1]);
    expect(w.log.slice(w.log.indexOf(`drain ${oldId}`)).filter((l) => l.startsWith('sc users') && l.includes(oldId))).toEqual([]);
    expect(w.messages()).toContainEqual(expect.stringMatching(/deployment completed\.$/));
    await w.runtime.shutdown({ stopTasks: true });
  });

  it('rolls a revision whose targets fail health checks back, without ever stopping the old task', async () => {
    const w = await world();
    await w.until('steady', () => w.runtime.isSteady());
    const [old] = w.users();
    const oldId = old!.labels[LABEL.taskId]!;
    w.healthOfNew('unhealthy');
    const { deploymentId } = await startDeployment(w.runtime, 'users', { environment: { PORT: '3999' } });
    await w.until('rolled back', () => w.atTrip().length > 0);
    const [rollback, failed] = w.atTrip();
    expect(failed).toMatchObject({ id: deploymentId, status: 'ACTIVE', rolloutState: 'FAILED', taskDefinition: 'service-users-td:2', failedTasks: 3 });
    expect(failed!.rolloutStateReason).toBe('ECS deployment circuit breaker: tasks failed health checks.');
    expect(rollback).toMatchObject({ status: 'PRIMARY', taskDefinition: 'service-users-td:1' });
    await w.until('settled', () => w.runtime.isSteady() && w.record().deployments.length === 1);
    expect(w.record().deployments[0]).toMatchObject({ id: rollback!.id, rolloutState: 'COMPLETED', taskDefinition: 'service-users-td:1' });
    // The old task served throughout: adopted by the rollback, never stopped, never drained.
    expect(w.users().map((c) => c.labels[LABEL.taskId])).toEqual([oldId]);
    expect(w.log).not.toContain(`drain ${oldId}`);
    // Three tasks of td:2 were launched and stopped, no fourth (the trip cancels that step's launch).
    const launched = w.docker.started.filter((s) => s.labels[LABEL.taskDefinition] === 'service-users-td:2');
    expect(launched).toHaveLength(3);
    expect(w.messages()).toContain(`(service ${USERS}) (deployment ${deploymentId}) deployment failed: tasks failed health checks.`);
    expect(w.messages()).toContain(`(service ${USERS}) rolling back to service-users-td:1 (deployment ${rollback!.id}).`);
    await w.runtime.shutdown({ stopTasks: true });
  });

  it('rolls back a revision whose tasks cannot start (stage 1), honouring the launch backoff', async () => {
    const w = await world();
    await w.until('steady', () => w.runtime.isSteady());
    w.docker.failStart = (spec) => (spec.image === 'service-users:v0.0.9' ? 'CannotPullContainerError: service-users:v0.0.9 not found' : undefined);
    const started = w.clock.now();
    await startDeployment(w.runtime, 'users', { imageTag: 'v0.0.9' });
    await w.until('failed', () => w.atTrip().length > 0);
    expect(w.atTrip()[1]!.rolloutStateReason).toBe('ECS deployment circuit breaker: tasks failed to start.');
    // Launch attempts at 0, +0 (first retry immediate), then +1 s: the third failure arrives after the backoff.
    expect(w.clock.now() - started).toBeGreaterThanOrEqual(1_000);
    await w.until('settled', () => w.runtime.isSteady() && w.record().deployments.length === 1);
    expect(w.users().map((c) => c.spec.image)).toEqual(['service-users:v0.0.1']);
    await w.runtime.shutdown({ stopTasks: true });
  });

  it('without rollback the failed deployment launches no more tasks and the old task keeps serving', async () => {
    const noRollback: Stack = {
      ...stack,
      services: stack.services.map((s) =>
        s.serviceName === USERS ? { ...s, deployment: { ...s.deployment, circuitBreaker: { enable: true, rollback: false } } } : s,
      ),
    };
    const w = await world({ stack: noRollback });
    await w.until('steady', () => w.runtime.isSteady());
    w.healthOfNew('unhealthy');
    await startDeployment(w.runtime, 'users', { environment: { PORT: '3999' } });
    await w.until('failed', () => w.record().deployments[0]?.rolloutState === 'FAILED');
    const launches = w.docker.started.length;
    await w.clock.advance(60_000);
    expect(w.docker.started.length).toBe(launches);
    expect(w.users().map((c) => c.labels[LABEL.taskDefinition])).toEqual(['service-users-td:1']);
    expect(w.runtime.isDeploymentInProgress(USERS)).toBe(true);
    await w.runtime.shutdown({ stopTasks: true });
  });

  it('a rebuilt image under the same tag is a forced new deployment of the same revision', async () => {
    const w = await world();
    await w.until('steady', () => w.runtime.isSteady());
    const same = await startDeployment(w.runtime, 'users', {});
    expect(same).toMatchObject({ started: false, registered: false, taskDefinition: 'service-users-td:1' });
    const forced = await startDeployment(w.runtime, 'users', { forceNewDeployment: true });
    expect(forced).toMatchObject({ started: true, registered: false, taskDefinition: 'service-users-td:1' });
    await w.until('completed', () => w.runtime.isSteady() && w.record().deployments[0]?.id === forced.deploymentId);
    expect(w.docker.started.filter((s) => s.labels[LABEL.service] === USERS)).toHaveLength(2);
    await w.runtime.shutdown({ stopTasks: true });
  });

  it('starts from the manifest when stack.yaml changed since `up` (so `--image-tag` alone ships its edits), else from the PRIMARY', async () => {
    const w = await world();
    await w.until('steady', () => w.runtime.isSteady());
    const users = stack.services.find((s) => s.serviceName === USERS)!;
    const envOf = () => w.users()[0]!.spec.environment;
    await startDeployment(w.runtime, 'users', { environment: { EXTRA: '1' }, manifestTaskDefinition: users.taskDefinition });
    const done = (td: string) => () => w.record().deployments.length === 1 && w.record().deployments[0]!.taskDefinition === td && w.record().deployments[0]!.rolloutState === 'COMPLETED';
    await w.until('first', done('service-users-td:2'));
    expect(envOf()).toMatchObject({ API_VERSION: 'v0.0.1', EXTRA: '1' }); // unchanged manifest: built on the PRIMARY
    const edited = {
      ...users.taskDefinition,
      containers: users.taskDefinition.containers.map((c) => ({ ...c, environment: { ...c.environment, API_VERSION: 'v0.0.2' } })),
    };
    await startDeployment(w.runtime, 'users', { imageTag: 'v0.0.2', manifestTaskDefinition: edited });
    await w.until('second', done('service-users-td:3'));
    expect(envOf()).toMatchObject({ API_VERSION: 'v0.0.2' });
    expect(envOf().EXTRA).toBeUndefined(); // the edited manifest is the base now
    expect(w.users()[0]!.spec.image).toBe('service-users:v0.0.2');
    await w.runtime.shutdown({ stopTasks: true });
  });

  it('a restarted emulator keeps the deployed revision (the manifest did not change) and finishes a rollout in progress', async () => {
    const w = await world();
    await w.until('steady', () => w.runtime.isSteady());
    w.lb.initialState = 'initial'; // the new task is not healthy yet when the emulator dies
    await startDeployment(w.runtime, 'users', { imageTag: 'v0.0.2' });
    await w.clock.advance(1_000);
    expect(w.users()).toHaveLength(2);
    await w.runtime.shutdown({ stopTasks: false }); // as after a SIGKILL: tasks keep running
    const again = await world({ dir: w.dir, docker: w.docker, clock: w.clock });
    expect(again.record().deployments.map((d) => d.taskDefinition)).toEqual(['service-users-td:2', 'service-users-td:1']);
    await again.until('completed', () => again.runtime.isSteady() && again.record().deployments.length === 1);
    expect(again.users().map((c) => c.spec.image)).toEqual(['service-users:v0.0.2']);
    expect(again.record().deployments[0]!.taskDefinition).toBe('service-users-td:2');
    await again.runtime.shutdown({ stopTasks: true });
  });
});
