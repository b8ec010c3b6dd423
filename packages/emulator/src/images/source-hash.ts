import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { hashDirectory } from './context-hash.js';
import { findWorkspaceRoot, resolveDockerfile } from './stage-context.js';

/** Bump when staging or the labels change meaning, so older images are not taken as up to date. */
export const BUILDER_VERSION = 'images-1';

/**
 * Hash of everything staging reads: the service folder (minus node_modules, dist
 * and dotfiles), its Dockerfile, the workspace's tsconfig.base.json and lockfile,
 * the base image id. Equal hash => staging would produce the same context, so an
 * image labelled with it is up to date and the ~5 s of tsc + pnpm deploy is skipped.
 * (The services have no workspace dependencies; one that had would need its folder here.)
 */
export async function hashSources(context: string, dockerfile: string | undefined, extra: readonly string[]): Promise<string> {
  const workspace = findWorkspaceRoot(context);
  const dockerfilePath = resolveDockerfile(context, dockerfile);
  const shared: string[] = [];
  for (const file of ['tsconfig.base.json', 'pnpm-lock.yaml']) {
    const path = join(workspace, file);
    if (existsSync(path)) shared.push(`${file} ${sha256(await readFile(path))}`);
  }
  const outside = relative(context, dockerfilePath).startsWith('..');
  if (outside) shared.push(`dockerfile ${sha256(await readFile(dockerfilePath))}`);
  return hashDirectory(context, {
    ignore: (rel) => rel === 'node_modules' || rel === 'dist' || rel.split('/').some((part) => part.startsWith('.')),
    extra: [BUILDER_VERSION, ...extra, ...shared],
  });
}

function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}
