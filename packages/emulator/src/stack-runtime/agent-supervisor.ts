import type { Clock } from '../clock/index.js';
import type { EmitEvent } from '../events/index.js';
import type { DiscoveryNameSpec, ServiceConnect } from '../service-connect/contract.js';

// The stack's Service Connect agents, kept up. ECS runs an agent sidecar per task
// and restarts one that dies; here an agent is a shared container per discovery
// name, so the stack starts them (after the first tasks: started together they
// slowed those starts on one engine), and starts a dead one again. Either way the
// agents changed, and every endpoint set is pushed again.

export interface AgentSupervisorOptions {
  readonly serviceConnect: ServiceConnect;
  /** Every discovery name of the stack. */
  readonly specs: readonly DiscoveryNameSpec[];
  readonly clock: Clock;
  readonly emit: EmitEvent;
  /** Aborted when the stack stops. */
  readonly lifetime: AbortSignal;
  /** The agents were (re)started: push every endpoint set again and step now. */
  readonly agentsChanged: () => void;
}

export class ServiceConnectAgentSupervisor {
  /** Every agent answered once (`isSteady` waits for it). */
  ready = false;

  constructor(private readonly options: AgentSupervisorOptions) {}

  /** Starts (or finds) every agent; retried every 2 s until they all answer or the stack stops. */
  async ensureAll(): Promise<void> {
    const { serviceConnect, specs, clock, emit, lifetime } = this.options;
    while (!lifetime.aborted) {
      try {
        await Promise.all(specs.map((spec) => serviceConnect.ensureAgent(spec)));
        this.ready = true;
        this.options.agentsChanged();
        return;
      } catch (error) {
        emit({ kind: 'error', message: `start Service Connect agents: ${(error as Error).message}` });
        await clock.sleep(2000, lifetime).catch(() => undefined);
      }
    }
  }

  /** An agent died: start it again (ECS restarts a Service Connect sidecar that dies). */
  async restore(): Promise<void> {
    const { serviceConnect, specs, clock, emit, lifetime } = this.options;
    if (lifetime.aborted) return;
    await clock.sleep(200, lifetime).catch(() => undefined);
    for (const spec of specs) {
      await serviceConnect.ensureAgent(spec).catch((error: unknown) =>
        emit({ kind: 'error', serviceName: spec.serviceName, message: `restart Service Connect agent ${spec.discoveryName}: ${(error as Error).message}` }),
      );
    }
    this.options.agentsChanged();
  }
}
