import type { TargetGroupSpec } from '@ecs-twin/manifest';

/** A listener as the readiness probe sees it: where it answers and what it forwards to. */
export interface ProbedListener {
  /** `http://127.0.0.1:<bound port>` */
  readonly url: string;
  readonly targetGroupName: string;
}

/**
 * The readiness probe of `up`, run by the emulator and by the command line alike:
 * each listener answers 200 on its target group's health-check path, as a user's
 * first request would get it. One result per listener, in order.
 */
export function probeListeners(listeners: readonly ProbedListener[], targetGroups: readonly TargetGroupSpec[]): Promise<boolean[]> {
  return Promise.all(
    listeners.map(async (l) => {
      const tg = targetGroups.find((t) => t.name === l.targetGroupName);
      try {
        const res = await fetch(`${l.url}${tg?.healthCheck.path ?? '/'}`, { signal: AbortSignal.timeout(2000) });
        await res.arrayBuffer();
        return res.status === 200;
      } catch {
        return false;
      }
    }),
  );
}
