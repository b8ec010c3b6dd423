// apply and destroy: observe -> plan -> (the caller confirms) -> execute -> wait.
import type { Stack } from '@ecs-twin/manifest';
import { systemClock, type Clock } from '../clock.js';
import { ReplaceNotSupportedError, ServiceNotStableError } from '../errors/index.js';
import { ignoreEvents, type EmitEvent } from '../events/index.js';
import type { ImagePublisher } from '../image/index.js';
import { observe } from '../observe/index.js';
import { desiredFor, planDeployment, planDestroy, type DesiredStack, type ObservedStack, type PlanStep } from '../plan/index.js';
import type { AwsPorts, WaitOutcome } from '../ports/index.js';
import { Refs, type ApplyContext } from './context.js';
import { executeSteps } from './execute.js';
import { troubleOf } from './troubles.js';

export interface WaitSettings {
  readonly maxWaitSeconds: number;
  readonly minDelaySeconds: number;
  readonly maxDelaySeconds: number;
  readonly noTaskGraceSeconds: number;
}

/** AWS's own pace: the waiter's 15 s polls, at most 15 minutes. */
export const AWS_WAIT: WaitSettings = { maxWaitSeconds: 900, minDelaySeconds: 15, maxDelaySeconds: 30, noTaskGraceSeconds: 180 };

export interface DeployerOptions {
  readonly ports: AwsPorts;
  readonly region: string;
  readonly emit?: EmitEvent;
  readonly clock?: Clock;
  readonly images?: ImagePublisher;
  readonly skipPush?: boolean;
  /** false: don't wait for services to become stable (--no-wait). */
  readonly wait?: WaitSettings | false;
  readonly deleteTimeoutMs?: number;
}

export interface Prepared {
  readonly stack: Stack;
  readonly observed: ObservedStack;
  readonly desired: DesiredStack;
  readonly steps: readonly PlanStep[];
}

export interface ApplyResult {
  readonly steps: readonly PlanStep[];
  readonly wait?: WaitOutcome;
  readonly urls: readonly string[];
}

export async function prepareApply(stack: Stack, o: DeployerOptions): Promise<Prepared> {
  (o.emit ?? ignoreEvents)({ type: 'observing', stack: stack.stack, region: o.region });
  const observed = await observe(stack, o.ports, { region: o.region, images: !o.skipPush });
  return { stack, observed, desired: desiredFor(stack, observed), steps: planDeployment(stack, observed, { skipPush: o.skipPush ?? false }) };
}

export async function prepareDestroy(stack: Stack, o: DeployerOptions): Promise<Prepared> {
  (o.emit ?? ignoreEvents)({ type: 'observing', stack: stack.stack, region: o.region });
  const observed = await observe(stack, o.ports, { region: o.region, allRevisions: true });
  return { stack, observed, desired: desiredFor(stack, observed), steps: planDestroy(observed) };
}

function context(p: Prepared, o: DeployerOptions): ApplyContext {
  return {
    desired: p.desired,
    observed: p.observed,
    ports: o.ports,
    refs: Refs.from(p.observed),
    emit: o.emit ?? ignoreEvents,
    clock: o.clock ?? systemClock,
    ...(o.images && !o.skipPush ? { images: o.images } : {}),
    deleteTimeoutMs: o.deleteTimeoutMs ?? 15 * 60_000,
  };
}

export async function executeApply(p: Prepared, o: DeployerOptions): Promise<ApplyResult> {
  const replaces = p.steps.filter((s) => s.action === 'replace');
  if (replaces.length > 0) throw new ReplaceNotSupportedError(replaces);
  const ctx = context(p, o);
  await executeSteps(p.steps, ctx);
  const urls = p.desired.listeners.map((l) => `http://${ctx.refs.loadBalancerDns ?? p.desired.loadBalancer.name}:${l.port}`);
  const touched = p.steps.filter((s) => s.kind === 'service' && (s.action === 'create' || s.action === 'update')).map((s) => s.name);
  if (o.wait === false || o.wait === undefined || touched.length === 0) return { steps: p.steps, urls };
  const wait = await waitForServices(p, o, ctx, touched, o.wait);
  return { steps: p.steps, wait, urls };
}

export async function executeDestroy(p: Prepared, o: DeployerOptions): Promise<ApplyResult> {
  await executeSteps(p.steps, context(p, o));
  return { steps: p.steps, urls: [] };
}

async function waitForServices(p: Prepared, o: DeployerOptions, ctx: ApplyContext, services: readonly string[], w: WaitSettings): Promise<WaitOutcome> {
  const cluster = p.desired.cluster.name;
  ctx.emit({ type: 'progress', message: `waiting until ${services.join(', ')} are stable (at most ${w.maxWaitSeconds}s)` });
  const outcome = await o.ports.ecs.waitStable(cluster, services, {
    ...w,
    onProgress: (progress) => ctx.emit({ type: 'wait-progress', services: progress }),
  });
  if (outcome.state === 'stable') return outcome;
  if (outcome.state === 'no-tasks') {
    ctx.emit({ type: 'warning', message: `${outcome.reason}; the resources are in place, the wait was stopped` });
    return outcome;
  }
  const troubles = await Promise.all(services.map((s) => troubleOf(o.ports, cluster, s, outcome.last)));
  throw new ServiceNotStableError(outcome.reason, troubles);
}
