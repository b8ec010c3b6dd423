// The push path without a registry: ECR's token (aws-sdk-client-mock) and a
// fake Docker engine that records tag and push. The real push is covered by
// image/registry-push.int.test.ts against Debian's docker-registry.
import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { EcrRepositories } from '../aws/ecr/ecr-repositories.js';
import { ImageArchitectureError, ImageBuildError, ImagePushError } from '../errors/index.js';
import { desiredFor } from '../plan/index.js';
import { emptyAccount, tutorialStack } from '../testing/index.js';
import { EmulatorImageBuilder, type EmulatorImages } from './emulator-image-builder.js';
import { DockerImagePublisher, type DockerPushEngine, type ImageBuilder } from './image-publisher.js';

const ecr = mockClient(ECRClient);
const image = { repository: 'service-users', tag: 'v0.0.2', context: '/repo/packages/services/users', dockerfile: 'Dockerfile', platform: 'linux/amd64' };

class FakeEngine implements DockerPushEngine {
  readonly calls: string[] = [];
  failPush?: string;
  /** What the local image was built for. */
  built = 'linux/amd64';
  async platformOf() { return this.built; }
  async tag(source: string, repository: string, tag: string) { this.calls.push(`tag ${source} ${repository}:${tag}`); }
  async push(repository: string, tag: string, auth: { username: string; password: string; serveraddress: string }, onProgress: (m: string) => void) {
    this.calls.push(`push ${repository}:${tag} as ${auth.username}/${auth.password}@${auth.serveraddress}`);
    onProgress('layer 1 Pushed');
    if (this.failPush) throw new Error(this.failPush);
  }
}

const builder = (fail?: ImageBuildError): ImageBuilder & { built: string[] } => {
  const built: string[] = [];
  return { built, build: async (i) => { if (fail) throw fail; built.push(`${i.repository}:${i.tag}`); } };
};

beforeEach(() => {
  ecr.reset();
  ecr.on(GetAuthorizationTokenCommand).resolves({
    authorizationData: [{ authorizationToken: Buffer.from('AWS:secret-token').toString('base64'), proxyEndpoint: 'https://123456789012.dkr.ecr.us-west-1.amazonaws.com' }],
  });
});

describe('image publishing', () => {
  it('logs in with the decoded ECR token, tags for the registry and pushes', async () => {
    const auth = await new EcrRepositories(new ECRClient({ region: 'us-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } })).authorization();
    expect(auth).toEqual({ registry: '123456789012.dkr.ecr.us-west-1.amazonaws.com', username: 'AWS', password: 'secret-token' });
    const engine = new FakeEngine();
    const b = builder();
    const progress: string[] = [];
    const ref = await new DockerImagePublisher(b, engine).publish(image, auth, (m) => progress.push(m));
    expect(b.built).toEqual(['service-users:v0.0.2']);
    expect(engine.calls).toEqual([
      'tag service-users:v0.0.2 123456789012.dkr.ecr.us-west-1.amazonaws.com/service-users:v0.0.2',
      'push 123456789012.dkr.ecr.us-west-1.amazonaws.com/service-users:v0.0.2 as AWS/secret-token@123456789012.dkr.ecr.us-west-1.amazonaws.com',
    ]);
    expect(ref).toBe('123456789012.dkr.ecr.us-west-1.amazonaws.com/service-users:v0.0.2');
    expect(progress).toContain('layer 1 Pushed');
  });

  it('turns a failed push into an ImagePushError with the registry\'s reason', async () => {
    const engine = new FakeEngine();
    engine.failPush = 'denied: Your authorization token has expired';
    const auth = { registry: 'r.example', username: 'AWS', password: 'p' };
    await expect(new DockerImagePublisher(builder(), engine).publish(image, auth, () => {})).rejects.toThrow(ImagePushError);
    await expect(new DockerImagePublisher(builder(), engine).publish(image, auth, () => {})).rejects.toThrow(/token has expired/);
  });

  it('passes a build failure through with the tail of the build log, and pushes nothing', async () => {
    const engine = new FakeEngine();
    const failure = new ImageBuildError('service-users:v0.0.2', 'exit code 1', ['Step 3/5 : COPY dist ./dist', 'COPY failed: no such file: dist']);
    const err = await new DockerImagePublisher(builder(failure), engine).publish(image, { registry: 'r', username: 'u', password: 'p' }, () => {}).catch((e) => e);
    expect(err).toBeInstanceOf(ImageBuildError);
    expect(err.message).toContain('| COPY failed: no such file: dist');
    expect(engine.calls).toEqual([]);
  });

  it('refuses to push an image built for another architecture than the task definition runs (item 1)', async () => {
    const engine = new FakeEngine();
    engine.built = 'linux/arm64';
    const err = await new DockerImagePublisher(builder(), engine).publish(image, { registry: 'r', username: 'u', password: 'p' }, () => {}).catch((e) => e);
    expect(err).toBeInstanceOf(ImageArchitectureError);
    expect(err.message).toBe('image service-users:v0.0.2 is linux/arm64, but the task definition runs linux/amd64: its tasks would die with "exec format error"; nothing was pushed');
    expect(engine.calls).toEqual([]);
  });
});

describe('image platform (item 1)', () => {
  it('builds for the platform of the task definition\'s runtimePlatform, not the host\'s', async () => {
    const stack = tutorialStack();
    const arm = { ...stack, services: stack.services.map((s, i) => (i === 0 ? s : { ...s, taskDefinition: { ...s.taskDefinition, runtimePlatform: { ...s.taskDefinition.runtimePlatform, cpuArchitecture: 'ARM64' } } })) } as typeof stack;
    const images = desiredFor(arm, emptyAccount()).images;
    expect(images.map((i) => [i.repository, i.platform])).toEqual([['service-users', 'linux/amd64'], ['service-products', 'linux/arm64']]);
    const seen: unknown[] = [];
    const fake: EmulatorImages = { buildServiceImage: async (o) => { seen.push(o); } };
    for (const i of images) await new EmulatorImageBuilder(async () => fake).build(i, () => {});
    expect(seen.map((o) => (o as { platform: string }).platform)).toEqual(['linux/amd64', 'linux/arm64']);
  });
});
