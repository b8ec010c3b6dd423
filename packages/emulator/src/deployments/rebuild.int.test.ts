import { rm } from 'node:fs/promises';
import { docker, get, waitFor } from '../testing/int-helpers.js';
import { startStack, type StartedStack } from '../testing/index.js';
import { emulate } from './testing/emulate-cli.js';
import { copyServiceWorkspace, type ServiceCopy } from './testing/service-copy.js';
import { writeTestManifest, type TestManifest } from './testing/test-manifest.js';

// A change to a service's source, redeployed, is what answers afterwards: once
// with `emulate deploy --rebuild`, once with `up --watch`. The users service is a
// copy in a throwaway workspace (the repository is never touched), built under
// tags of its own so no other stack's image changes.
process.env.ECS_TWIN_TEST = 'true';
const BANNER = 'service users version';

async function removeImages(prefix: string): Promise<void> {
  const tags = (await docker('images', '--format', '{{.Repository}}:{{.Tag}}', 'service-users')).split('\n').filter((t) => t.startsWith(prefix));
  if (tags.length) await docker('image', 'rm', ...tags).catch(() => undefined);
}

describe('rebuilt code (real engine)', () => {
  const tag = `it-rebuild-${process.pid}`;
  let source: ServiceCopy;
  let manifest: TestManifest;
  let stack: StartedStack;

  beforeAll(async () => {
    source = await copyServiceWorkspace('users');
    manifest = await writeTestManifest({
      stackName: `it-rebuild-${process.pid}`,
      services: { users: { buildContext: source.context, imageTag: tag, autoscaling: false }, products: { autoscaling: false } },
    });
    stack = await startStack({ file: manifest.file, ports: 'manifest' }); // builds service-users:<tag> from the copy
  }, 300_000);

  afterAll(async () => {
    await stack?.down();
    await removeImages(`service-users:${tag}`);
    await source?.dispose();
    if (manifest) await rm(manifest.dir, { recursive: true, force: true });
  }, 180_000);

  it('deploy --rebuild ships a source change made under the same image tag', async () => {
    expect((await get(`${manifest.url(8000)}/`)).body).toBe(`${BANNER} v0.0.1`);
    await source.edit('src/users/users.service.ts', '`service users version ${', '`service users (rebuilt) version ${');

    const unchanged = await emulate(['deploy', 'users', '--file', manifest.file]);
    expect(unchanged.code).toBe(0);
    expect(unchanged.stderr).toContain('nothing to deploy'); // without --rebuild the tag is there: nothing ships

    const deploy = await emulate(['deploy', 'users', '--rebuild', '--json', '--file', manifest.file]);
    expect(deploy.code).toBe(0);
    expect(deploy.stderr).toContain(`Built image service-users:${tag}`);
    const result = JSON.parse(deploy.stdout) as { taskDefinition: string; started: boolean; rolloutState: string };
    // Same definition (same tag), new image: a forced new deployment, as ECS --force-new-deployment.
    expect(result).toMatchObject({ taskDefinition: 'service-users-td:1', started: true, rolloutState: 'COMPLETED' });
    expect((await get(`${manifest.url(8000)}/`)).body).toBe('service users (rebuilt) version v0.0.1');
  }, 240_000);
});

describe('up --watch (real engine, foreground emulator as a child process)', () => {
  const tag = `it-watch-${process.pid}`;
  let source: ServiceCopy;
  let manifest: TestManifest;

  afterAll(async () => {
    if (manifest) await emulate(['down', '--file', manifest.file]);
    await removeImages(`service-users:${tag}`);
    await source?.dispose();
    if (manifest) await rm(manifest.dir, { recursive: true, force: true });
  }, 180_000);

  it('rebuilds the changed service under a new dev tag and rolls it out', async () => {
    source = await copyServiceWorkspace('users');
    manifest = await writeTestManifest({
      stackName: `it-watch-${process.pid}`,
      services: { users: { buildContext: source.context, imageTag: tag, autoscaling: false }, products: { autoscaling: false } },
    });
    const lines: string[] = [];
    const up = emulate(['up', '--watch', '--file', manifest.file], { onStderr: (l) => lines.push(l) });
    try {
      let exited: number | undefined;
      void up.then((r) => (exited = r.code));
      await waitFor('watch mode', () => {
        if (exited !== undefined) throw new Error(`emulate up --watch exited ${exited}:\n${lines.slice(-10).join('\n')}`);
        return lines.some((l) => l.includes('for changes.'));
      }, 240_000);
      expect((await get(`${manifest.url(8000)}/`)).body).toBe(`${BANNER} v0.0.1`);
      await source.edit('src/users/users.service.ts', '`service users version ${', '`service users (watched) version ${');
      await waitFor('the change answering', async () => (await get(`${manifest.url(8000)}/`)).body === 'service users (watched) version v0.0.1', 180_000);
      expect(lines).toContainEqual(expect.stringContaining(`Source of users changed: rebuilding as ${tag}-dev.2 and deploying it`));
      await waitFor('the deployment reported', () => lines.some((l) => l.includes(`runs service-users-td:2 (service-users:${tag}-dev.2)`)), 60_000);
      // Products was not rebuilt: its source did not change.
      expect(lines.some((l) => l.includes('Source of products changed'))).toBe(false);
    } finally {
      up.child.kill('SIGINT');
    }
    const done = await up;
    expect(done.code).toBe(0);
  }, 420_000);
});
