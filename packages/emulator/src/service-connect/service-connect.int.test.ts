// Service Connect against the real Docker engine: namespace network, one agent
// for `users`, three task stand-ins, and one-shot client containers.
import Docker from 'dockerode';
import { promises as dns } from 'node:dns';
import { randomBytes } from 'node:crypto';
import { ensureNodeRuntimeImage } from '@ecs-twin/images';
import { stackLabels } from '../labels/index.js';
import { DockerServiceConnect } from './docker-service-connect.js';
import { NamespaceInUseError } from './errors.js';
import type { ServiceConnectEndpoint } from './contract.js';
import { ID_SERVER_SCRIPT, lastJsonLine, removeStackObjects, runNodeOnce, startNodeContainer } from './testing/node-containers.js';
import { USERS_DISCOVERY_NAME } from './testing/discovery-names.js';

process.env.ECS_TWIN_TEST = 'true';
// Generous: the first run may build the node base and the agent image.
const TIMEOUT = 180_000;

const docker = new Docker();
const stack = `sc-int-${randomBytes(3).toString('hex')}`;
const spec = USERS_DISCOVERY_NAME;

const CLIENT_SCRIPT = `
(async () => {
  const n = Number(process.env.N), gap = Number(process.env.GAP_MS || 0);
  const counts = {}; const errors = []; const slow = []; let failures = 0;
  for (let i = 0; i < n; i++) {
    const started = Date.now();
    try {
      const res = await fetch(process.env.URL);
      const text = await res.text();
      if (res.status !== 200) { failures++; errors.push(res.status + ' ' + text.slice(0, 120)); }
      else { const id = JSON.parse(text).id; counts[id] = (counts[id] || 0) + 1; }
    } catch (e) { failures++; errors.push(String((e.cause && e.cause.code) || e.message)); }
    if (Date.now() - started > 1000) slow.push(Date.now() - started);
    if (gap) await new Promise((r) => setTimeout(r, gap));
  }
  console.log(JSON.stringify({ counts, failures, errors: errors.slice(0, 5), slow }));
})();
`;

interface ClientResult {
  counts: Record<string, number>;
  failures: number;
  errors: string[];
  /** Durations (ms) of calls slower than 1 s. */
  slow: number[];
}

let image: string;
let sc: DockerServiceConnect;
let networkName: string;
const tasks: Array<ServiceConnectEndpoint & { containerId: string }> = [];

async function client(n: number, gapMs = 0, url = 'http://users:3000/'): Promise<ClientResult> {
  const { output } = await runNodeOnce(docker, { stack, image, networkName, script: CLIENT_SCRIPT, env: { URL: url, N: String(n), GAP_MS: String(gapMs) } });
  return lastJsonLine<ClientResult>(output);
}

beforeAll(async () => {
  image = await ensureNodeRuntimeImage({ docker });
  sc = new DockerServiceConnect({ stack, namespace: 'ecs-tutorial', docker });
  ({ networkName } = await sc.ensureNamespace());
  await sc.ensureAgent(spec);
  for (const id of ['task-a', 'task-b', 'task-c']) {
    const started = await startNodeContainer(docker, { stack, image, networkName, name: `${stack}_${id}`, script: ID_SERVER_SCRIPT, env: { ID: id } });
    tasks.push({ id, address: started.ip, port: 3000, containerId: started.id });
  }
  await sc.setEndpoints('users', tasks);
}, TIMEOUT);

afterAll(async () => {
  await removeStackObjects(docker, stack);
}, TIMEOUT);

describe('Service Connect on Docker', () => {
  it('spreads calls to users:3000 over all three tasks, request by request', async () => {
    const result = await client(60);
    expect(result.failures).toBe(0);
    expect(Object.keys(result.counts).sort()).toEqual(['task-a', 'task-b', 'task-c']);
    for (const count of Object.values(result.counts)) expect(count).toBeGreaterThanOrEqual(15);
  }, TIMEOUT);

  it('resolves the discovery name only inside the namespace network', async () => {
    const otherNetwork = `ecs-twin_${stack}_other`;
    await docker.createNetwork({ Name: otherNetwork, Labels: stackLabels(stack, 'namespace-network') });
    const lookup = `require('dns').lookup('users', (err, address) => console.log(JSON.stringify({ code: err ? err.code : null, address })));`;
    const outside = lastJsonLine<{ code: string | null }>((await runNodeOnce(docker, { stack, image, networkName: otherNetwork, script: lookup })).output);
    expect(outside.code).toMatch(/ENOTFOUND|EAI_AGAIN/);
    const inside = lastJsonLine<{ code: string | null; address: string }>((await runNodeOnce(docker, { stack, image, networkName, script: lookup })).output);
    expect(inside.code).toBeNull();
    await expect(dns.lookup('users')).rejects.toThrow();
  }, TIMEOUT);

  it('keeps its agent and endpoints when a new emulator re-attaches (no restart)', async () => {
    const [before] = await docker.listContainers({ filters: { label: [`ecs-twin.stack=${stack}`, 'ecs-twin.discovery-name=users'] } });
    const restarted = new DockerServiceConnect({ stack, namespace: 'ecs-tutorial', docker });
    await restarted.ensureAgent(spec);
    const [after] = await docker.listContainers({ filters: { label: [`ecs-twin.stack=${stack}`, 'ecs-twin.discovery-name=users'] } });
    expect(after?.Id).toBe(before?.Id);
    const startedAt = (id: string) => docker.getContainer(id).inspect().then((i) => i.State.StartedAt);
    expect(await startedAt(after!.Id)).toBe(await startedAt(before!.Id));
    expect((await restarted.describeEndpoints('users')).map((e) => e.id).sort()).toEqual(['task-a', 'task-b', 'task-c']);
  }, TIMEOUT);

  it('serves the same endpoints after Docker restarts the agent container', async () => {
    const [agent] = await docker.listContainers({ filters: { label: [`ecs-twin.stack=${stack}`, 'ecs-twin.discovery-name=users'] } });
    await docker.getContainer(agent!.Id).restart({ t: 1 });
    const fresh = new DockerServiceConnect({ stack, namespace: 'ecs-tutorial', docker });
    await fresh.ensureAgent(spec);
    expect((await fresh.describeEndpoints('users')).map((e) => e.id).sort()).toEqual(['task-a', 'task-b', 'task-c']);
    expect((await client(6)).failures).toBe(0);
  }, TIMEOUT);

  it('fails no call when a task is killed (retries on another task, then outlier ejection)', async () => {
    const running = client(200, 10);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const victim = tasks[1]!;
    await docker.getContainer(victim.containerId).kill();
    const result = await running;
    console.log('calls during the kill:', JSON.stringify(result));
    expect(result).toMatchObject({ failures: 0, errors: [] });
    expect(Object.values(result.counts).reduce((a, b) => a + b, 0)).toBe(200);
    const stats = await sc.describeEndpoints('users');
    const dead = stats.find((s) => s.id === victim.id)!;
    expect(dead.failures).toBeGreaterThanOrEqual(1);
    // With 200 calls at ~1/3 each, the dead task was picked far more than 5 times: it got ejected.
    expect(dead.ejections).toBe(1);
    expect(dead.ejectedUntil).toBeGreaterThan(Date.now());
    // Each call that met the dead task waited out one connect timeout; ejection caps them at 5.
    expect(result.slow.length).toBeLessThanOrEqual(5);

    // What the core does next: push the endpoints without the stopped task; it gets no new calls.
    await sc.setEndpoints('users', tasks.filter((t) => t !== victim));
    const after = await client(30);
    expect(after).toMatchObject({ failures: 0, slow: [] });
    expect(Object.keys(after.counts).sort()).toEqual(['task-a', 'task-c']);
  }, TIMEOUT);

  it('answers 503 from the agent when the service has no endpoints', async () => {
    await sc.setEndpoints('users', []);
    const result = await client(1);
    expect(result.failures).toBe(1);
    expect(result.errors[0]).toBe('503 no healthy upstream');
  }, TIMEOUT);

  it('remove() refuses while tasks are attached, then removes only its agents and network', async () => {
    await expect(sc.remove()).rejects.toBeInstanceOf(NamespaceInUseError);
    const taskContainers = await docker.listContainers({ all: true, filters: { label: [`ecs-twin.stack=${stack}`, 'ecs-twin.role=task'] } });
    await Promise.all(taskContainers.map((c) => docker.getContainer(c.Id).remove({ force: true })));
    await sc.remove();
    const left = await docker.listContainers({ all: true, filters: { label: [`ecs-twin.stack=${stack}`] } });
    expect(left).toEqual([]);
    const networks = await docker.listNetworks({ filters: { label: [`ecs-twin.stack=${stack}`, 'ecs-twin.role=namespace-network', 'ecs-twin.namespace=ecs-tutorial'] } });
    expect(networks).toEqual([]);
  }, TIMEOUT);
});
