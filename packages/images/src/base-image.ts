import type Docker from 'dockerode';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { pack } from 'tar-fs';
import { connectDocker, inspectImage, withTimeout } from './docker-connection.js';
import { BaseImageError } from './errors.js';
import { IMAGE_LABEL } from './labels.js';
import { hostNodeRootfsPlan, NODE_PATH_IN_IMAGE, writeRootfs } from './offline-rootfs.js';
import { hostPlatform, imagePlatform } from './platform.js';
import { type ProgressFn, stderrProgress } from './progress.js';

/** What online users get; the Dockerfiles' `ARG BASE_IMAGE` default. Override with ECS_TWIN_BASE_IMAGE. */
export const DEFAULT_BASE_IMAGE = 'node:22-bookworm-slim';
export const OFFLINE_BASE_REPOSITORY = 'ecs-twin/node-base';
/**
 * Bumped whenever the offline rootfs changes, so a base made by an older
 * version of this code is made again rather than reused (2: /tmp is 1777).
 */
const OFFLINE_BASE_LAYOUT = 'offline-host-node-2';
/**
 * tar-fs masks modes with the process umask unless told otherwise, which
 * turned /tmp's 1777 into 1755 (the node user could not write there). Its
 * `umask` option exists at runtime but is missing from @types/tar-fs.
 */
const KEEP_MODES = { umask: 0 } as unknown as Parameters<typeof pack>[1];

/** tar-fs only when an image is made: every emulator start loaded it (~10 ms) for nothing. */
export const loadTarFs = () => import('tar-fs');

export type BaseImageSource = 'local' | 'pulled' | 'offline-cached' | 'offline-created';

export interface BaseImage {
  /** Image reference to pass as BASE_IMAGE. */
  readonly name: string;
  readonly imageId: string;
  readonly source: BaseImageSource;
}

export interface EnsureBaseImageOptions {
  readonly docker?: Docker;
  /** @default ECS_TWIN_BASE_IMAGE or node:22-bookworm-slim */
  readonly baseImage?: string;
  /** Bound on the pull attempt (offline it fails in milliseconds; a black-holed network would hang). @default 15000 */
  readonly pullTimeoutMs?: number;
  /** Host node binary for the offline base. @default process.execPath */
  readonly nodeBinary?: string;
  /** Node version of that binary, the offline base's tag. @default process.versions.node */
  readonly nodeVersion?: string;
  readonly onProgress?: ProgressFn;
  /**
   * Use an offline base already made here before trying a pull. For helper images
   * (any node will do): a registry that does not answer would otherwise hold every
   * emulator start up to pullTimeoutMs. Service images keep the order above.
   */
  readonly offlineBeforePull?: boolean;
  /**
   * The platform to build for (`linux/amd64`). A local base of another architecture
   * is not used, the pull asks for this platform, and the offline base (the host's
   * own node) is only made for the host's platform. @default the host's
   */
  readonly platform?: string;
}

// One failed pull per process and image is enough: retrying would only add latency to every build.
const pullFailed = new Set<string>();
// Two services built side by side must not both make the offline base.
const inFlight = new Map<string, Promise<BaseImage>>();

/**
 * The image services are built FROM: (1) the requested base if it is local,
 * (2) else a pull of it, bounded in time, (3) else an offline base made from the
 * host's own node (`ecs-twin/node-base:<node version>`), reused once it exists.
 */
export function ensureBaseImage(options: EnsureBaseImageOptions = {}): Promise<BaseImage> {
  const wanted = options.baseImage ?? process.env.ECS_TWIN_BASE_IMAGE ?? DEFAULT_BASE_IMAGE;
  const key = `${wanted}|${options.offlineBeforePull === true}|${options.platform ?? ''}`;
  let pending = inFlight.get(key);
  if (!pending) {
    pending = resolveBaseImage(wanted, options).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}

async function resolveBaseImage(wanted: string, options: EnsureBaseImageOptions): Promise<BaseImage> {
  const docker = options.docker ?? connectDocker();
  const progress = options.onProgress ?? stderrProgress;

  const platform = options.platform ?? hostPlatform();
  const local = await inspectImage(docker, wanted);
  if (local && imagePlatform(local) === platform) return { name: wanted, imageId: local.Id, source: 'local' };

  const version = options.nodeVersion ?? process.versions.node;
  const offline = `${OFFLINE_BASE_REPOSITORY}:${version}`;
  const cachedOffline = async () => {
    const cached = await inspectImage(docker, offline);
    return cached && cached.Config?.Labels?.[IMAGE_LABEL.base] === OFFLINE_BASE_LAYOUT ? cached : undefined;
  };
  if (options.offlineBeforePull) {
    const cached = await cachedOffline();
    if (cached) return { name: offline, imageId: cached.Id, source: 'offline-cached' };
  }

  if (!pullFailed.has(wanted)) {
    try {
      await pull(docker, wanted, options.pullTimeoutMs ?? 15_000, platform);
      const pulled = await inspectImage(docker, wanted);
      if (pulled) return { name: wanted, imageId: pulled.Id, source: 'pulled' };
    } catch (error) {
      pullFailed.add(wanted);
      progress(`base image ${wanted} is not local and cannot be pulled (${firstLine(error)}): using an offline base made from this host's node`);
    }
  }

  if (platform !== hostPlatform()) {
    throw new BaseImageError(wanted, `no ${platform} base: it is not local for ${platform} and cannot be pulled, and the offline base is made from this host's ${hostPlatform()} node`);
  }
  const cached = await cachedOffline();
  if (cached) return { name: offline, imageId: cached.Id, source: 'offline-cached' };

  const imageId = await createOfflineBase(docker, offline, version, options.nodeBinary ?? process.execPath, progress);
  return { name: offline, imageId, source: 'offline-created' };
}

async function pull(docker: Docker, image: string, timeoutMs: number, platform: string): Promise<void> {
  let stream: NodeJS.ReadableStream | undefined;
  const done = (async () => {
    stream = await docker.pull(image, { platform });
    await new Promise<void>((resolve, reject) =>
      docker.modem.followProgress(stream!, (err: Error | null) => (err ? reject(err) : resolve())),
    );
  })();
  await withTimeout(done, timeoutMs, `no answer from the registry within ${timeoutMs} ms`, () =>
    (stream as unknown as { destroy?: () => void } | undefined)?.destroy?.(),
  );
}

async function createOfflineBase(
  docker: Docker,
  name: string,
  version: string,
  nodeBinary: string,
  progress: ProgressFn,
): Promise<string> {
  const started = Date.now();
  const root = await mkdtemp(join(tmpdir(), 'ecs-twin-node-base-'));
  try {
    const plan = await hostNodeRootfsPlan(nodeBinary);
    await writeRootfs(root, plan);
    const [repo, tag] = [OFFLINE_BASE_REPOSITORY, version];
    const changes = [
      'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      `ENV NODE_VERSION=${version}`,
      `LABEL ${IMAGE_LABEL.base}=${OFFLINE_BASE_LAYOUT}`,
      `LABEL org.opencontainers.image.description="node ${version} from the build host, no shell"`,
      'CMD ["node"]',
    ];
    // @types/dockerode types the result as void; the engine answers with a progress stream.
    const { pack: packDir } = await loadTarFs();
    const stream = (await docker.importImage(packDir(root, KEEP_MODES) as unknown as NodeJS.ReadableStream, {
      repo,
      tag,
      changes,
      message: `ecs-twin offline base (host ${nodeBinary})`,
    } as never)) as unknown as NodeJS.ReadableStream;
    await new Promise<void>((resolve, reject) =>
      docker.modem.followProgress(stream, (err: Error | null) => (err ? reject(err) : resolve())),
    );
    const image = await inspectImage(docker, name);
    if (!image) throw new Error('docker import reported success but the image is missing');
    const mb = Math.round(image.Size / 1e6);
    progress(
      `made offline base image ${name} (${mb} MB) with docker import: host node ${nodeBinary} at ${NODE_PATH_IN_IMAGE}, ` +
        `${plan.copies.length - 1} libraries/certs, /etc/passwd with user node (uid 1000), in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return image.Id;
  } catch (error) {
    throw new BaseImageError(name, `could not make it from the host's node: ${firstLine(error)}`, { cause: error });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
