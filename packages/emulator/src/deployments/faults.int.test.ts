import { rm } from 'node:fs/promises';
import { ControlClient, readDaemonInfo } from '../daemon/index.js';
import { LABEL } from '../labels/index.js';
import { stateDir } from '../state/index.js';
import type { StackStatusView } from '../status/index.js';
import { docker, get, waitFor } from '../testing/int-helpers.js';
import { startStack, type StartedStack } from '../testing/index.js';
import { emulate } from './testing/emulate-cli.js';
import { summarize } from './testing/load-summary.js';
import { writeTestManifest, type TestManifest } from './testing/test-manifest.js';
import { startLoad } from './testing/vegeta-load.js';

// Faults on the real engine: a task killed under load, and the emulator itself
// killed in the middle of a deployment. Own stack names, free ports.
process.env.ECS_TWIN_TEST = 'true';
const USERS = 'service-users-ecs';

describe('a users task killed under load (3 tasks, real engine)', () => {
  let manifest: TestManifest;
  let stack: StartedStack;

  beforeAll(async () => {
    manifest = await writeTestManifest({
      stackName: `it-killtask-${process.pid}`,
      services: { users: { desiredCount: 3, autoscaling: false }, products: { autoscaling: false } },
    });
    stack = await startStack({ file: manifest.file, ports: 'manifest' });
  }, 300_000);

  afterAll(async () => {
    await stack?.down();
    if (manifest) await rm(manifest.dir, { recursive: true, force: true });
  }, 180_000);

  it('fails at most the requests in flight when it died, 0 Service Connect calls, and replaces the task', async () => {
    const running = () => stack.status().tasks.filter((t) => t.serviceName === USERS && t.lastStatus === 'RUNNING');
    expect(running()).toHaveLength(3);
    const victim = running()[0]!;
    let drainedAt = 0;
    const unsubscribe = stack.runtime.events.subscribe((e) => {
      if (!drainedAt && e.taskId === victim.taskId && (e.kind === 'target-draining' || e.kind === 'target-deregistered')) drainedAt = Date.now();
    });
    // Through the ALB to users, and through products -> Service Connect (users:3000) -> users.
    const listener = startLoad({ url: `${manifest.url(8000)}/users`, ratePerSecond: 100 });
    const serviceConnect = startLoad({ url: `${manifest.url(8001)}/service-users`, ratePerSecond: 50 });
    await new Promise((r) => setTimeout(r, 3_000));
    const killAt = Date.now();
    await docker('kill', victim.containerId!);
    await waitFor(
      'a healthy replacement',
      () => {
        const now = running();
        return now.length === 3 && now.every((t) => t.healthStatus === 'HEALTHY') && !now.some((t) => t.taskId === victim.taskId);
      },
      120_000,
    );
    await new Promise((r) => setTimeout(r, 2_000));
    const [viaListener, viaServiceConnect] = await Promise.all([listener.stop(), serviceConnect.stop()]);
    unsubscribe();

    const alb = summarize(viaListener);
    const sc = summarize(viaServiceConnect);
    // The bound: requests that were in flight at the kill, or sent before the emulator heard
    // Docker's die event and took the target out (the only ones that can reach a dead task).
    // Counted over all three tasks, so it is an upper bound on those in flight to the victim.
    expect(drainedAt).toBeGreaterThan(0);
    const exposed = viaListener.filter((r) => r.at <= drainedAt && r.at + r.latencyMs >= killAt).length;
    console.log(
      `killed task: listener ${alb.failures.length} failed of ${alb.total} (exposed ${exposed} in the ${drainedAt - killAt} ms kill -> deregistration window: ${alb.failures.join('; ')}); ` +
        `service connect ${sc.failures.length} failed of ${sc.total}`,
    );
    expect(alb.failures.length).toBeLessThanOrEqual(exposed);
    expect(alb.failures.every((f) => f.startsWith('502'))).toBe(true);
    expect(sc.total).toBeGreaterThan(100);
    expect(sc.failures).toEqual([]);
    const stopped = stack.status().tasks.find((t) => t.taskId === victim.taskId);
    expect(stopped).toMatchObject({ lastStatus: 'STOPPED', stoppedReason: 'Essential container in task exited' });
  }, 240_000);
});

describe('the emulator killed with SIGKILL in the middle of a deployment (detached, real engine)', () => {
  let manifest: TestManifest;

  afterAll(async () => {
    if (!manifest) return;
    await emulate(['down', '--file', manifest.file]);
    await rm(manifest.dir, { recursive: true, force: true });
  }, 180_000);

  it('finishes the deployment after `up --detach`, with no orphan task containers', async () => {
    manifest = await writeTestManifest({ stackName: `it-killemu-${process.pid}`, services: { users: { desiredCount: 2, autoscaling: false }, products: { autoscaling: false } } });
    const dir = stateDir(manifest.dir, manifest.stackName);
    const first = await emulate(['up', '--detach', '--file', manifest.file]);
    expect(first.code).toBe(0);
    const info = (await readDaemonInfo(dir))!;
    const client = new ControlClient(info);
    const users = (s: StackStatusView) => s.services.find((x) => x.serviceName === USERS)!;

    const deploying = emulate(['deploy', 'users', '--image-tag', 'v0.0.1', '--env', 'API_VERSION=v0.0.2', '--file', manifest.file]);
    // Mid-rollout: the new revision runs a task, the old deployment is still there.
    await waitFor(
      'a task of the new revision running beside the old ones',
      async () => {
        const status = await client.status();
        return users(status).deployments.length === 2 && status.tasks.some((t) => t.taskDefinition === 'service-users-td:2' && t.lastStatus === 'RUNNING');
      },
      60_000,
    );
    process.kill(info.pid, 'SIGKILL');
    const interrupted = await deploying;
    expect(interrupted.code).toBe(1); // its emulator went away: it says so

    const again = await emulate(['up', '--detach', '--file', manifest.file]);
    expect({ code: again.code, stderr: again.code === 0 ? '' : again.stderr.slice(-3000) }).toEqual({ code: 0, stderr: '' });
    const client2 = new ControlClient((await readDaemonInfo(dir))!);
    let final!: StackStatusView;
    await waitFor(
      'the deployment finished (or rolled back)',
      async () => {
        final = await client2.status();
        const s = users(final);
        return s.deployments.length === 1 && s.deployments[0]!.rolloutState === 'COMPLETED' && s.runningCount === s.desiredCount;
      },
      120_000,
    );
    const primary = users(final).deployments[0]!;
    expect(primary.taskDefinition).toBe('service-users-td:2'); // finished, not rolled back
    expect((await get(`${manifest.url(8000)}/`)).body).toBe('service users version v0.0.2');

    // No orphans: every running task container belongs to the PRIMARY deployment, as many as desired.
    const ids = (await docker('ps', '-q', '--filter', `label=${LABEL.stack}=${manifest.stackName}`, '--filter', `label=${LABEL.role}=task`, '--filter', `label=${LABEL.service}=${USERS}`)).split('\n').filter(Boolean);
    const labels = await Promise.all(ids.map(async (id) => JSON.parse(await docker('inspect', '--format', '{{json .Config.Labels}}', id)) as Record<string, string>));
    expect(labels).toHaveLength(users(final).desiredCount);
    expect(labels.map((l) => l[LABEL.taskDefinition])).toEqual(labels.map(() => 'service-users-td:2'));
    expect(labels.map((l) => l[LABEL.deployment])).toEqual(labels.map(() => primary.id));
    const inStatus = final.tasks.filter((t) => t.serviceName === USERS && t.lastStatus === 'RUNNING').map((t) => t.taskId).sort();
    expect(labels.map((l) => l[LABEL.taskId]).sort()).toEqual(inStatus);
    const created = await docker('ps', '-aq', '--filter', `label=${LABEL.stack}=${manifest.stackName}`, '--filter', 'status=created');
    expect(created).toBe('');
    console.log(`killed emulator: re-attached and finished ${primary.id} (${primary.taskDefinition}); ${labels.length} task containers, all of it`);
  }, 300_000);
});
