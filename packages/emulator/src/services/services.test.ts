import type { ObservedContainer } from '../docker/index.js';
import { serviceConnectEndpoints } from './endpoints.js';
import { observeTasks } from './observe-tasks.js';

const container = (taskId: string, state: ObservedContainer['state'], extra: Partial<ObservedContainer> = {}): ObservedContainer => ({
  containerId: `cid-${taskId}`,
  name: taskId,
  image: 'img',
  state,
  createdAt: 1000,
  hostPort: 40000,
  ipAddresses: { net: `10.0.0.${taskId.length}` },
  labels: {
    'ecs-twin.task-id': taskId,
    'ecs-twin.task-definition': 'fam:1',
    'ecs-twin.deployment': 'd1',
    'ecs-twin.container': 'c',
  },
  ...extra,
});

const base = {
  serviceName: 'svc',
  provisioning: [],
  overlays: new Map(),
  registered: new Set<string>(),
  networkName: 'net',
  deploymentOf: (id: string) => id,
  startedAt: new Map(),
};

describe('observeTasks', () => {
  it('maps Docker states to ECS lastStatus, with the emulator overlay on running tasks', () => {
    const tasks = observeTasks({
      ...base,
      containers: [container('a', 'running'), container('bb', 'exited'), container('ccc', 'created'), container('dddd', 'running')],
      overlays: new Map([['dddd', 'DEACTIVATING' as const]]),
      registered: new Set(['a']),
    });
    expect(tasks.map((t) => [t.taskId, t.lastStatus, t.registered])).toEqual([
      ['a', 'RUNNING', true],
      ['bb', 'STOPPED', false],
      ['ccc', 'PENDING', false],
      ['dddd', 'DEACTIVATING', false],
    ]);
    expect(tasks[0]).toMatchObject({ namespaceIp: '10.0.0.1', hostPort: 40000, deploymentId: 'd1', taskDefinition: 'fam:1' });
  });

  it('adds tasks being provisioned until Docker lists their container', () => {
    const provisioning = [{ taskId: 'p', serviceName: 'svc', deploymentId: 'd1', taskDefinition: 'fam:1', containerName: 'c', lastStatus: 'PROVISIONING' as const, createdAt: 5 }];
    expect(observeTasks({ ...base, containers: [], provisioning }).map((t) => t.lastStatus)).toEqual(['PROVISIONING']);
    expect(observeTasks({ ...base, containers: [container('p', 'running')], provisioning }).map((t) => t.lastStatus)).toEqual(['RUNNING']);
  });

  describe('a task with sidecars (one Docker container per container definition)', () => {
    const sidecar = (taskId: string, name: string, state: ObservedContainer['state'], essential: boolean): ObservedContainer => {
      const main = container(taskId, state);
      const labels = { ...main.labels, 'ecs-twin.container': name, 'ecs-twin.sidecar': 'true', 'ecs-twin.essential': String(essential) };
      // Listed before the main container, to show the order Docker gives does not matter.
      return { ...main, containerId: `cid-${taskId}-${name}`, hostPort: undefined, ipAddresses: {}, labels };
    };
    const observe = (...containers: ObservedContainer[]) => observeTasks({ ...base, containers });

    it('is one task, seen through its main container, with its sidecars listed', () => {
      const [task, ...rest] = observe(sidecar('a', 'log-router', 'running', false), container('a', 'running'));
      expect(rest).toEqual([]);
      expect(task).toMatchObject({ taskId: 'a', lastStatus: 'RUNNING', containerId: 'cid-a', containerName: 'c', hostPort: 40000, namespaceIp: '10.0.0.1' });
      expect(task!.sidecars).toEqual([{ containerId: 'cid-a-log-router', containerName: 'log-router', essential: false, live: true }]);
    });

    it('keeps running when a non-essential sidecar exits', () => {
      expect(observe(sidecar('a', 'init', 'exited', false), container('a', 'running'))[0]!.lastStatus).toBe('RUNNING');
    });

    it('is STOPPED as soon as an essential sidecar exits, even while the main container runs', () => {
      expect(observe(sidecar('a', 'proxy', 'exited', true), container('a', 'running'))[0]!.lastStatus).toBe('STOPPED');
      expect(observe(sidecar('a', 'proxy', 'running', true), container('a', 'running'))[0]!.lastStatus).toBe('RUNNING');
    });
  });

  it('maps a task of an unknown deployment onto the deployment running its revision', () => {
    const tasks = observeTasks({ ...base, containers: [container('a', 'running')], deploymentOf: (_id, td) => (td === 'fam:1' ? 'primary' : _id) });
    expect(tasks[0]!.deploymentId).toBe('primary');
  });
});

describe('serviceConnectEndpoints', () => {
  const tasks = observeTasks({
    ...base,
    containers: [container('a', 'running'), container('bb', 'running'), container('ccc', 'running'), container('dddd', 'exited')],
    overlays: new Map([['ccc', 'DEACTIVATING' as const]]),
  });

  it('spreads over healthy, running, non-draining tasks only', () => {
    const eps = serviceConnectEndpoints(tasks, new Map([['a', 'HEALTHY'], ['bb', 'UNKNOWN'], ['ccc', 'HEALTHY']]), 3000);
    expect(eps).toEqual([{ id: 'a', address: '10.0.0.1', port: 3000 }]);
  });

  it('fails open to every running, non-draining task while none is healthy (re-attach, boot)', () => {
    const eps = serviceConnectEndpoints(tasks, new Map([['a', 'UNKNOWN'], ['bb', 'UNHEALTHY']]), 3000);
    expect(eps.map((e) => e.id)).toEqual(['a', 'bb']);
  });
});
