// Which base the helper images (Service Connect agents, metadata endpoint) run
// on, against the real engine. The wanted base lives on a "registry" at
// 127.0.0.1:1, so a pull is refused at once and never leaves the machine.
import Docker from 'dockerode';
import { randomBytes } from 'node:crypto';
import { ensureBaseImage, OFFLINE_BASE_REPOSITORY } from './base-image.js';
import { ensureNodeRuntimeImage } from './node-runtime.js';

const docker = new Docker();
const run = randomBytes(3).toString('hex');
const missing = (what: string) => `127.0.0.1:1/ecs-twin-test/${what}:${run}`;

/** The real engine, counting the pulls asked of it. */
function countingPulls(): { docker: Docker; pulls: () => number } {
  let pulls = 0;
  const proxy = new Proxy(docker, {
    get(target, key, receiver) {
      if (key === 'pull') pulls++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { docker: proxy, pulls: () => pulls };
}

describe('node runtime image for helpers', () => {
  beforeAll(async () => {
    // An offline base made from this host's node, as on any machine that ran the emulator offline once.
    const base = await ensureBaseImage({ docker, baseImage: missing('first'), onProgress: () => undefined });
    expect(base.name).toBe(`${OFFLINE_BASE_REPOSITORY}:${process.versions.node}`);
  }, 120_000);

  it('takes the offline base already here without trying a pull', async () => {
    const counted = countingPulls();
    const image = await ensureNodeRuntimeImage({ docker: counted.docker, baseImage: missing('helpers'), onProgress: () => undefined });
    expect(image).toBe(`${OFFLINE_BASE_REPOSITORY}:${process.versions.node}`);
    expect(counted.pulls()).toBe(0);
  });

  it('service images still try the wanted base first (one pull, refused), then fall back', async () => {
    const counted = countingPulls();
    const progress: string[] = [];
    const base = await ensureBaseImage({ docker: counted.docker, baseImage: missing('services'), onProgress: (line) => progress.push(line) });
    expect(counted.pulls()).toBe(1);
    expect(base).toMatchObject({ name: `${OFFLINE_BASE_REPOSITORY}:${process.versions.node}`, source: 'offline-cached' });
    expect(progress.join('\n')).toMatch(/cannot be pulled/);
  });
});
