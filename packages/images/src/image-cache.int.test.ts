// Caching and failures of the image builder against the real engine.
import Docker from 'dockerode';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServiceImage } from './build-image.js';
import { ImageBuildError, LOG_TAIL_LINES } from './errors.js';
import { stageServiceContext } from './stage-context.js';
import { collectProgress, PRODUCTS_CONTEXT } from './testing/fixtures.js';

const docker = new Docker();
const runId = randomBytes(3).toString('hex');
// A tag of its own, so the first build really builds and other tests' images are untouched.
const repository = 'ecs-twin-test/service-products';
const tag = `cache-${runId}`;

afterAll(async () => {
  await docker.getImage(`${repository}:${tag}`).remove().catch(() => undefined);
});

describe('image builder cache', () => {
  it(
    'builds once, then a rebuild of unchanged code is cached: same image, no build, fast',
    async () => {
      const first = await buildServiceImage({ context: PRODUCTS_CONTEXT, repository, tag, onProgress: collectProgress().onProgress });
      expect(first.cached).toBe(false);

      const progress = collectProgress();
      const started = performance.now();
      const second = await buildServiceImage({ context: PRODUCTS_CONTEXT, repository, tag, onProgress: progress.onProgress });
      const seconds = (performance.now() - started) / 1000;
      expect(second).toMatchObject({ cached: true, imageId: first.imageId, contextHash: first.contextHash });
      expect(progress.lines.some((l) => l.startsWith('building'))).toBe(false);
      expect(seconds).toBeLessThan(3);
    },
    240_000,
  );

  it(
    'stages the same context twice with the same hash (pnpm deploy output is normalised)',
    async () => {
      const a = await stageServiceContext({ context: PRODUCTS_CONTEXT });
      const b = await stageServiceContext({ context: PRODUCTS_CONTEXT });
      try {
        expect(a.contextHash).toBe(b.contextHash);
        expect(a.dir).not.toBe(b.dir);
      } finally {
        await Promise.all([a.dispose(), b.dispose()]);
      }
    },
    120_000,
  );

  it(
    'a failing Dockerfile throws ImageBuildError carrying the tail of the build log',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'ecs-twin-bad-dockerfile-'));
      const dockerfile = join(dir, 'Dockerfile');
      await writeFile(dockerfile, 'ARG BASE_IMAGE=node:22-bookworm-slim\nFROM ${BASE_IMAGE}\nCOPY does-not-exist /nowhere\n');
      try {
        const error = await buildServiceImage({
          context: PRODUCTS_CONTEXT,
          dockerfile,
          repository,
          tag: `broken-${runId}`,
          onProgress: collectProgress().onProgress,
        }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ImageBuildError);
        const buildError = error as ImageBuildError;
        expect(buildError.message).toMatch(new RegExp(`^build image ${repository}:broken-${runId}: `));
        expect(buildError.message).toContain('does-not-exist');
        expect(buildError.logTail.length).toBeGreaterThan(0);
        expect(buildError.logTail.length).toBeLessThanOrEqual(LOG_TAIL_LINES);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
