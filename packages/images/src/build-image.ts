import type Docker from 'dockerode';
import { imageRef } from '@ecs-twin/manifest/model/image-ref';
import { basename } from 'node:path';
import { ensureBaseImage, loadTarFs } from './base-image.js';
import { assertDockerReachable, connectDocker, inspectImage } from './docker-connection.js';
import { ImageBuildError, LOG_TAIL_LINES, tail } from './errors.js';
import { IMAGE_LABEL } from './labels.js';
import { hostPlatform } from './platform.js';
import { type ProgressFn, stderrProgress } from './progress.js';
import { hashSources } from './source-hash.js';
import { stageServiceContext } from './stage-context.js';

export interface BuildServiceImageOptions {
  /** Absolute path of the service package (stack.yaml `build.context`, resolved). */
  readonly context: string;
  /** Relative to the context, or absolute. @default "Dockerfile" */
  readonly dockerfile?: string;
  /** `service-users` */
  readonly repository: string;
  /** `v0.0.1` */
  readonly tag: string;
  /** Value of the ecs-twin.service label. @default the context folder's name */
  readonly service?: string;
  readonly onProgress?: ProgressFn;
  readonly docker?: Docker;
  /** Passed to ensureBaseImage. */
  readonly baseImage?: string;
  /**
   * `linux/amd64` or `linux/arm64`: the task definition's runtimePlatform. Passed to
   * the build and the base pull, and part of the cache key. @default the host's
   */
  readonly platform?: string;
}

export interface BuiltImage {
  readonly imageId: string;
  readonly repository: string;
  readonly tag: string;
  /** True when an image with the same tag and context hash existed and no build ran. */
  readonly cached: boolean;
  readonly sizeBytes: number;
  /** The BASE_IMAGE it was built FROM. */
  readonly baseImage: string;
  readonly contextHash: string;
}

/**
 * Builds `repository:tag` from a service package, or finds it up to date:
 * by source hash (no staging at all) or by staged-context hash (staged, not built).
 */
export async function buildServiceImage(options: BuildServiceImageOptions): Promise<BuiltImage> {
  const docker = options.docker ?? connectDocker();
  const progress = options.onProgress ?? stderrProgress;
  const ref = imageRef(options);
  await assertDockerReachable(docker);

  const platform = options.platform ?? hostPlatform();
  const base = await ensureBaseImage({ docker, baseImage: options.baseImage, onProgress: progress, platform });
  const existing = await inspectImage(docker, ref);
  const labels = existing?.Config?.Labels ?? {};
  // The host's platform adds nothing, so the emulator's own builds keep their cache keys.
  const extra = platform === hostPlatform() ? [base.imageId] : [base.imageId, `platform ${platform}`];
  const sourceHash = await hashSources(options.context, options.dockerfile, extra);
  if (existing && labels[IMAGE_LABEL.sourceHash] === sourceHash) {
    progress(`${ref} is up to date (same sources)`);
    return result(existing, true, base.name, labels[IMAGE_LABEL.contextHash] ?? '');
  }

  progress(`staging ${ref} from ${options.context} (tsc + pnpm deploy --prod)`);
  const stagingStarted = performance.now();
  const staged = await stageServiceContext({ context: options.context, dockerfile: options.dockerfile, extraHashInputs: extra });
  try {
    if (existing && labels[IMAGE_LABEL.contextHash] === staged.contextHash) {
      progress(`${ref} is up to date (same staged context)`);
      return result(existing, true, base.name, staged.contextHash);
    }
    progress(`staged ${ref} in ${seconds(stagingStarted)} s; building FROM ${base.name}`);
    const buildStarted = performance.now();
    const imageLabels = {
      [IMAGE_LABEL.service]: options.service ?? basename(options.context),
      [IMAGE_LABEL.version]: options.tag,
      [IMAGE_LABEL.ociVersion]: options.tag,
      [IMAGE_LABEL.contextHash]: staged.contextHash,
      [IMAGE_LABEL.sourceHash]: sourceHash,
    };
    await runDockerBuild(docker, staged.dir, ref, { BASE_IMAGE: base.name }, imageLabels, progress, platform);
    const built = await inspectImage(docker, ref);
    progress(`built ${ref} in ${seconds(buildStarted)} s`);
    if (!built) throw new ImageBuildError(ref, 'the build finished but the image is missing', []);
    return result(built, false, base.name, staged.contextHash);
  } finally {
    await staged.dispose();
  }

  function result(image: Docker.ImageInspectInfo, cached: boolean, baseImage: string, contextHash: string): BuiltImage {
    return { imageId: image.Id, repository: options.repository, tag: options.tag, cached, sizeBytes: image.Size, baseImage, contextHash };
  }
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}

interface BuildEvent {
  stream?: string;
  status?: string;
  error?: string;
  errorDetail?: { message?: string };
}

type Builder = 'buildkit' | 'legacy';

/**
 * Docker's builder through the API (dockerode). BuildKit (`version: "2"`, dockerode
 * opens the session itself; no `# syntax=` line, which would try to pull a frontend)
 * builds a COPY-only Dockerfile in ~3 s where the legacy builder, committing one
 * container per instruction, takes ~10 s. ECS_TWIN_BUILDER=legacy forces the old one;
 * an engine that refuses BuildKit falls back to it.
 */
async function runDockerBuild(
  docker: Docker,
  dir: string,
  ref: string,
  buildargs: Record<string, string>,
  labels: Record<string, string>,
  progress: ProgressFn,
  platform: string,
): Promise<void> {
  const preferred: Builder = process.env.ECS_TWIN_BUILDER === 'legacy' ? 'legacy' : 'buildkit';
  let stream: NodeJS.ReadableStream;
  try {
    stream = await startBuild(docker, dir, ref, buildargs, labels, preferred, platform);
  } catch (cause) {
    if (preferred === 'legacy') throw new ImageBuildError(ref, (cause as Error).message, [], { cause });
    progress(`${ref}: BuildKit refused (${(cause as Error).message.split('\n')[0]}), using the legacy builder`);
    try {
      stream = await startBuild(docker, dir, ref, buildargs, labels, 'legacy', platform);
    } catch (legacyCause) {
      throw new ImageBuildError(ref, (legacyCause as Error).message, [], { cause: legacyCause });
    }
  }

  const log: string[] = [];
  const shown = new Set<string>();
  let failure: string | undefined;
  // docker.followProgress (not modem's) decodes BuildKit's protobuf trace into { stream } lines.
  const follow = (docker as unknown as { followProgress: Docker['modem']['followProgress'] }).followProgress.bind(docker);
  await new Promise<void>((resolve, reject) => {
    follow(
      stream,
      (err: Error | null) => (err ? reject(err) : resolve()),
      (event: BuildEvent) => {
        const text = event.stream ?? event.status;
        if (text) {
          for (const line of text.split('\n')) {
            if (!line.trim()) continue;
            log.push(line);
            const step = stepName(line);
            if (step && !shown.has(step)) {
              shown.add(step);
              progress(`${ref}: ${step}`);
            }
          }
        }
        if (event.error) {
          failure = event.errorDetail?.message ?? event.error;
          log.push(failure);
        }
      },
    );
  }).catch((cause: unknown) => {
    throw new ImageBuildError(ref, (cause as Error).message, tail(log, LOG_TAIL_LINES), { cause });
  });
  if (failure) throw new ImageBuildError(ref, failure.split('\n')[0] ?? failure, tail(log, LOG_TAIL_LINES));
}

async function startBuild(
  docker: Docker,
  dir: string,
  ref: string,
  buildargs: Record<string, string>,
  labels: Record<string, string>,
  builder: Builder,
  platform: string,
): Promise<NodeJS.ReadableStream> {
  const { pack } = await loadTarFs();
  return docker.buildImage(pack(dir) as unknown as NodeJS.ReadableStream, {
    t: ref,
    // Only for a cross build: with `platform` set, Docker 20.10 resolves FROM in a registry even when the
    // base is local (offline that fails), and the host's platform is what it builds without it anyway.
    ...(platform !== hostPlatform() ? { platform } : {}),
    dockerfile: 'Dockerfile',
    buildargs,
    labels,
    rm: true,
    forcerm: true,
    ...(builder === 'buildkit' ? { version: '2' as const } : {}),
  });
}

/** "Step 3/11 : COPY ..." (legacy) or "[sha256:3e1f2] [2/4] COPY ..." (BuildKit, as dockerode decodes it) -> the instruction. */
export function stepName(line: string): string | undefined {
  const legacy = /^Step \d+\/\d+ : (.*)$/.exec(line.trim());
  if (legacy) return legacy[1];
  const buildkit = /^\[[^\]]+\] (\[[^\]]+\] .*|exporting to image)$/.exec(line.trim());
  return buildkit?.[1];
}
