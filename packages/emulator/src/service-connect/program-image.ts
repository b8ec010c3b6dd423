// Images for the emulator's helper programs (Service Connect agent, task
// metadata endpoint): a folder of dependency-free .mjs files on top of the node
// runtime image. The Dockerfile has no RUN, because the offline base has no
// shell. The tag is a hash of the files and the base image id, so an upgrade
// of either gives a new image and an unchanged one is never rebuilt.
import type Docker from 'dockerode';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LABEL } from '../labels/index.js';
import { HelperImageError } from './errors.js';

export interface ProgramImageSpec {
  /** Image repository, e.g. `ecs-twin/service-connect-agent`. */
  readonly repository: string;
  /** Folder holding the program's .mjs files (tests and .d.mts are left out). */
  readonly sourceDir: string;
  /** Folder in the image, e.g. `/agent`. */
  readonly destination: string;
  /** The file node runs, relative to `destination`. */
  readonly entry: string;
  /** Value of the role label on the image. */
  readonly role: string;
  /** Extra node flags (heap size). */
  readonly nodeArgs?: readonly string[];
}

/** A folder the program may write (it survives a container restart, not a re-create). */
export const PROGRAM_STATE_DIR = '/var/lib/ecs-twin';

const inFlight = new Map<string, Promise<string>>();

/** Builds the image unless one with the same content hash exists. Returns `repository:hash`. */
export function ensureProgramImage(docker: Docker, spec: ProgramImageSpec, baseImage: string): Promise<string> {
  const key = `${spec.repository}|${baseImage}`;
  let pending = inFlight.get(key);
  if (!pending) {
    pending = buildIfMissing(docker, spec, baseImage).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}

export async function programFiles(sourceDir: string): Promise<string[]> {
  const names = await readdir(sourceDir);
  return names.filter((name) => name.endsWith('.mjs') && !name.includes('.test.')).sort();
}

async function buildIfMissing(docker: Docker, spec: ProgramImageSpec, baseImage: string): Promise<string> {
  let baseId: string;
  try {
    baseId = (await docker.getImage(baseImage).inspect()).Id;
  } catch (cause) {
    throw new HelperImageError(spec.repository, `base image ${baseImage} is not there`, { cause });
  }
  const files = await programFiles(spec.sourceDir);
  const dockerfile = dockerfileFor(spec, baseImage);
  const hash = createHash('sha256').update(baseId).update(dockerfile);
  for (const file of files) hash.update(file).update(await readFile(join(spec.sourceDir, file)));
  const tag = `${spec.repository}:${hash.digest('hex').slice(0, 12)}`;

  try {
    await docker.getImage(tag).inspect();
    return tag;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
  }

  const context = await mkdtemp(join(tmpdir(), 'ecs-twin-program-'));
  try {
    await mkdir(join(context, 'program'));
    for (const file of files) await copyFile(join(spec.sourceDir, file), join(context, 'program', file));
    await mkdir(join(context, 'state'));
    await writeFile(join(context, 'state', '.keep'), '');
    await writeFile(join(context, 'Dockerfile'), dockerfile);
    const labels: Record<string, string> = { [LABEL.role]: spec.role };
    if (process.env.ECS_TWIN_TEST === 'true') labels[LABEL.test] = 'true';
    const stream = await docker.buildImage(
      { context, src: ['Dockerfile', 'state/.keep', ...files.map((file) => `program/${file}`)] },
      { t: tag, labels, rm: true, forcerm: true },
    );
    const output = await new Promise<Array<{ error?: string; stream?: string }>>((resolve, reject) =>
      docker.modem.followProgress(stream, (err: Error | null, result: Array<{ error?: string }>) =>
        err ? reject(err) : resolve(result),
      ),
    );
    const failure = output.find((line) => line.error);
    if (failure) throw new HelperImageError(tag, failure.error ?? 'build failed');
    return tag;
  } catch (cause) {
    if (cause instanceof HelperImageError) throw cause;
    throw new HelperImageError(tag, cause instanceof Error ? cause.message : String(cause), { cause });
  } finally {
    await rm(context, { recursive: true, force: true });
  }
}

function dockerfileFor(spec: ProgramImageSpec, baseImage: string): string {
  const cmd = JSON.stringify(['node', ...(spec.nodeArgs ?? []), `${spec.destination}/${spec.entry}`]);
  // No RUN (the offline base has no shell): the writable state folder comes from a COPY --chown,
  // not from /tmp, whose mode differs between bases. uid 1000 is `node` in every node image.
  return [
    `FROM ${baseImage}`,
    `COPY program/ ${spec.destination}/`,
    `COPY --chown=1000:1000 state/ ${PROGRAM_STATE_DIR}/`,
    'USER 1000:1000',
    `CMD ${cmd}`,
    '',
  ].join('\n');
}
