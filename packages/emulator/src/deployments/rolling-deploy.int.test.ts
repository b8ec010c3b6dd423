import { rm } from 'node:fs/promises';
import { buildServiceImage } from '@ecs-twin/images';
import { docker } from '../testing/int-helpers.js';
import { startStack, type StartedStack } from '../testing/index.js';
import { emulate } from './testing/emulate-cli.js';
import { summarize } from './testing/load-summary.js';
import { writeTestManifest, type TestManifest } from './testing/test-manifest.js';
import { startLoad } from './testing/vegeta-load.js';

// Issue 5 on the real engine: `emulate deploy` (a child process, as users run it)
// against a stack served by the testing API, with vegeta at 100 req/s through
// the users listener the whole time. Its own stack name and free ports.
process.env.ECS_TWIN_TEST = 'true';
const NAME = `it-deploy-${process.pid}`;
const USERS = 'service-users-ecs';
const RATE = 100;

describe('rolling deployments under load (real engine, local timing)', () => {
  let manifest: TestManifest;
  let stack: StartedStack;

  beforeAll(async () => {
    manifest = await writeTestManifest({ stackName: NAME, services: { users: { autoscaling: false }, products: { autoscaling: false } } });
    // v0.0.2 is the same source under the tutorial's next tag: built (or found, content-hash cached) up front,
    // so the rollout measured below is the rollout, not an image build.
    const users = (await import('@ecs-twin/manifest')).loadStack(manifest.file);
    const context = (await users).services.find((s) => s.key === 'users')!.build!.context;
    await buildServiceImage({ context, repository: 'service-users', tag: 'v0.0.2', service: 'users', onProgress: () => {} });
    stack = await startStack({ file: manifest.file, ports: 'manifest' });
  }, 300_000);

  afterAll(async () => {
    await stack?.down();
    if (manifest) await rm(manifest.dir, { recursive: true, force: true });
  }, 180_000);

  const usersService = () => stack.status().services.find((s) => s.serviceName === USERS)!;

  it('deploys v0.0.2 with 0 failed requests at 100 req/s; every answer after completion is v0.0.2', async () => {
    const url = `${manifest.url(8000)}/`;
    expect((await fetch(url).then((r) => r.text()))).toBe('service users version v0.0.1');
    const load = startLoad({ url, ratePerSecond: RATE });
    // products -> Service Connect (users:3000) -> users: calls follow the tasks through the rollout.
    const viaServiceConnect = startLoad({ url: `${manifest.url(8001)}/service-users`, ratePerSecond: 50 });
    const seen = new Set<string>();
    const watching = setInterval(() => {
      const s = usersService();
      seen.add(s.deployments.map((d) => `${d.status}:${d.rolloutState}`).join(','));
    }, 50);
    await new Promise((r) => setTimeout(r, 2_000));
    const deploy = await emulate(['deploy', 'users', '--image-tag', 'v0.0.2', '--env', 'API_VERSION=v0.0.2', '--file', manifest.file]);
    const completedAt = Date.now();
    await new Promise((r) => setTimeout(r, 3_000));
    clearInterval(watching);
    const results = await load.stop();
    const summary = summarize(results);
    const sc = summarize(await viaServiceConnect.stop());

    expect(deploy.stderr).toContain('started a deployment of service-users-td:2');
    expect(deploy.code).toBe(0);
    expect(deploy.stdout.trim()).toBe(`${USERS} service-users-td:2 COMPLETED`);
    // Status went through ECS's shapes: two deployments while rolling, then exactly one.
    expect(seen).toContain('PRIMARY:IN_PROGRESS,ACTIVE:COMPLETED');
    expect(usersService().deployments).toEqual([
      expect.objectContaining({ status: 'PRIMARY', rolloutState: 'COMPLETED', taskDefinition: 'service-users-td:2', runningCount: 1 }),
    ]);
    expect(summary.ratePerSecond).toBeGreaterThanOrEqual(RATE * 0.95);
    expect(summary.failures).toEqual([]);
    expect(Object.keys(summary.bodies).sort()).toEqual(['service users version v0.0.1', 'service users version v0.0.2']);
    const after = results.filter((r) => r.at > completedAt);
    expect(after.length).toBeGreaterThan(RATE * 2);
    expect(after.every((r) => r.body === 'service users version v0.0.2')).toBe(true);
    expect(sc.total).toBeGreaterThan(200);
    expect(sc.failures).toEqual([]);
    console.log(
      `rolling deploy: ${summary.total} requests at ${summary.ratePerSecond.toFixed(1)}/s, ${summary.failures.length} failed; ` +
        `service connect ${sc.failures.length} failed of ${sc.total}; deploy took ${deploy.ms} ms`,
    );
  }, 180_000);

  it('rolls back a revision whose health check fails, with 0 failed requests, and deploy exits 1 with the reason', async () => {
    const url = `${manifest.url(8000)}/`;
    const load = startLoad({ url, ratePerSecond: RATE });
    const viaServiceConnect = startLoad({ url: `${manifest.url(8001)}/service-users`, ratePerSecond: 50 });
    // The app listens on 3999; the target group checks 3000: every health check fails.
    const deploy = await emulate(['deploy', 'users', '--env', 'PORT=3999', '--file', manifest.file]);
    await new Promise((r) => setTimeout(r, 1_000));
    const summary = summarize(await load.stop());
    const sc = summarize(await viaServiceConnect.stop());

    expect(deploy.code).toBe(1);
    expect(deploy.stderr).toMatch(
      /error: deploy service-users-td:3 to service-users-ecs: deployment ecs-svc\/\d+ failed: ECS deployment circuit breaker: tasks failed health checks; rolled back to service-users-td:2/,
    );
    expect(deploy.stderr).toContain('hint: service-users-ecs serves service-users-td:2 again');
    expect(summary.failures).toEqual([]);
    expect(summary.bodies).toEqual({ 'service users version v0.0.2': summary.total });
    // The failing tasks never became healthy: Service Connect never sent them a call.
    expect(sc.failures).toEqual([]);
    const after = usersService();
    expect(after.deployments).toEqual([expect.objectContaining({ status: 'PRIMARY', rolloutState: 'COMPLETED', taskDefinition: 'service-users-td:2' })]);
    expect(after.events.map((e) => e.message)).toContainEqual(expect.stringMatching(/deployment failed: tasks failed health checks\.$/));
    console.log(`bad revision: ${summary.total} requests, ${summary.failures.length} failed; service connect ${sc.failures.length} failed of ${sc.total}; rollback after ${deploy.ms} ms`);
  }, 240_000);

  it('gives every task ECS_CONTAINER_METADATA_URI_V4 answering /task and /stats with its own values', async () => {
    const task = stack.status().tasks.find((t) => t.serviceName === USERS && t.lastStatus === 'RUNNING')!;
    const script = `const u = process.env.ECS_CONTAINER_METADATA_URI_V4;
      Promise.all([fetch(u + '/task').then((r) => r.json()), fetch(u + '/stats').then((r) => r.json())])
        .then(([task, stats]) => console.log(JSON.stringify({ u, task, stats })));`;
    let out = '';
    // /stats is pushed from the stats stream about once a second: allow the first sample to arrive.
    for (let i = 0; i < 10 && !out.includes('"memory_stats"'); i++) {
      out = await docker('exec', task.containerId!, 'node', '-e', script);
      if (!out.includes('"memory_stats"')) await new Promise((r) => setTimeout(r, 1_000));
    }
    const { u, task: doc, stats } = JSON.parse(out) as { u: string; task: Record<string, any>; stats: Record<string, any> };
    expect(u).toMatch(new RegExp(`^http://ecs-metadata/v4/${task.taskId}-\\d{10}$`));
    expect(doc).toMatchObject({
      Cluster: 'arn:aws:ecs:us-west-1:000000000000:cluster/ecs-cluster',
      ServiceName: USERS,
      TaskARN: `arn:aws:ecs:us-west-1:000000000000:task/ecs-cluster/${task.taskId}`,
      Family: 'service-users-td',
      Revision: '2',
      DesiredStatus: 'RUNNING',
      KnownStatus: 'RUNNING',
      Limits: { CPU: 0.25, Memory: 512 },
      LaunchType: 'FARGATE',
    });
    expect(doc.Containers[0]).toMatchObject({ Name: 'container-users', Image: 'service-users:v0.0.2', DockerId: u.split('/').at(-1) });
    expect(doc.Containers[0].Networks[0]).toMatchObject({ NetworkMode: 'awsvpc', IPv4Addresses: [task.privateIpv4Address] });
    // The task's own cgroup: 512 MiB limit, a sample from the last seconds.
    expect(stats.memory_stats.limit).toBe(512 * 1024 * 1024);
    expect(Date.now() - Date.parse(stats.read)).toBeLessThan(15_000);
    expect(stats.id).toBe(task.containerId);
  }, 60_000);
});
