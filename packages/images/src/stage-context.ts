import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { hashDirectory } from './context-hash.js';
import { StagingError } from './errors.js';
import { type WorkspaceDependency, workspaceDependencies } from './workspace-deps.js';

/**
 * The build context Docker sees: compiled JS plus production node_modules,
 * because the offline base has no shell (no `RUN npm ci`) and nothing can be
 * downloaded during the build anyway.
 *
 *   <stage>/ctx/package.json, dist/ (tsc), node_modules/ (pnpm deploy --prod), Dockerfile
 *
 * A workspace dependency (@ecs-twin/service-kit) is copied by deploy without its
 * dist/ (not built in the source tree: parallel stagings would race on it), so it
 * is compiled straight into its deployed copy.
 */
export interface StagedContext {
  readonly dir: string;
  /** sha256 of the staged tree (plus `extra` inputs such as the base image id). */
  readonly contextHash: string;
  dispose(): Promise<void>;
}

export interface StageOptions {
  /** Absolute path of the service package (holds package.json, tsconfig.build.json, Dockerfile). */
  readonly context: string;
  /** Dockerfile path, relative to the context or absolute. @default "Dockerfile" */
  readonly dockerfile?: string;
  readonly extraHashInputs?: readonly string[];
}

// Written by pnpm with timestamps and absolute paths; node never reads them at run time,
// and leaving them in would make every staging hash differ.
const VOLATILE = ['pnpm-lock.yaml', 'pnpm-workspace.yaml', 'node_modules/.modules.yaml', 'node_modules/.pnpm-workspace-state-v1.json', 'node_modules/.pnpm/lock.yaml'];

export async function stageServiceContext(options: StageOptions): Promise<StagedContext> {
  const context = resolve(options.context);
  const dockerfile = resolveDockerfile(context, options.dockerfile);
  const workspace = findWorkspaceRoot(context);
  const pkg = JSON.parse(await readFile(join(context, 'package.json'), 'utf8')) as { name?: string };
  if (!pkg.name) throw new StagingError(context, 'read package.json', 'package.json has no "name" (pnpm deploy selects the package by name)');

  const stage = await mkdtemp(join(tmpdir(), `ecs-twin-stage-${basename(context)}-`));
  const dir = join(stage, 'ctx');
  const dispose = () => rm(stage, { recursive: true, force: true });
  try {
    const workspaceDeps = await workspaceDependencies(context).catch((cause: unknown) => {
      throw new StagingError(context, 'find workspace dependencies', (cause as Error).message, { cause });
    });
    // Independent steps, run side by side: deploy copies package.json and production deps,
    // tsc compiles into a sibling folder (never into the source tree: parallel builds would race on dist/).
    await Promise.all([
      exec(context, 'pnpm deploy --prod', 'pnpm', ['--filter', pkg.name, 'deploy', '--prod', '--prefer-offline', dir], workspace).then(() =>
        Promise.all(workspaceDeps.map((dep) => buildDeployedDependency(dep, dir))),
      ),
      exec(context, 'tsc', process.execPath, [tscPath(context), '-p', join(context, 'tsconfig.build.json'), '--outDir', join(stage, 'dist')], context),
    ]);
    await rm(join(dir, 'dist'), { recursive: true, force: true }); // a developer's stale dist/, copied by deploy
    await rename(join(stage, 'dist'), join(dir, 'dist'));
    await Promise.all(VOLATILE.map((p) => rm(join(dir, p), { force: true })));
    await normalizePackageJson(join(dir, 'package.json'));
    await copyFile(dockerfile, join(dir, 'Dockerfile'));
    const contextHash = await hashDirectory(dir, { extra: options.extraHashInputs });
    return { dir, contextHash, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/** tsc of a workspace dependency into its copy under the deployed node_modules (replacing a developer's stale dist/). */
async function buildDeployedDependency(dep: WorkspaceDependency, dir: string): Promise<void> {
  const deployed = await realpath(join(dir, 'node_modules', dep.name));
  if (relative(dir, deployed).startsWith('..')) {
    throw new StagingError(dep.dir, 'locate the deployed copy', `pnpm deploy linked ${dep.name} to ${deployed} instead of copying it into ${dir}`);
  }
  await rm(join(deployed, 'dist'), { recursive: true, force: true });
  await exec(dep.dir, 'tsc', process.execPath, [tscPath(dep.dir), '-p', join(dep.dir, 'tsconfig.build.json'), '--outDir', join(deployed, 'dist')], dep.dir);
}

/** pnpm deploy writes the dependency maps in a different order each run; sort them so the hash is stable. */
async function normalizePackageJson(path: string): Promise<void> {
  const pkg = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  for (const key of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
    const deps = pkg[key];
    if (deps && typeof deps === 'object') {
      pkg[key] = Object.fromEntries(Object.entries(deps as Record<string, string>).sort(([a], [b]) => a.localeCompare(b)));
    }
  }
  await writeFile(path, JSON.stringify(pkg, null, 2) + '\n');
}

/** The directory holding pnpm-workspace.yaml above `from` (pnpm deploy runs from there). */
export function findWorkspaceRoot(from: string): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (dirname(dir) === dir) throw new StagingError(from, 'find the pnpm workspace', `no pnpm-workspace.yaml in ${from} or above`);
  }
}

export function resolveDockerfile(context: string, dockerfile = 'Dockerfile'): string {
  const path = isAbsolute(dockerfile) ? dockerfile : join(context, dockerfile);
  if (!existsSync(path)) throw new StagingError(context, 'find the Dockerfile', `${path} does not exist`);
  return path;
}

function tscPath(context: string): string {
  try {
    return createRequire(join(context, 'package.json')).resolve('typescript/bin/tsc');
  } catch (cause) {
    throw new StagingError(context, 'find tsc', 'typescript is not installed for this package: run pnpm install', { cause });
  }
}

function exec(context: string, step: string, file: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile(file, args, { cwd, maxBuffer: 32 * 1024 * 1024, env: { ...process.env, FORCE_COLOR: '0' } }, (error, stdout, stderr) => {
      if (error) reject(new StagingError(context, step, `${stdout}\n${stderr}`, { cause: error }));
      else resolvePromise(stdout);
    });
  });
}
