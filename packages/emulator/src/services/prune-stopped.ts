import type { ObservedContainer } from '../docker/index.js';
import type { ObservedTask } from '../scheduler/index.js';
import type { ServiceContext } from './service-context.js';

/**
 * Keeps the newest `keep` stopped tasks' containers (for `logs` and `status`);
 * older ones have their logs archived, then are removed.
 */
export async function pruneStopped(
  ctx: ServiceContext,
  stopped: readonly ObservedTask[],
  containers: readonly ObservedContainer[],
  keep: number,
): Promise<void> {
  const old = [...stopped].sort((a, b) => b.createdAt - a.createdAt).slice(keep);
  for (const task of old) {
    if (!containers.some((c) => c.containerId === task.containerId)) continue;
    await ctx.archiveLogs?.(task).catch(() => undefined);
    for (const c of [task.containerId!, ...(task.sidecars ?? []).map((s) => s.containerId)]) await ctx.runtime.remove(c);
  }
}
