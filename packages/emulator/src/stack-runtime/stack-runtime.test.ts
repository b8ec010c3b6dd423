import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadStack, type Stack } from '@ecs-twin/manifest';
import { FakeClock } from '../clock/index.js';
import { LABEL } from '../labels/index.js';
import { FakeContainerRuntime } from '../testing/fake-container-runtime.js';
import { FakeLoadBalancer } from '../testing/fake-load-balancer.js';
import { StateStore } from '../state/index.js';
import { localTiming } from '../timing/index.js';
import { StackRuntime } from './stack-runtime.js';

const MANIFEST = fileURLToPath(new URL('../../../../stack.yaml', import.meta.url));
const USERS = 'service-users-ecs';

interface World {
  clock: FakeClock;
  docker: FakeContainerRuntime;
  lb: FakeLoadBalancer;
  runtime: StackRuntime;
  dir: string;
  messages: () => string[];
  until: (cond: () => boolean, maxMs?: number) => Promise<void>;
  tasksOf: (service: string) => ReturnType<FakeContainerRuntime['running']>;
}

let stack: Stack;
beforeAll(async () => {
  stack = await loadStack(MANIFEST);
});

async function world(setup: (docker: FakeContainerRuntime) => void = () => {}, stackToRun: Stack = stack): Promise<World> {
  const clock = new FakeClock(1_700_000_000_000);
  const docker = new FakeContainerRuntime(() => clock.now());
  setup(docker);
  const lb = new FakeLoadBalancer();
  const dir = await mkdtemp(join(tmpdir(), 'ecs-twin-rt-'));
  const runtime = new StackRuntime({ stack: stackToRun, timing: localTiming, runtime: docker, adapters: { createLoadBalancer: () => lb }, stateDir: dir, clock });
  await runtime.start();
  const until = async (cond: () => boolean, maxMs = 30_000) => {
    for (let waited = 0; waited <= maxMs; waited += 100) {
      if (cond()) return;
      await clock.advance(100);
    }
    const snaps = runtime.serviceNames().map((n) => JSON.stringify({ n, steady: runtime.controller(n).snapshot()?.steady, tasks: runtime.controller(n).snapshot()?.tasks.map((t) => t.lastStatus + ':' + t.deploymentId), deps: runtime.controller(n).record.deployments.map((d) => d.id + ':' + d.rolloutState) }));
    throw new Error(`condition not met within ${maxMs} ms of fake time\n${snaps.join('\n')}\n${runtime.events.recent(() => true, 30).map((e) => e.message).reverse().join('\n')}`);
  };
  return {
    clock,
    docker,
    lb,
    runtime,
    dir,
    until,
    messages: () => runtime.events.recent(() => true, 500).map((e) => e.message).reverse(),
    tasksOf: (service) => docker.running().filter((c) => c.labels[LABEL.service] === service),
  };
}


describe('StackRuntime control loops (fake Docker, fake time)', () => {
  it('starts every service at its desired count, registers the targets, and reaches a steady state', async () => {
    const w = await world();
    await w.until(() => w.runtime.isSteady());
    expect(w.tasksOf(USERS)).toHaveLength(1);
    expect(w.tasksOf('service-products-ecs')).toHaveLength(1);
    expect(w.lb.describeTargetHealth('service-users-tg').map((t) => t.state)).toEqual(['healthy']);
    const started = w.docker.started.find((s) => s.labels[LABEL.service] === USERS)!;
    expect(started).toMatchObject({ cpuUnits: 256, memoryMiB: 512, containerPort: 3000, image: 'service-users:v0.0.1' });
    expect(started.environment).toMatchObject({ API_VERSION: 'v0.0.1', SERVICE_PRODUCTS: 'http://products:3000' });
    expect(w.messages()).toContainEqual(expect.stringMatching(/^\(service service-users-ecs\) has started 1 tasks: \(task [0-9a-f]{32}\)\.$/));
    expect(w.messages()).toContain('(service service-users-ecs) has reached a steady state.');
    await w.runtime.shutdown({ stopTasks: true });
  });

  it('replaces a task that exits, with ECS stopped reason, and deregisters its target', async () => {
    const w = await world();
    await w.until(() => w.runtime.isSteady());
    const [victim] = w.tasksOf(USERS);
    const taskId = victim!.labels[LABEL.taskId]!;
    w.docker.exit(victim!.containerId, 137);
    await w.until(() => w.tasksOf(USERS).length === 1 && w.tasksOf(USERS)[0]!.containerId !== victim!.containerId && w.runtime.isSteady());
    expect(w.lb.deregistered).toContain(taskId);
    expect(w.runtime.stateStore().state.stoppedTasks[taskId]).toMatchObject({
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
    });
    expect(w.messages()).toContainEqual(`(service ${USERS}) (task ${taskId}) stopped: Essential container in task exited (exit code 137).`);
    await w.runtime.shutdown({ stopTasks: true });
  });

  it('an OOM kill is reported as OutOfMemoryError and replaced', async () => {
    const w = await world();
    await w.until(() => w.runtime.isSteady());
    const [victim] = w.tasksOf(USERS);
    w.docker.exit(victim!.containerId, 137, true);
    await w.until(() => w.tasksOf(USERS).length === 1 && w.tasksOf(USERS)[0]!.containerId !== victim!.containerId);
    expect(w.runtime.stateStore().state.stoppedTasks[victim!.labels[LABEL.taskId]!]!.stoppedReason).toBe(
      'OutOfMemoryError: Container killed due to memory usage',
    );
    await w.runtime.shutdown({ stopTasks: true });
  });

  it('backs off a crash loop instead of relaunching every scheduler tick', async () => {
    const w = await world();
    await w.until(() => w.runtime.isSteady());
    const before = w.docker.started.length;
    // Every users task dies right after it starts, before it could become healthy.
    w.lb.initialState = 'initial';
    for (let ms = 0; ms < 20_000; ms += 100) {
      for (const c of w.tasksOf(USERS)) w.docker.exit(c.containerId, 1);
      await w.clock.advance(100);
    }
    const launches = w.docker.started.length - before;
    // 500 ms ticks would give ~40 launches; the backoff (0, 1, 2, 4, 8 s ...) allows about 6.
    expect(launches).toBeGreaterThanOrEqual(3);
    expect(launches).toBeLessThanOrEqual(8);
    expect(w.messages()).toContainEqual(expect.stringContaining(`(service ${USERS}) is unable to consistently start tasks successfully`));
    await w.runtime.shutdown({ stopTasks: true });
  });

  it('a task that cannot start is TaskFailedToStart with the engine reason, and retried with backoff', async () => {
    const w = await world((docker) => {
      docker.failStart = (spec) => (spec.labels[LABEL.service] === USERS ? 'CannotPullContainerError: image service-users:v0.0.1 not found locally' : undefined);
    });
    await w.clock.advance(5_000);
    const failed = w.runtime.controller(USERS).failedTasks();
    // Retried with backoff (0, 1, 2 s ...), not at every 500 ms tick.
    expect(failed.length).toBeGreaterThanOrEqual(2);
    expect(failed.length).toBeLessThanOrEqual(5);
    expect(failed[0]).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'TaskFailedToStart', stoppedReason: expect.stringContaining('CannotPullContainerError') });
    w.docker.failStart = () => undefined;
    await w.until(() => w.runtime.isSteady(), 60_000);
    await w.runtime.shutdown({ stopTasks: true });
  });

  it('setDesiredCount (the autoscaler port) scales out and in, and the count survives a restart', async () => {
    const w = await world();
    await w.until(() => w.runtime.isSteady());
    await w.runtime.setDesiredCount(USERS, 3, 'monitor alarm TargetTracking-...-AlarmHigh in state ALARM');
    await w.until(() => w.tasksOf(USERS).length === 3 && w.runtime.isSteady());
    expect(w.messages()).toContainEqual(expect.stringContaining(`(service ${USERS}) desired count changed from 1 to 3: monitor alarm`));
    expect(w.runtime.getDesiredCount(USERS)).toBe(3);
    expect(w.runtime.isDeploymentInProgress(USERS)).toBe(false);
    await w.runtime.stateStore().flush();
    expect((await StateStore.open(w.dir, stack.stack)).state.services[USERS]!.desiredCount).toBe(3);
    await w.runtime.setDesiredCount('users', 1, 'scale in');
    await w.until(() => w.tasksOf(USERS).length === 1 && w.runtime.isSteady());
    await w.runtime.shutdown({ stopTasks: true });
  });

  it('re-attaches to running tasks without restarting them (a new runtime on the same Docker and state)', async () => {
    const w = await world();
    await w.until(() => w.runtime.isSteady());
    const ids = w.docker.running().map((c) => c.containerId).sort();
    await w.runtime.shutdown({ stopTasks: false }); // like a SIGKILL: tasks keep running
    const lb = new FakeLoadBalancer();
    const again = new StackRuntime({ stack, timing: localTiming, runtime: w.docker, adapters: { createLoadBalancer: () => lb }, stateDir: w.dir, clock: w.clock });
    await again.start();
    for (let i = 0; i < 20 && !again.isSteady(); i++) await w.clock.advance(100);
    expect(again.isSteady()).toBe(true);
    expect(w.docker.running().map((c) => c.containerId).sort()).toEqual(ids);
    expect(lb.describeTargetHealth('service-users-tg')).toHaveLength(1);
    await again.shutdown({ stopTasks: true });
    expect(w.docker.running()).toHaveLength(0);
  });

  it('launches no more tasks at once than the host CPUs can boot, and the rest as the first ones turn healthy', async () => {
    const many = { ...stack, services: stack.services.map((s) => (s.serviceName === USERS ? { ...s, desiredCount: 30 } : s)) };
    const w = await world((docker) => (docker.cpus = 2), many);
    w.lb.initialState = 'initial'; // the apps boot until the test says they answer
    await w.clock.advance(2000);
    // 2 cores, 0.25 vCPU per task: 8 boots at once, whatever the service.
    expect(w.docker.running()).toHaveLength(8);
    const boot = (n: number) => {
      const group = w.lb.groups.get('service-users-tg') ?? new Map();
      const booting = [...group.values()].filter((e) => e.state === 'initial').slice(0, n);
      for (const e of booting) w.lb.setState('service-users-tg', e.target.id, 'healthy');
    };
    boot(3);
    await w.clock.advance(1000);
    expect(w.docker.running()).toHaveLength(11);
    await w.until(() => {
      boot(30);
      for (const e of w.lb.groups.get('service-products-tg')?.values() ?? []) w.lb.setState('service-products-tg', e.target.id, 'healthy');
      return w.runtime.isSteady();
    }, 60_000);
    expect(w.tasksOf(USERS)).toHaveLength(30);
    expect(w.docker.started).toHaveLength(31); // nothing replaced
    await w.runtime.shutdown({ stopTasks: true });
  });

  it('a task larger than the host starts anyway, and the clamp is said once per revision', async () => {
    const big = {
      ...stack,
      services: stack.services.map((s) => (s.serviceName === USERS ? { ...s, desiredCount: 3, taskDefinition: { ...s.taskDefinition, cpu: 4096 } } : s)),
    };
    const w = await world((docker) => (docker.cpus = 2), big);
    await w.until(() => w.runtime.isSteady());
    expect(w.tasksOf(USERS)).toHaveLength(3);
    // The declared size is what the task definition (and CPU% of the reservation) keeps.
    expect(w.docker.started.find((s) => s.labels[LABEL.service] === USERS)).toMatchObject({ cpuUnits: 4096 });
    const warnings = w.runtime.events.recent((e) => e.kind === 'warning', 50);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(/service-users-td:1 asks for 4 vCPU \(cpu: 4096\) and this host has 2: its containers are limited to 2 vCPU/);
    await w.runtime.shutdown({ stopTasks: true });
  });

  it('updateService rolls out a new revision within 100/200 and drops the old deployment', async () => {
    const w = await world();
    await w.runtime.setDesiredCount(USERS, 2, 'test');
    await w.until(() => w.runtime.isSteady());
    const users = stack.services.find((s) => s.serviceName === USERS)!;
    const next = { ...users.taskDefinition, containers: users.taskDefinition.containers.map((c) => ({ ...c, environment: { ...c.environment, API_VERSION: 'v0.0.2' } })) };
    w.lb.initialState = 'initial';
    const { taskDefinition } = await w.runtime.updateService(USERS, { taskDefinition: next });
    expect(taskDefinition).toBe('service-users-td:2');
    expect(w.runtime.isDeploymentInProgress(USERS)).toBe(true);
    await w.clock.advance(1_000);
    // New tasks run but are not healthy yet: both old ones still serve, total within 200 %.
    expect(w.tasksOf(USERS)).toHaveLength(4);
    for (const c of w.tasksOf(USERS)) w.lb.setState('service-users-tg', c.labels[LABEL.taskId]!, 'healthy');
    await w.until(() => w.runtime.isSteady());
    const left = w.tasksOf(USERS);
    expect(left.map((c) => c.labels[LABEL.taskDefinition])).toEqual(['service-users-td:2', 'service-users-td:2']);
    expect(left.map((c) => c.spec.environment.API_VERSION)).toEqual(['v0.0.2', 'v0.0.2']);
    const deployments = w.runtime.controller(USERS).record.deployments;
    expect(deployments).toHaveLength(1);
    expect(deployments[0]).toMatchObject({ status: 'PRIMARY', rolloutState: 'COMPLETED', taskDefinition: 'service-users-td:2' });
    expect(w.runtime.isDeploymentInProgress(USERS)).toBe(false);
    await w.runtime.shutdown({ stopTasks: true });
  });

  describe('a task definition with sidecars', () => {
    // The users task gains an essential `proxy` and a non-essential `init` beside its app container.
    const withSidecars = (): Stack => ({
      ...stack,
      services: stack.services.map((s) => {
        if (s.serviceName !== USERS) return s;
        const [app] = s.taskDefinition.containers;
        const sidecar = (name: string, essential: boolean) => ({ ...app!, name, essential, portMappings: [] });
        return { ...s, taskDefinition: { ...s.taskDefinition, containers: [app!, sidecar('proxy', true), sidecar('init', false)] } };
      }),
    });
    const containerOf = (w: World, taskId: string, name: string) =>
      [...w.docker.containers.values()].find((c) => c.labels[LABEL.taskId] === taskId && c.labels[LABEL.container] === name)!;

    it('runs every container of the task; a non-essential one exiting leaves the task running', async () => {
      const w = await world(undefined, withSidecars());
      await w.until(() => w.runtime.isSteady());
      const [main] = w.tasksOf(USERS).filter((c) => c.labels[LABEL.sidecar] !== 'true');
      const taskId = main!.labels[LABEL.taskId]!;
      expect(w.tasksOf(USERS).map((c) => c.labels[LABEL.container]).sort()).toEqual(['container-users', 'init', 'proxy']);
      w.docker.exit(containerOf(w, taskId, 'init').containerId, 0);
      await w.clock.advance(10_000);
      const task = w.runtime.controller(USERS).snapshot()!.tasks.find((t) => t.taskId === taskId)!;
      expect(task.lastStatus).toBe('RUNNING');
      expect(task.sidecars?.find((c) => c.containerName === 'init')).toMatchObject({ essential: false, live: false });
      expect(w.lb.deregistered).not.toContain(taskId);
      expect(w.docker.started.filter((s) => s.labels[LABEL.service] === USERS)).toHaveLength(1);
      await w.runtime.shutdown({ stopTasks: true });
      expect(w.docker.running()).toEqual([]);
    });

    it("an essential sidecar's exit stops the whole task with ECS's reason and its exit code, and it is replaced", async () => {
      const w = await world(undefined, withSidecars());
      await w.until(() => w.runtime.isSteady());
      const [main] = w.tasksOf(USERS).filter((c) => c.labels[LABEL.sidecar] !== 'true');
      const taskId = main!.labels[LABEL.taskId]!;
      w.docker.exit(containerOf(w, taskId, 'proxy').containerId, 3);
      await w.until(() => w.runtime.isSteady() && w.tasksOf(USERS).every((c) => c.labels[LABEL.taskId] !== taskId));
      expect(w.runtime.stateStore().state.stoppedTasks[taskId]).toMatchObject({
        stopCode: 'EssentialContainerExited',
        stoppedReason: 'Essential container in task exited',
        exitCode: 3,
      });
      // The main container was stopped with its own stopTimeout, after the target left the group.
      expect(containerOf(w, taskId, 'container-users')).toMatchObject({ state: 'exited', stoppedWith: 30 });
      expect(w.lb.deregistered).toContain(taskId);
      expect(w.tasksOf(USERS).map((c) => c.labels[LABEL.container]).sort()).toEqual(['container-users', 'init', 'proxy']);
      await w.runtime.shutdown({ stopTasks: true });
    });
  });
});
