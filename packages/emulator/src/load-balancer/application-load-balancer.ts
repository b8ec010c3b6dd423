// The emulated ALB: listeners on 127.0.0.1 forwarding to target groups, a
// health-check loop per target, and draining on deregistration. It composes the
// small parts of this folder and owns their lifecycle.
import type { ListenerSpec } from '@ecs-twin/manifest';
import { systemClock, type Clock } from '../clock/index.js';
import type { EmitEvent } from '../events/index.js';
import type { TimingProfile } from '../timing/index.js';
import type { ListenerDescription, LoadBalancer, LoadBalancerOptions, Target, TargetHealthDescription } from './contract.js';
import { drainTarget } from './draining.js';
import { UnknownTargetGroupError } from './errors.js';
import { runHealthChecks } from './health-checker.js';
import { httpHealthProbe, type HealthProbe } from './health-probe.js';
import type { HostCpuMeter } from './host-cpu.js';
import { applyHealthCheck, drainingHealth, healthCheckingStarted, healthStateChanged, type TargetHealth } from './health-state.js';
import { Listener, type ListenerSockets } from './listener.js';
import { parseMatcher } from './matcher.js';
import type { TargetEntry } from './target-entry.js';
import { emitDeregistered, emitDraining, emitHealthChanged, emitRegistered } from './target-events.js';
import { TargetGroup } from './target-group.js';

/** ALB waits this long for a new connection to a target before answering 504. */
export const ALB_CONNECT_TIMEOUT_MS = 10_000;

export interface ApplicationLoadBalancerOptions extends LoadBalancerOptions {
  /** How a health check reaches a target. @default a real HTTP GET */
  readonly probe?: HealthProbe;
  /** @default 10 000 (ALB) */
  readonly connectTimeoutMs?: number;
  /** Idle keep-alive connections kept per target. @default 256 */
  readonly maxIdleConnectionsPerTarget?: number;
  /** The host's CPU times: a health check timing out on a saturated host is not counted. @default none */
  readonly hostCpu?: HostCpuMeter;
  /**
   * Listening sockets another process holds and hands connections over from (the
   * background emulator's supervisor, so the ports outlive this process). @default bind them here
   */
  readonly listenerSockets?: ListenerSockets;
}

export class ApplicationLoadBalancer implements LoadBalancer {
  private readonly clock: Clock;
  private readonly emit: EmitEvent;
  private readonly timing: TimingProfile;
  private readonly probe: HealthProbe;
  private readonly host: string;
  private readonly groups = new Map<string, TargetGroup>();
  private readonly boundListeners: Listener[] = [];
  /** Aborted by stop(): ends health loops and cuts pending drains short. */
  private lifetime = new AbortController();

  constructor(private readonly options: ApplicationLoadBalancerOptions) {
    this.clock = options.clock ?? systemClock;
    this.emit = options.emit ?? (() => {});
    this.timing = options.timing;
    this.probe = options.probe ?? httpHealthProbe;
    this.host = options.host ?? '127.0.0.1';
    const connections = {
      connectTimeoutMs: options.connectTimeoutMs ?? ALB_CONNECT_TIMEOUT_MS,
      idleTimeoutMs: options.spec.idleTimeoutSeconds * 1000,
      ...(options.maxIdleConnectionsPerTarget === undefined ? {} : { maxIdle: options.maxIdleConnectionsPerTarget }),
    };
    for (const spec of options.spec.targetGroups) {
      parseMatcher(spec.healthCheck.matcher); // fail at construction, not at the first check
      this.groups.set(spec.name, new TargetGroup(spec, connections));
    }
  }

  async start(): Promise<void> {
    if (this.boundListeners.length > 0) return;
    if (this.lifetime.signal.aborted) this.lifetime = new AbortController();
    const settings = {
      idleTimeoutMs: this.options.spec.idleTimeoutSeconds * 1000,
      now: () => this.clock.now(),
    };
    try {
      for (const spec of this.options.spec.listeners) {
        const listener = new Listener(spec.port, this.group(spec.targetGroupName), settings, this.options.listenerSockets);
        await listener.listen(this.host, this.bindPort(spec));
        this.boundListeners.push(listener);
      }
    } catch (error) {
      await this.closeListeners(); // nothing left half-bound
      throw error;
    }
  }

  async stop(): Promise<void> {
    this.lifetime.abort();
    await this.closeListeners();
    for (const group of this.groups.values()) group.close();
  }

  registerTargets(targetGroupName: string, targets: readonly Target[]): void {
    const group = this.group(targetGroupName);
    const added: Target[] = [];
    for (const target of targets) {
      const entry = group.add(target);
      if (!entry) continue;
      added.push(target);
      this.startHealthChecks(group, entry);
    }
    if (added.length > 0) emitRegistered(this.emit, group.name, added);
  }

  async deregisterTargets(targetGroupName: string, targetIds: readonly string[]): Promise<void> {
    const group = this.group(targetGroupName);
    const entries = targetIds.map((id) => group.get(id)).filter((entry): entry is TargetEntry => entry !== undefined);
    const starting = entries.filter((entry) => entry.drain === undefined);
    for (const entry of starting) {
      entry.checks.abort();
      this.changeHealth(group, entry, drainingHealth(entry.health));
      entry.drain = this.drain(group, entry);
    }
    if (starting.length > 0) emitDraining(this.emit, group.name, starting.map((entry) => entry.target));
    await Promise.all(entries.map((entry) => entry.drain));
  }

  describeTargetHealth(targetGroupName: string): TargetHealthDescription[] {
    return this.group(targetGroupName).describe();
  }

  listeners(): ListenerDescription[] {
    return this.boundListeners.map((listener) => ({
      port: listener.port,
      boundPort: listener.boundPort,
      targetGroupName: listener.targetGroup.name,
      DesyncMitigationMode_NonCompliant_Request_Count: listener.nonCompliantRequestCount,
    }));
  }

  /** Drains the target (draining.ts), then forgets it. */
  private async drain(group: TargetGroup, entry: TargetEntry): Promise<void> {
    const delayMs = this.timing.deregistrationDelaySeconds(group.spec) * 1000;
    const inFlightCut = await drainTarget(entry, { delayMs, clock: this.clock, stopped: this.lifetime.signal });
    group.remove(entry.target.id);
    emitDeregistered(this.emit, group.name, entry.target, inFlightCut);
  }

  private startHealthChecks(group: TargetGroup, entry: TargetEntry): void {
    const healthCheck = this.timing.healthCheck(group.spec);
    const matcher = parseMatcher(healthCheck.matcher);
    const signal = AbortSignal.any([this.lifetime.signal, entry.checks.signal]);
    const port = healthCheck.port === 'traffic-port' ? entry.target.port : (entry.target.healthCheckPort ?? entry.target.port);
    void runHealthChecks(
      { host: entry.target.host, port },
      {
        clock: this.clock,
        probe: this.probe,
        healthCheck,
        matcher,
        signal,
        ...(this.timing.awaitTargetListening ? { awaitListening: this.timing.awaitTargetListening } : {}),
        ...(this.options.hostCpu ? { hostCpu: this.options.hostCpu } : {}),
        onCheckStarted: () => this.changeHealth(group, entry, healthCheckingStarted(entry.health)),
        onOutcome: (outcome) => this.changeHealth(group, entry, applyHealthCheck(entry.health, outcome, healthCheck)),
      },
    ).catch((error: unknown) => {
      this.emit({
        kind: 'error',
        message: `health checks of target ${entry.target.id} in (target-group ${group.name}) stopped: ${error instanceof Error ? error.message : String(error)}`,
        targetGroupName: group.name,
        taskId: entry.target.id,
      });
    });
  }

  private changeHealth(group: TargetGroup, entry: TargetEntry, health: TargetHealth): void {
    const before = entry.health;
    group.setHealth(entry, health);
    // Registration in progress -> initial health checking is not news; everything else is.
    if (healthStateChanged(before, health) && !(before.state === 'initial' && health.state === 'initial')) {
      emitHealthChanged(this.emit, group.name, entry.target, health);
    }
  }

  private group(name: string): TargetGroup {
    const group = this.groups.get(name);
    if (!group) throw new UnknownTargetGroupError(name, [...this.groups.keys()]);
    return group;
  }

  private bindPort(spec: ListenerSpec): number {
    return this.options.portOverrides?.[spec.port] ?? spec.port;
  }

  private async closeListeners(): Promise<void> {
    const listeners = this.boundListeners.splice(0);
    await Promise.all(listeners.map((listener) => listener.close()));
  }
}
