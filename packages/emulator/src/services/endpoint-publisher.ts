import type { ServiceConnectEndpoint } from '../service-connect/contract.js';
import type { ObservedTask } from '../scheduler/index.js';
import type { TaskHealthStatus } from '../tasks/index.js';
import { discoveryNameSpecs } from './discovery-specs.js';
import { sameEndpoints, serviceConnectEndpoints } from './endpoints.js';
import type { ServiceContext } from './service-context.js';

/** After a failed push, the next try waits this long (the agent may be restarting). */
const PUSH_RETRY_MS = 2000;

/**
 * Keeps one service's Service Connect agents holding the endpoint set they
 * should: the service's running, healthy, non-stopping tasks. Pushes happen in
 * the background (a slow or restarting agent must not hold up the scheduler);
 * withdrawals before a drain are awaited.
 */
export class EndpointPublisher {
  private readonly pushed = new Map<string, ServiceConnectEndpoint[]>();
  private readonly pushing = new Set<string>();
  /** The endpoint set each discovery name should have now. */
  private readonly wanted = new Map<string, ServiceConnectEndpoint[]>();
  /** The push in flight per discovery name (withdraw waits for it). */
  private readonly pushes = new Map<string, Promise<unknown>>();
  private readonly pushRetryAt = new Map<string, number>();

  constructor(
    private readonly ctx: ServiceContext,
    /** Runs a background promise under the controller's error reporting. */
    private readonly track: (promise: Promise<unknown>) => void,
  ) {}

  /**
   * Pushes each discovery name's endpoint set when it changed. A failed push is
   * retried on a later step, after asking Service Connect to (re)start the agent.
   */
  publish(tasks: readonly ObservedTask[], health: ReadonlyMap<string, TaskHealthStatus>): void {
    const { ctx } = this;
    const sc = ctx.service.serviceConnect;
    const mesh = ctx.serviceConnect;
    if (!mesh || sc.mode !== 'client-server' || sc.services.length === 0) return;
    if (ctx.serviceConnectReady && !ctx.serviceConnectReady()) return;
    for (const [discoveryName, endpoints] of this.endpointSets(tasks, health)) {
      this.wanted.set(discoveryName, endpoints);
      const before = this.pushed.get(discoveryName);
      if (before && sameEndpoints(before, endpoints)) continue;
      if (this.pushing.has(discoveryName)) continue;
      if (ctx.clock.now() < (this.pushRetryAt.get(discoveryName) ?? 0)) continue;
      this.pushing.add(discoveryName);
      const push = async () => {
        try {
          await mesh.setEndpoints(discoveryName, endpoints);
        } catch (error) {
          const spec = discoveryNameSpecs(ctx.service).find((d) => d.discoveryName === discoveryName);
          if (spec) await mesh.ensureAgent(spec);
          await mesh.setEndpoints(discoveryName, endpoints).catch((again: unknown) => {
            throw again instanceof Error ? again : error;
          });
        }
        this.pushed.set(discoveryName, endpoints);
      };
      const pushing = push()
        .catch((error: unknown) => {
          this.pushRetryAt.set(discoveryName, ctx.clock.now() + PUSH_RETRY_MS);
          throw error;
        })
        .finally(() => {
          this.pushing.delete(discoveryName);
          this.pushes.delete(discoveryName);
        });
      this.pushes.set(discoveryName, pushing);
      this.track(pushing);
    }
  }

  /** Per discovery name, the endpoint set of these tasks once `leaving` are gone. */
  without(
    tasks: readonly ObservedTask[],
    health: ReadonlyMap<string, TaskHealthStatus>,
    leaving: ReadonlySet<string>,
  ): Map<string, ServiceConnectEndpoint[]> {
    return this.endpointSets(
      tasks.filter((t) => !leaving.has(t.taskId)),
      health,
    );
  }

  /**
   * Takes stopping tasks out of Service Connect and waits until the agents have them
   * out, so a task about to drain gets no new call (ECS deregisters it from Cloud Map
   * before the drain starts). `remaining` is the set the stop decision saw, without
   * them (the last pushed set may predate a task that just became healthy); a push
   * already on its way lands first.
   */
  async withdraw(taskIds: ReadonlySet<string>, remaining: ReadonlyMap<string, ServiceConnectEndpoint[]>): Promise<void> {
    const mesh = this.ctx.serviceConnect;
    if (!mesh || this.ctx.service.serviceConnect.mode !== 'client-server') return;
    const serviceName = this.ctx.service.serviceName;
    await Promise.all(
      [...remaining].map(async ([discoveryName, after]) => {
        await this.pushes.get(discoveryName)?.catch(() => undefined);
        const before = this.pushed.get(discoveryName);
        if (!before || !before.some((e) => taskIds.has(e.id))) return;
        try {
          await mesh.setEndpoints(discoveryName, after);
          this.pushed.set(discoveryName, after);
        } catch (error) {
          this.ctx.emit({ kind: 'warning', serviceName, message: `(service ${serviceName}) withdraw stopping tasks from ${discoveryName}: ${String(error)}` });
        }
      }),
    );
  }

  /** Every discovery name's agent holds the endpoint set it should. */
  synced(): boolean {
    for (const [name, endpoints] of this.wanted) {
      const pushed = this.pushed.get(name);
      if (!pushed || !sameEndpoints(pushed, endpoints)) return false;
    }
    return true;
  }

  /** The agent was restarted or replaced: push every endpoint set again. */
  forget(): void {
    this.pushed.clear();
    this.pushRetryAt.clear();
  }

  private endpointSets(
    tasks: readonly ObservedTask[],
    health: ReadonlyMap<string, TaskHealthStatus>,
  ): Map<string, ServiceConnectEndpoint[]> {
    const sets = new Map<string, ServiceConnectEndpoint[]>();
    const mappings = this.ctx.service.taskDefinition.containers.flatMap((c) => c.portMappings);
    for (const entry of this.ctx.service.serviceConnect.services) {
      const port = mappings.find((p) => p.name === entry.portName)?.containerPort ?? entry.port;
      sets.set(entry.discoveryName, serviceConnectEndpoints(tasks, health, port));
    }
    return sets;
  }
}
