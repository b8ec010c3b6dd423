// A service's source in a throwaway pnpm workspace, so a test can change the
// code and rebuild without touching the repository (the image builder stages
// with `pnpm deploy`, which needs a workspace; the lockfile makes the install
// offline and instant from the local store).
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './test-manifest.js';

const run = promisify(execFile);

export interface ServiceCopy {
  /** The copied service folder: the build context. */
  readonly context: string;
  /** Replaces `from` by `to` in a file of the copy (path relative to the service folder). */
  edit(file: string, from: string, to: string): Promise<void>;
  dispose(): Promise<void>;
}

export async function copyServiceWorkspace(service: 'users' | 'products'): Promise<ServiceCopy> {
  const root = await mkdtemp(join(tmpdir(), `ecs-twin-ws-${service}-`));
  const context = join(root, 'packages', 'services', service);
  const filter = (src: string) => !/[/\\](node_modules|dist|test)([/\\]|$)/.test(src.slice(REPO_ROOT.length));
  await cp(join(REPO_ROOT, 'packages', 'services', service), context, { recursive: true, filter });
  // The services depend on the shared kit (workspace:*): the copy's workspace needs it too.
  await cp(join(REPO_ROOT, 'packages', 'services', 'kit'), join(root, 'packages', 'services', 'kit'), { recursive: true, filter });
  for (const file of ['tsconfig.base.json', 'pnpm-lock.yaml']) await cp(join(REPO_ROOT, file), join(root, file));
  const workspace = await readFile(join(REPO_ROOT, 'pnpm-workspace.yaml'), 'utf8');
  const allowBuilds = workspace.slice(workspace.indexOf('allowBuilds:'));
  await writeFile(join(root, 'pnpm-workspace.yaml'), `packages:\n  - packages/services/*\n${allowBuilds}`);
  // The service compiles against the repository root's @types/node (hoisted there): the copy's root has it too.
  const rootPackage = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  const devDependencies = { '@types/node': rootPackage.devDependencies['@types/node']! };
  await writeFile(join(root, 'package.json'), JSON.stringify({ name: `ws-${service}`, private: true, devDependencies }));
  // Not frozen: the copied lockfile names the whole repository's importers; this workspace has one.
  await run('pnpm', ['install', '--offline', '--no-frozen-lockfile', '--config.confirmModulesPurge=false'], { cwd: root });
  return {
    context,
    async edit(file, from, to) {
      const path = join(context, file);
      const text = await readFile(path, 'utf8');
      if (!text.includes(from)) throw new Error(`edit ${file}: "${from}" not found`);
      await writeFile(path, text.replace(from, to));
    },
    dispose: () => rm(root, { recursive: true, force: true }),
  };
}
