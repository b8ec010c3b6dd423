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
import { waitForServices as waitUntilDone, type WaitSettings, type WaitTarget } from './wait-services.js';

export type { WaitSettings } from './wait-services.js';

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
  const touched = [...new Set([
    ...p.steps.filter((s) => s.kind === 'service' && (s.action === 'create' || s.action === 'update')).map((s) => s.name),
    ...ctx.refs.restartedServices,
  ])];
  if (o.wait === false || o.wait === undefined || touched.length === 0) return { steps: p.steps, urls };
  const wait = await waitForServices(p, o, ctx, touched, o.wait);
  return { steps: p.steps, wait, urls };
}

export async function executeDestroy(p: Prepared, o: DeployerOptions): Promise<ApplyResult> {
  await executeSteps(p.steps, context(p, o));
  return { steps: p.steps, urls: [] };
}

/** New roles take seconds to propagate: "ECS was unable to assume the role" then fails the first tasks. */
const ROLE_NOT_YET_USABLE = /unable to assume the role/i;

async function waitForServices(p: Prepared, o: DeployerOptions, ctx: ApplyContext, services: readonly string[], w: WaitSettings): Promise<WaitOutcome> {
  const cluster = p.desired.cluster.name;
  const targets: WaitTarget[] = services.map((name) => {
    const s = p.desired.services.find((x) => x.serviceName === name)!;
    const td = ctx.refs.taskDefinitionArns.get(s.family);
    return { service: name, ...(td ? { taskDefinitionArn: td } : {}), targetGroupArns: s.config.loadBalancers.map((l) => ctx.refs.targetGroupArn(l.targetGroupName)) };
  });
  const deadline = ctx.clock.now() + w.maxWaitSeconds * 1000;
  ctx.emit({ type: 'progress', message: `waiting until ${services.join(', ')} run the applied task definition with healthy targets (at most ${w.maxWaitSeconds}s)` });
  for (let attempt = 0; ; attempt += 1) {
    const left = Math.max(0, Math.round((deadline - ctx.clock.now()) / 1000));
    const outcome = await waitUntilDone(o.ports, cluster, targets, { ...w, maxWaitSeconds: left }, ctx.clock,
      (progress) => ctx.emit({ type: 'wait-progress', services: progress }));
    if (outcome.state === 'stable') return outcome;
    if (outcome.state === 'no-tasks') {
      ctx.emit({ type: 'warning', message: `${outcome.reason}; the resources are in place, the wait was stopped` });
      return outcome;
    }
    const failed = Object.keys(outcome.failures ?? {});
    const troubles = await Promise.all((failed.length > 0 ? failed : services).map((s) =>
      troubleOf(o.ports, cluster, s, outcome.last, outcome.failures?.[s])));
    const roleTrouble = troubles.filter((t) => [t.reason ?? '', ...t.events, ...t.stoppedReasons].some((x) => ROLE_NOT_YET_USABLE.test(x)));
    if (outcome.state === 'failed' && attempt === 0 && roleTrouble.length > 0) {
      ctx.emit({ type: 'progress', message: `${roleTrouble.map((t) => t.service).join(', ')}: ECS could not assume the execution role yet (IAM propagates new roles within seconds); starting a new deployment` });
      for (const t of roleTrouble) {
        const target = targets.find((x) => x.service === t.service)!;
        await o.ports.ecs.updateService({ cluster, serviceName: t.service, ...(target.taskDefinitionArn ? { taskDefinitionArn: target.taskDefinitionArn } : {}), forceNewDeployment: true });
      }
      continue;
    }
    throw new ServiceNotStableError(outcome.reason, troubles);
  }
}
