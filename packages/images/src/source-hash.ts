import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { hashDirectory } from './context-hash.js';
import { findWorkspaceRoot, resolveDockerfile } from './stage-context.js';
import { workspaceDependencies } from './workspace-deps.js';

/** Bump when staging or the labels change meaning, so older images are not taken as up to date. */
export const BUILDER_VERSION = 'images-2';

/**
 * Hash of everything staging reads: the service folder (minus node_modules, dist
 * and dotfiles), its Dockerfile, the workspace's tsconfig.base.json and lockfile,
 * the base image id, and the folders of its workspace dependencies (the service kit)
 * hashed the same way. Equal hash => staging would produce the same context, so an
 * image labelled with it is up to date and the ~5 s of tsc + pnpm deploy is skipped.
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
  for (const dep of await workspaceDependencies(context)) {
    shared.push(`workspace ${dep.name} ${await hashDirectory(dep.dir, { ignore: notSource })}`);
  }
  return hashDirectory(context, { ignore: notSource, extra: [BUILDER_VERSION, ...extra, ...shared] });
}

function notSource(rel: string): boolean {
  return rel === 'node_modules' || rel === 'dist' || rel.split('/').some((part) => part.startsWith('.'));
}

function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}
