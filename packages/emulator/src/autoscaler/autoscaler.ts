import { randomUUID } from 'node:crypto';
import createDebug from 'debug';
import type { AutoscalingSpec } from '@ecs-twin/manifest';
import { isAbortError, systemClock, type Clock } from '../clock/index.js';
import type { EmitEvent } from '../events/index.js';
import type { ServiceMetricsReader } from '../metrics/index.js';
import type { TimingProfile } from '../timing/index.js';
import { decideDesiredCount, type Decision } from './decide-desired-count.js';
import type { ServiceScaler } from './service-scaler.js';
import { ServiceAutoscaling, type AlarmTransition } from './service-autoscaling.js';
import type { AutoscalingSnapshot } from './snapshot.js';

const debug = createDebug('emulator:autoscaler');

export interface AutoscalerOptions {
  readonly clusterName: string;
  /** Services with an autoscaling block (others are ignored): pass `stack.services`. */
  readonly services: readonly { readonly serviceName: string; readonly autoscaling?: AutoscalingSpec }[];
  readonly timing: TimingProfile;
  readonly metrics: ServiceMetricsReader;
  readonly scaler: ServiceScaler;
  readonly clock?: Clock;
  readonly emit?: EmitEvent;
  /** Alarm name suffixes. @default crypto.randomUUID */
  readonly newId?: () => string;
}

/**
 * Application Auto Scaling target tracking for the emulated services: once per
 * period it takes each service's CPU and memory datapoint, evaluates the
 * policies' alarms, decides the desired count and asks the core to apply it.
 */
export class Autoscaler {
  private readonly clock: Clock;
  private readonly services: ServiceAutoscaling[];
  private readonly periodMs: number;
  private loop?: { abort: AbortController; done: Promise<void> };

  constructor(private readonly options: AutoscalerOptions) {
    this.clock = options.clock ?? systemClock;
    this.periodMs = options.timing.autoscaling.periodSeconds * 1000;
    const newId = options.newId ?? randomUUID;
    this.services = options.services.flatMap((s) =>
      s.autoscaling
        ? [new ServiceAutoscaling(options.clusterName, s.serviceName, s.autoscaling, options.timing.autoscaling, newId, this.clock.now())]
        : [],
    );
  }

  /** Starts the loop: one tick at the end of every period, until stop(). */
  start(): this {
    if (this.loop) return this;
    const abort = new AbortController();
    this.loop = { abort, done: this.run(abort.signal) };
    return this;
  }

  async stop(): Promise<void> {
    const loop = this.loop;
    this.loop = undefined;
    loop?.abort.abort();
    await loop?.done;
  }

  /** Evaluates one period (ending now) for every service. */
  async tick(): Promise<void> {
    const now = this.clock.now();
    for (const service of this.services) {
      try {
        await this.tickService(service, now);
      } catch (error) {
        this.options.emit?.({
          kind: 'error',
          serviceName: service.serviceName,
          message: `Failed to evaluate autoscaling of ${service.serviceName}: ${(error as Error).message}`,
        });
      }
    }
  }

  snapshot(): AutoscalingSnapshot {
    const t = this.options.timing.autoscaling;
    return {
      timing: {
        profile: this.options.timing.name,
        periodSeconds: t.periodSeconds,
        highDatapoints: t.highDatapoints,
        lowDatapoints: t.lowDatapoints,
        scaleOutCooldownSeconds: t.scaleOutCooldownSeconds ?? null,
        scaleInCooldownSeconds: t.scaleInCooldownSeconds ?? null,
      },
      services: this.services.map((s) => s.snapshot()),
    };
  }

  private async run(signal: AbortSignal): Promise<void> {
    // Ticks on a fixed grid from the start, so slow ticks do not drift the periods.
    let next = this.clock.now() + this.periodMs;
    for (;;) {
      try {
        await this.clock.sleep(Math.max(0, next - this.clock.now()), signal);
      } catch (error) {
        if (isAbortError(error)) return;
        throw error;
      }
      await this.tick();
      next += this.periodMs;
      while (next <= this.clock.now()) next += this.periodMs;
    }
  }

  private async tickService(service: ServiceAutoscaling, now: number): Promise<void> {
    const { metrics, scaler } = this.options;
    const point = metrics.datapoint(service.serviceName, now - this.periodMs, now);
    for (const transition of service.recordPeriod(point, now)) this.emitAlarm(service, transition);

    const current = await scaler.getDesiredCount(service.serviceName);
    const decision = decideDesiredCount({
      current,
      minCapacity: service.spec.minCapacity,
      maxCapacity: service.spec.maxCapacity,
      policies: service.policyStatuses(),
      lastScaleOutAt: service.lastScaleOutAt,
      lastScaleInAt: service.lastScaleInAt,
      deploymentInProgress: await scaler.isDeploymentInProgress(service.serviceName),
      now,
    });
    service.lastDecision = { at: now, direction: decision.direction, reason: decision.reason };
    debug('%s: cpu=%s memory=%s current=%d -> %d (%s)', service.serviceName, fmt(point.cpu), fmt(point.memory), current, decision.desired, decision.reason);

    const desired = decision.desired !== current ? await this.apply(service, current, decision, now) : current;
    service.recordHistory({
      at: now,
      cpu: point.cpu ?? null,
      memory: point.memory ?? null,
      desiredCount: desired,
      runningTasks: point.reportingTasks,
    });
  }

  private async apply(service: ServiceAutoscaling, current: number, decision: Decision, now: number): Promise<number> {
    const { serviceName } = service;
    const description = `Setting desired count to ${decision.desired}.`;
    try {
      await this.options.scaler.setDesiredCount(serviceName, decision.desired, decision.reason);
    } catch (error) {
      const statusMessage = `Failed to set desired count to ${decision.desired}: ${(error as Error).message}`;
      service.recordActivity({ at: now, description, cause: decision.reason, statusCode: 'Failed', statusMessage, fromCount: current, toCount: decision.desired });
      this.options.emit?.({ kind: 'error', serviceName, message: `Message: ${statusMessage} Cause: ${decision.reason}` });
      return current;
    }
    if (decision.direction === 'out') {
      service.lastScaleOutAt = now;
      service.lastScaleInAt = undefined; // a scale-out cancels a running scale-in cooldown
    } else {
      service.lastScaleInAt = now;
    }
    const statusMessage = `Successfully set desired count to ${decision.desired}. Change successfully fulfilled by ecs.`;
    service.recordActivity({ at: now, description, cause: decision.reason, statusCode: 'Successful', statusMessage, fromCount: current, toCount: decision.desired });
    this.options.emit?.({
      kind: 'service-scaled',
      serviceName,
      message: `Message: ${statusMessage} Cause: ${decision.reason}`,
      detail: {
        resourceId: service.resourceId,
        description,
        cause: decision.reason,
        fromCount: current,
        toCount: decision.desired,
        direction: decision.direction,
        ...(decision.policy ? { policy: decision.policy } : {}),
        ...(decision.alarm ? { alarm: decision.alarm } : {}),
      },
    });
    return decision.desired;
  }

  private emitAlarm(service: ServiceAutoscaling, t: AlarmTransition): void {
    this.options.emit?.({
      kind: 'alarm',
      serviceName: service.serviceName,
      message: `Alarm "${t.alarm.name}" updated from ${t.from} to ${t.to}: ${t.reason}`,
      detail: { alarm: t.alarm.name, policy: t.alarm.policyName, kind: t.alarm.kind, from: t.from, to: t.to },
    });
  }
}

function fmt(value: number | undefined): string {
  return value === undefined ? 'missing' : value.toFixed(1);
}
