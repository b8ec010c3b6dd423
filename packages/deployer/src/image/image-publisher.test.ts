// The push path without a registry: ECR's token (aws-sdk-client-mock) and a
// fake Docker engine that records tag and push. The real push is covered by
// image/registry-push.int.test.ts against Debian's docker-registry.
import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { EcrRepositories } from '../aws/ecr/ecr-repositories.js';
import { ImageBuildError, ImagePushError } from '../errors/index.js';
import { DockerImagePublisher, type DockerPushEngine, type ImageBuilder } from './image-publisher.js';

const ecr = mockClient(ECRClient);
const image = { repository: 'service-users', tag: 'v0.0.2', context: '/repo/packages/services/users', dockerfile: 'Dockerfile' };

class FakeEngine implements DockerPushEngine {
  readonly calls: string[] = [];
  failPush?: string;
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
});
