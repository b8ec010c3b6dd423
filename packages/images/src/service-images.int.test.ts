// Both service images, built by the image builder and run with testcontainers on
// one network with the aliases Service Connect gives them (users, products):
// the tutorial's cross-service curl, byte for byte, and a graceful SIGTERM, also
// one that comes while the service is still loading.
import Docker from 'dockerode';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { GenericContainer, type StartedTestContainer, Wait } from 'testcontainers';
import { buildServiceImage, type BuiltImage } from './build-image.js';
import { IMAGE_LABEL } from './labels.js';
import { collectProgress, PRODUCTS_BODY, PRODUCTS_CONTEXT, USERS_BODY, USERS_CONTEXT } from './testing/fixtures.js';

const TIMEOUT = 240_000; // a cold first run makes the offline base and builds two images
const docker = new Docker();
const runId = randomBytes(3).toString('hex');
const TEST_LABELS = { 'ecs-twin.test': 'true', 'ecs-twin.stack': `images-int-${runId}` };

let networkName: string;
let users: StartedTestContainer;
let products: StartedTestContainer;
const images: Record<string, BuiltImage> = {};

function start(image: BuiltImage, alias: string, env: Record<string, string>): Promise<StartedTestContainer> {
  return new GenericContainer(`${image.repository}:${image.tag}`)
    .withNetworkMode(networkName)
    .withNetworkAliases(alias)
    .withEnvironment({ API_VERSION: 'v0.0.2', ...env })
    .withExposedPorts(3000)
    .withLabels(TEST_LABELS)
    .withWaitStrategy(Wait.forHttp('/health', 3000).forStatusCode(200))
    .withStartupTimeout(60_000)
    .start();
}

const url = (c: StartedTestContainer, path: string) => `http://127.0.0.1:${c.getMappedPort(3000)}${path}`;

/** A request on its own new connection (not one fetch pooled earlier), so the drain is what is tested. */
function getOnFreshConnection(target: string): Promise<readonly [number, string]> {
  return new Promise((resolve, reject) => {
    http
      .get(target, { agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve([res.statusCode ?? 0, body] as const));
      })
      .on('error', reject);
  });
}

beforeAll(async () => {
  const { onProgress } = collectProgress();
  images.users = await buildServiceImage({ context: USERS_CONTEXT, repository: 'service-users', tag: 'v0.0.1', service: 'users', onProgress });
  images.products = await buildServiceImage({ context: PRODUCTS_CONTEXT, repository: 'service-products', tag: 'v0.0.1', service: 'products', onProgress });
  networkName = `ecs-twin-images-int-${runId}`;
  await docker.createNetwork({ Name: networkName, Driver: 'bridge', Labels: TEST_LABELS });
  [users, products] = await Promise.all([
    start(images.users!, 'users', { SERVICE_PRODUCTS: 'http://products:3000' }),
    start(images.products!, 'products', { SERVICE_USERS: 'http://users:3000' }),
  ]);
}, TIMEOUT);

afterAll(async () => {
  await Promise.allSettled([users?.stop(), products?.stop()]);
  if (networkName) await docker.getNetwork(networkName).remove().catch(() => undefined);
});

describe('service images on one network (Service Connect aliases)', () => {
  it('carry the service, version and context-hash labels', async () => {
    const info = await docker.getImage('service-users:v0.0.1').inspect();
    expect(info.Config.Labels).toMatchObject({
      [IMAGE_LABEL.service]: 'users',
      [IMAGE_LABEL.version]: 'v0.0.1',
      [IMAGE_LABEL.ociVersion]: 'v0.0.1',
      [IMAGE_LABEL.contextHash]: images.users!.contextHash,
    });
    expect(info.Config.Cmd).toEqual(['node', 'dist/main.js']);
    expect((info.Config as { StopSignal?: string }).StopSignal).toBe('SIGTERM');
  });

  it('GET / answers each version text', async () => {
    expect(await (await fetch(url(users, '/'))).text()).toBe('service users version v0.0.2');
    expect(await (await fetch(url(products, '/'))).text()).toBe('service products API version v0.0.2');
  });

  it('users /service-products returns the products JSON byte for byte', async () => {
    const res = await fetch(url(users, '/service-products'));
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).toString('utf8')).toBe(PRODUCTS_BODY);
  });

  it('products /service-users returns the users JSON byte for byte', async () => {
    const res = await fetch(url(products, '/service-users'));
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).toString('utf8')).toBe(USERS_BODY);
  });

  it('logs JSON lines on stdout', async () => {
    const logs = await (await docker.getContainer(users.getId()).logs({ stdout: true, stderr: false })).toString('utf8');
    const lines = logs.split('\n').map((l) => l.replace(/^[\s\S]{8}(?=\{)/, '')).filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.map((l) => JSON.parse(l)).some((l) => l.msg === 'request' && l.path === '/service-products' && l.status === 200)).toBe(true);
  });

  it(
    'SIGTERM (docker stop) finishes the in-flight /stress-test and exits 0 promptly',
    async () => {
      const inFlight = getOnFreshConnection(url(users, '/stress-test'));
      await new Promise((r) => setTimeout(r, 50));
      const started = Date.now();
      // testcontainers' timeout is in ms and defaults to 0, i.e. an immediate SIGKILL.
      await users.stop({ timeout: 10_000, remove: false });
      const stopSeconds = (Date.now() - started) / 1000;
      expect(await inFlight).toEqual([200, 'Stress test completed']);
      const state = (await docker.getContainer(users.getId()).inspect()).State;
      expect(state.ExitCode).toBe(0);
      expect(stopSeconds).toBeLessThan(5); // far from the 10 s after which Docker would SIGKILL (exit 137)
      await docker.getContainer(users.getId()).remove({ force: true });
    },
    30_000,
  );

  it(
    'SIGTERM while the service is still loading (0.25 vCPU, as a task) ends it at once, not after the stop timeout',
    async () => {
      // PID 1 in its container: a signal it has no handler for is dropped, and
      // Nest's handler comes only once Nest has loaded (seconds at 0.25 vCPU).
      const container = await docker.createContainer({
        Image: `${images.users!.repository}:${images.users!.tag}`,
        Env: ['API_VERSION=v0.0.2', 'SERVICE_PRODUCTS=http://products:3000'],
        Labels: TEST_LABELS,
        HostConfig: { NanoCpus: 250_000_000, NetworkMode: networkName },
      });
      try {
        await container.start();
        await new Promise((r) => setTimeout(r, 1000)); // node is up, Nest still loading
        await container.stop({ t: 10 }); // SIGTERM, then SIGKILL (exit 137) after 10 s
        expect((await container.inspect()).State.ExitCode).toBe(0);
        const logs = (await container.logs({ stdout: true, stderr: true })).toString('utf8');
        expect(logs).not.toContain('"msg":"listening"'); // else it was not stopped while loading: no proof
      } finally {
        await container.remove({ force: true });
      }
    },
    30_000,
  );
});
