import type { Clock } from '../clock/index.js';
import { probeListeners } from '../load-balancer/listener-probe.js';
import type { StackRuntime } from '../stack-runtime/index.js';

/** Each listener answers 200 on its target group's health-check path. */
export async function listenersAnswer(runtime: StackRuntime): Promise<boolean> {
  const lb = runtime.loadBalancerHandle();
  if (!lb) return true;
  const results = await probeListeners(
    lb.listeners().map((l) => ({ url: `http://127.0.0.1:${l.boundPort}`, targetGroupName: l.targetGroupName })),
    runtime.stack.loadBalancer.targetGroups,
  );
  return results.every(Boolean);
}

/** Waits until every service is steady and every listener answers; false on timeout. */
export async function waitReady(runtime: StackRuntime, clock: Clock, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
  const deadline = clock.now() + timeoutMs;
  while (clock.now() < deadline) {
    if (runtime.isSteady() && (await listenersAnswer(runtime))) return true;
    await clock.sleep(100, signal);
  }
  return false;
}
