// The real push path: ECR's authorization token (from moto), dockerode tagging
// and pushing through the Docker engine, into Debian's docker-registry on
// 127.0.0.1 that checks the login. moto's ECR has no registry, so the
// registry address is the local one instead of the token's proxyEndpoint.
import { ECRClient } from '@aws-sdk/client-ecr';
import Docker from 'dockerode';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EcrRepositories } from '../aws/ecr/ecr-repositories.js';
import { MOTO_CREDENTIALS, startMoto, type MotoServer } from '../testing/index.js';
import { startRegistry, type LocalRegistry } from '../testing/local-registry.js';
import { DockerImagePublisher } from './image-publisher.js';
import { DockerodePushEngine } from './dockerode-push-engine.js';

/** The host's Docker platform, as the engine reports the images it makes here. */
const hostPlatform = () => `linux/${process.arch === 'arm64' ? 'arm64' : 'amd64'}`;

const docker = new Docker();
const REPO = 'ecs-twin-push-test';
const TAG = `t${process.pid}`;
let moto: MotoServer;
let registry: LocalRegistry;

beforeAll(async () => {
  moto = await startMoto();
  const auth = await ecr().authorization();
  registry = await startRegistry(auth.username, auth.password);
  // A one-file image made here: nothing can be pulled on this machine.
  const dir = mkdtempSync(join(tmpdir(), 'ecs-twin-img-'));
  writeFileSync(join(dir, 'hello.txt'), `pushed by ${TAG}\n`);
  const tar = join(dir, 'rootfs.tar');
  execFileSync('tar', ['-C', dir, '-cf', tar, 'hello.txt']);
  execFileSync('docker', ['import', '--change', 'LABEL ecs-twin.test=true', tar, `${REPO}:${TAG}`]);
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

afterAll(async () => {
  for (const ref of [`${REPO}:${TAG}`, `${registry?.address}/${REPO}:${TAG}`]) await docker.getImage(ref).remove().catch(() => {});
  await registry?.stop();
  await moto?.stop();
});

function ecr() {
  return new EcrRepositories(new ECRClient({ region: 'us-west-1', endpoint: moto.endpoint, credentials: MOTO_CREDENTIALS }));
}

it('pushes with the ECR login to a registry that checks it', async () => {
  const token = await ecr().authorization();
  expect(token.username).toBe('AWS');
  const auth = { ...token, registry: registry.address };
  const progress: string[] = [];
  const noBuild = { build: async () => {} };
  const ref = await new DockerImagePublisher(noBuild, new DockerodePushEngine(docker)).publish(
    { repository: REPO, tag: TAG, context: '/nonexistent', dockerfile: 'Dockerfile', platform: hostPlatform() }, auth, (m) => progress.push(m));
  expect(ref).toBe(`${registry.address}/${REPO}:${TAG}`);
  // What the registry holds is the architecture the publisher checked before pushing.
  expect(await registry.platform(REPO, TAG)).toBe(hostPlatform());
  expect(await registry.tags(REPO)).toEqual([TAG]);
  expect(progress.some((p) => /Pushed|pushed/.test(p))).toBe(true);
}, 60_000);

it('refuses to push an image of another architecture than the task definition\'s (item 1)', async () => {
  const auth = { ...(await ecr().authorization()), registry: registry.address };
  const other = hostPlatform() === 'linux/amd64' ? 'linux/arm64' : 'linux/amd64';
  const publish = new DockerImagePublisher({ build: async () => {} }, new DockerodePushEngine(docker))
    .publish({ repository: REPO, tag: TAG, context: '/nonexistent', dockerfile: 'Dockerfile', platform: other }, auth, () => {});
  await expect(publish).rejects.toThrow(`is ${hostPlatform()}, but the task definition runs ${other}`);
}, 60_000);

it('fails with the registry\'s reason when the login is wrong', async () => {
  const auth = { registry: registry.address, username: 'AWS', password: 'wrong' };
  const publish = new DockerImagePublisher({ build: async () => {} }, new DockerodePushEngine(docker))
    .publish({ repository: REPO, tag: TAG, context: '/nonexistent', dockerfile: 'Dockerfile', platform: hostPlatform() }, auth, () => {});
  await expect(publish).rejects.toThrow(/pushing image .*failed: .*(unauthorized|authentication required|no basic auth)/i);
}, 60_000);
