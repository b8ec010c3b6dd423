import type { ObservedTask } from '../scheduler/index.js';
import type { ServiceContext } from './service-context.js';

// The service's tasks in its target group: a task the scheduler says is RUNNING
// with a published port joins it (state `initial`, health checks start); the
// ALB reaches it on 127.0.0.1 at that port. Leaving it is draining
// (stop-sequence.ts) or, for a task that died, at once (ServiceController.taskDied).

/** Registers `tasks` with the service's target group and remembers them in `registered`. */
export function registerTaskTargets(ctx: ServiceContext, registered: Set<string>, tasks: readonly (ObservedTask | undefined)[]): void {
  const tg = ctx.service.loadBalancer?.targetGroupName;
  if (tasks.length === 0 || !tg || !ctx.loadBalancer) return;
  const targets = tasks.filter((t): t is ObservedTask => Boolean(t?.hostPort));
  for (const t of targets) registered.add(t.taskId);
  ctx.loadBalancer.registerTargets(
    tg,
    targets.map((t) => ({
      id: t.taskId,
      host: '127.0.0.1',
      port: t.hostPort!,
      serviceName: ctx.service.serviceName,
      containerPort: ctx.service.loadBalancer?.containerPort,
    })),
  );
}
