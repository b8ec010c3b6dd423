import { fileURLToPath } from 'node:url';
import { LABEL } from '../labels/index.js';
import { docker, get, labelled, TUTORIAL } from './int-helpers.js';
import { startStack, type StartedStack } from './start-stack.js';

// The tutorial's stack.yaml on the real engine, on the manifest's own ports:
// the two curl calls of the tutorial, the status view, and `down`.
process.env.ECS_TWIN_TEST = 'true';
const MANIFEST = fileURLToPath(new URL('../../../../stack.yaml', import.meta.url));
const NAME = `it-tutorial-${process.pid}`;
const USERS = 'service-users-ecs';

describe('the tutorial stack on Docker (testing API, ports 8000/8001)', () => {
  let stack: StartedStack;

  beforeAll(async () => {
    stack = await startStack({ file: MANIFEST, ports: 'manifest', stackName: NAME });
  }, 300_000);

  afterAll(async () => {
    await stack?.down();
  }, 120_000);

  it('answers the tutorial calls through the load balancer with exactly the tutorial JSON', async () => {
    expect(stack.urls).toEqual({ 8000: 'http://127.0.0.1:8000', 8001: 'http://127.0.0.1:8001' });
    expect(await get('http://127.0.0.1:8000/service-products')).toEqual({ status: 200, body: `${TUTORIAL.products}\n` });
    expect(await get('http://127.0.0.1:8001/service-users')).toEqual({ status: 200, body: `${TUTORIAL.users}\n` });
    expect(stack.url('users')).toBe('http://127.0.0.1:8000');
  });

  it('reports status with ECS field names', () => {
    const status = stack.status();
    expect(status.cluster).toBe('ecs-cluster');
    expect(status.services.map((s) => [s.serviceName, s.desiredCount, s.runningCount, s.pendingCount, s.taskDefinition])).toEqual([
      ['service-users-ecs', 1, 1, 0, 'service-users-td:1'],
      ['service-products-ecs', 1, 1, 0, 'service-products-td:1'],
    ]);
    expect(status.services[0]!.deployments).toEqual([
      expect.objectContaining({ status: 'PRIMARY', rolloutState: 'COMPLETED', taskDefinition: 'service-users-td:1', desiredCount: 1, runningCount: 1 }),
    ]);
    expect(status.services[0]!.events.map((e) => e.message)).toContain(`(service ${USERS}) has reached a steady state.`);
    expect(status.tasks.filter((t) => t.lastStatus === 'RUNNING').map((t) => t.healthStatus)).toEqual(['HEALTHY', 'HEALTHY']);
    expect(status.targetGroups.map((g) => [g.targetGroupName, g.targets.map((t) => t.state)])).toEqual([
      ['service-users-tg', ['healthy']],
      ['service-products-tg', ['healthy']],
    ]);
    expect(status.listeners.map((l) => [l.port, l.targetGroupName])).toEqual([
      [8000, 'service-users-tg'],
      [8001, 'service-products-tg'],
    ]);
  });

  it('down removes every container and network of the stack, and nothing else', async () => {
    // A bystander that differs only by stack name must survive.
    const bystander = await docker('create', '--label', `${LABEL.stack}=${NAME}-bystander`, '--label', `${LABEL.test}=true`, 'service-users:v0.0.1');
    try {
      expect((await labelled('containers', `${LABEL.stack}=${NAME}`)).length).toBeGreaterThanOrEqual(4); // 2 tasks, 2 agents (+ helpers)
      await stack.down();
      expect(await labelled('containers', `${LABEL.stack}=${NAME}`)).toEqual([]);
      expect(await labelled('networks', `${LABEL.stack}=${NAME}`)).toEqual([]);
      expect(await docker('ps', '-aq', '--no-trunc', '--filter', `id=${bystander}`)).toBe(bystander);
      expect(await get('http://127.0.0.1:8000/users', 1000)).toMatchObject({ status: 0 });
    } finally {
      await docker('rm', '-f', bystander);
    }
  }, 120_000);
});
