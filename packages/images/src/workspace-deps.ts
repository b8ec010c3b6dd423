import { existsSync } from 'node:fs';
import { readFile, realpath } from 'node:fs/promises';
import { join } from 'node:path';

/** A `workspace:` dependency of a service package (e.g. @ecs-twin/service-kit). */
export interface WorkspaceDependency {
  readonly name: string;
  /** Its folder in the workspace (holds package.json and tsconfig.build.json). */
  readonly dir: string;
}

/**
 * The `workspace:` dependencies of the package at `context`, found through its
 * node_modules links (pnpm install made them), then theirs, each once.
 * Such a package ships compiled JS ("files": ["dist"]) that staging must build,
 * and its sources are part of the image's source hash.
 */
export async function workspaceDependencies(context: string): Promise<WorkspaceDependency[]> {
  const found = new Map<string, WorkspaceDependency>();
  const visit = async (dir: string): Promise<void> => {
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    for (const [name, spec] of Object.entries(pkg.dependencies ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
      if (!spec.startsWith('workspace:') || found.has(name)) continue;
      const link = join(dir, 'node_modules', name);
      if (!existsSync(link)) throw new Error(`${name} is not linked in ${dir}/node_modules: run pnpm install`);
      const dep = { name, dir: await realpath(link) };
      found.set(name, dep);
      await visit(dep.dir);
    }
  };
  await visit(context);
  return [...found.values()];
}
