// What to show when services don't stabilise: ECS events and stopped tasks' reasons.
import type { ServiceTrouble } from '../errors/index.js';
import type { AwsPorts, ServiceProgress } from '../ports/index.js';

export async function troubleOf(ports: AwsPorts, cluster: string, service: string, last: readonly ServiceProgress[], reason?: string): Promise<ServiceTrouble> {
  const [records, tasks] = await Promise.all([
    ports.ecs.services(cluster, [service], ''),
    ports.ecs.tasks(cluster, service),
  ]);
  const record = records.find((r) => r.serviceName === service);
  const progress = last.find((p) => p.service === service);
  return {
    service,
    ...(reason ? { reason } : {}),
    running: record?.runningCount ?? progress?.running ?? 0,
    desired: record?.desiredCount ?? progress?.desired ?? 0,
    events: (record?.events ?? []).slice(0, 5),
    stoppedReasons: tasks
      .filter((t) => t.lastStatus === 'STOPPED')
      .slice(0, 5)
      .map((t) => [t.stoppedReason, ...t.containers.filter((c) => c.reason || c.exitCode).map((c) => `${c.name}: ${c.reason ?? `exit ${c.exitCode}`}`)].filter(Boolean).join('; ')),
  };
}
