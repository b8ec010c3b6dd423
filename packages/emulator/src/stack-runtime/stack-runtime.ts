import createDebug from 'debug';
import type { Stack, TaskDefinitionSpec } from '@ecs-twin/manifest';
import { systemClock, type Clock } from '../clock/index.js';
import type { ContainerRuntime, ObservedContainer } from '../docker/index.js';
import { EventBus } from '../events/index.js';
import { LABEL } from '../labels/index.js';
import type { LoadBalancer } from '../load-balancer/contract.js';
import type { ServiceConnect } from '../service-connect/contract.js';
import { LaunchAdmission } from '../scheduler/index.js';
import { ServiceController, discoveryNameSpecs, type TaskEnvironmentProvider, type TaskLifecycleListener } from '../services/index.js';
import { StateStore } from '../state/index.js';
import type { TimingProfile } from '../timing/index.js';
import type { StackAdapters } from './adapters.js';
import { stoppedTaskOf, taskFilter } from './task-containers.js';
import { metricsListener, type TaskUtilizationSource } from './metrics-listener.js';
import { prepareState, type PreparedChange } from './prepare-state.js';
import { isRolloutInProgress } from '../deployments/rollout.js';
import { startRollout } from '../deployments/update-service.js';
import type { ServiceScaler } from '../autoscaler/service-scaler.js';
import { ServiceNotFoundError } from './service-not-found-error.js';
import { ServiceConnectAgentSupervisor } from './agent-supervisor.js';
import { watchDockerEvents } from './docker-event-watcher.js';
import { StepLoop } from './step-loop.js';
import type { StackStatusSource } from '../status/status-source.js';

const debug = createDebug('emulator:start');

export interface StackRuntimeOptions {
  readonly stack: Stack;
  readonly timing: TimingProfile;
  readonly runtime: ContainerRuntime;
  readonly adapters: StackAdapters;
  /** Directory holding state.json (`<manifest dir>/.ecs-twin/<stack>`). */
  readonly stateDir: string;
  readonly clock?: Clock;
  readonly events?: EventBus;
  /** Listener port -> bound port (0 = any free port), for side-by-side test stacks. */
  readonly portOverrides?: Readonly<Record<number, number>>;
  readonly metrics?: TaskUtilizationSource;
  readonly taskEnvironment?: TaskEnvironmentProvider;
  readonly listeners?: readonly TaskLifecycleListener[];
  readonly archiveLogs?: ServiceControllerArchive;
  /** Helper containers on the namespace network (the task metadata endpoint): removed with the stack, before the network. */
  readonly helpers?: readonly { remove(): Promise<void> }[];
}

type ServiceControllerArchive = NonNullable<ConstructorParameters<typeof ServiceController>[0]['archiveLogs']>;

/**
 * A running stack: the load balancer, Service Connect, and one control loop
 * step per service on every tick (timing.schedulerIntervalMs, or at once on a
 * Docker event). Docker holds the tasks; the state file holds desired counts,
 * deployments and revisions; this object holds only in-flight work.
 */
export class StackRuntime implements ServiceScaler, StackStatusSource {
  readonly events: EventBus;
  readonly clock: Clock;
  private readonly controllers = new Map<string, ServiceController>();
  private loadBalancer: LoadBalancer | undefined;
  private serviceConnect: ServiceConnect | undefined;
  private state!: StateStore;
  private lifetime = new AbortController();
  private readonly steps: StepLoop;
  private lastContainers: ObservedContainer[] = [];
  /** Keeps the Service Connect agents up (none without Service Connect). */
  private agents: ServiceConnectAgentSupervisor | undefined;
  private started = false;

  constructor(readonly options: StackRuntimeOptions) {
    this.clock = options.clock ?? systemClock;
    this.events = options.events ?? new EventBus(this.clock);
    this.steps = new StepLoop(this.clock, options.timing.schedulerIntervalMs, () => this.tick());
  }

  get stack(): Stack {
    return this.options.stack;
  }

  /** Observe, prepare state, bring up Service Connect and the listeners, then run the loops. */
  async start(): Promise<PreparedChange[]> {
    const { stack, runtime, adapters } = this.options;
    const emit = this.events.emit;
    await runtime.ping();
    // Listeners first: a port already taken fails the start before anything is created.
    this.loadBalancer = adapters.createLoadBalancer({
      spec: stack.loadBalancer,
      timing: this.options.timing,
      clock: this.clock,
      // A target that turns healthy (or unhealthy) is news for the scheduler now, not
      // at the next tick: steady state and replacements follow health at once.
      emit: (event) => {
        emit(event);
        if (event.kind === 'target-health') this.requestStep();
      },
      portOverrides: this.options.portOverrides,
    });
    await this.loadBalancer.start();
    debug('listeners bound');
    this.state = await StateStore.open(this.options.stateDir, stack.stack);
    const prepared = prepareState(stack, this.state.state, this.clock.now());
    await this.state.update(() => prepared.state);

    let networkName: string | undefined;
    if (adapters.createServiceConnect) {
      this.serviceConnect = adapters.createServiceConnect({ stack: stack.stack, namespace: stack.serviceConnect.namespace, emit });
      networkName = (await this.serviceConnect.ensureNamespace()).networkName;
      debug('namespace network ready');
      this.agents = new ServiceConnectAgentSupervisor({
        serviceConnect: this.serviceConnect,
        specs: stack.services.flatMap(discoveryNameSpecs),
        clock: this.clock,
        emit,
        lifetime: this.lifetime.signal,
        agentsChanged: () => {
          for (const c of this.controllers.values()) c.forgetPushedEndpoints();
          this.requestStep();
        },
      });
    }

    const listeners = [...(this.options.listeners ?? []), ...(this.options.metrics ? [metricsListener(this.options.metrics)] : [])];
    const admission = new LaunchAdmission(await runtime.hostCpus());
    for (const service of stack.services) {
      this.controllers.set(
        service.serviceName,
        new ServiceController({
          stack,
          service,
          runtime,
          loadBalancer: this.loadBalancer,
          serviceConnect: this.serviceConnect,
          serviceConnectReady: () => this.agentsReady(),
          state: this.state,
          emit,
          clock: this.clock,
          timing: this.options.timing,
          networkName,
          taskEnvironment: this.options.taskEnvironment,
          listeners,
          archiveLogs: this.options.archiveLogs,
          admission,
          requestStep: () => this.requestStep(),
        }),
      );
    }
    this.started = true;
    await this.steps.stepNow();
    debug('first scheduler step done');
    // Agents come up once the first tasks' containers have started: started together
    // they slowed those starts (one engine), and the apps only call through the
    // agents once they serve, seconds later. `isSteady` waits for the agents.
    const agents = this.agents;
    if (agents) void this.startsSettled().then(() => agents.ensureAll());
    this.steps.start(this.lifetime.signal);
    void watchDockerEvents(runtime, stack.stack, this.clock, this.lifetime.signal, {
      taskDied: (serviceName, taskId) => this.controllers.get(serviceName)?.taskDied(taskId),
      taskChanged: () => this.requestStep(),
      agentDied: () => void this.agents?.restore(),
    });
    return prepared.changes;
  }

  /** The task starts begun so far, in every service, have ended. */
  private async startsSettled(): Promise<void> {
    await Promise.all([...this.controllers.values()].map((c) => c.startsSettled()));
  }

  loadBalancerHandle(): LoadBalancer | undefined {
    return this.loadBalancer;
  }

  controller(serviceName: string): ServiceController {
    const c = this.controllers.get(serviceName) ?? [...this.controllers.values()].find((x) => x.serviceName === serviceName);
    if (!c) throw new ServiceNotFoundError(serviceName, [...this.controllers.keys()]);
    return c;
  }

  /** Resolves a manifest key (`users`) or service name to the ECS service name. */
  resolveServiceName(name: string): string {
    const byKey = this.stack.services.find((s) => s.key === name || s.serviceName === name);
    if (!byKey) throw new ServiceNotFoundError(name, this.stack.services.map((s) => s.serviceName));
    return byKey.serviceName;
  }

  serviceNames(): string[] {
    return [...this.controllers.keys()];
  }

  stateStore(): StateStore {
    return this.state;
  }

  utilization(taskId: string): { cpuPercent: number; memoryPercent: number } | undefined {
    return this.options.metrics?.latest(taskId);
  }

  /** Every service steady (one deployment, desired count healthy). */
  isSteady(): boolean {
    return this.agentsReady() && [...this.controllers.values()].every((c) => c.snapshot()?.steady === true && c.endpointsSynced());
  }

  /** Every Service Connect agent answers (true when there is no Service Connect). */
  private agentsReady(): boolean {
    return this.agents?.ready ?? true;
  }

  async waitSteady(timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    const deadline = this.clock.now() + timeoutMs;
    while (this.clock.now() < deadline) {
      if (this.isSteady()) return true;
      await this.clock.sleep(100, signal);
    }
    return this.isSteady();
  }

  // --- ServiceScaler (autoscaler) -------------------------------------------------

  getDesiredCount(serviceName: string): number {
    return this.controller(this.resolveServiceName(serviceName)).record.desiredCount;
  }

  async setDesiredCount(serviceName: string, desiredCount: number, cause: string): Promise<void> {
    const name = this.resolveServiceName(serviceName);
    const before = this.getDesiredCount(name);
    if (before === desiredCount) return;
    await this.state.update((s) => ({
      ...s,
      services: { ...s.services, [name]: { ...s.services[name]!, desiredCount } },
    }));
    this.events.emit({
      kind: 'service-scaled',
      serviceName: name,
      message: `(service ${name}) desired count changed from ${before} to ${desiredCount}: ${cause}`,
      detail: { from: before, to: desiredCount, cause },
    });
    this.requestStep();
  }

  isDeploymentInProgress(serviceName: string): boolean {
    return isRolloutInProgress(this.controller(this.resolveServiceName(serviceName)).record.deployments);
  }

  // --- Deployments (issue 5 builds `emulate deploy` on this) ----------------------

  /**
   * UpdateService: registers `taskDefinition` (a new revision when it changed) and
   * starts a rolling deployment to it; the loops do the rest.
   */
  async updateService(
    serviceName: string,
    change: {
      taskDefinition?: TaskDefinitionSpec;
      desiredCount?: number;
      cause?: string;
      /** A new deployment even when the revision is the PRIMARY's (ECS --force-new-deployment: a rebuilt image tag). */
      forceNewDeployment?: boolean;
    },
  ): Promise<{ deploymentId: string; taskDefinition: string }> {
    const name = this.resolveServiceName(serviceName);
    if (change.desiredCount !== undefined) await this.setDesiredCount(name, change.desiredCount, change.cause ?? 'UpdateService');
    if (change.taskDefinition) {
      const { taskDefinition, forceNewDeployment } = change;
      await startRollout(this.state, this.events.emit, name, { taskDefinition, forceNewDeployment, now: this.clock.now() });
      this.requestStep();
    }
    const primary = this.controller(name).record.deployments[0]!;
    return { deploymentId: primary.id, taskDefinition: primary.taskDefinition };
  }

  // --- lifecycle -------------------------------------------------------------------

  /** Runs one observe/decide/act step for every service now. */
  requestStep(): void {
    this.steps.request();
  }

  lastObservedContainers(): readonly ObservedContainer[] {
    return this.lastContainers;
  }

  /**
   * Stops the loops and the listeners. With `stopTasks`, also stops every task
   * gracefully (SIGTERM, then SIGKILL after stopTimeout) and removes the stack's
   * containers and Service Connect; without, tasks keep running for a later re-attach.
   */
  async shutdown(options: { stopTasks: boolean }): Promise<void> {
    if (!this.started) return;
    this.started = false;
    this.lifetime.abort();
    await this.steps.stopped();
    if (options.stopTasks) {
      const containers = await this.listTaskContainers().catch(() => this.lastContainers);
      await Promise.allSettled(
        [...this.controllers.values()].map((c) => c.shutdown(containers.filter((x) => x.labels[LABEL.service] === c.serviceName))),
      );
    } else {
      await Promise.allSettled([...this.controllers.values()].map((c) => c.settle()));
    }
    await this.loadBalancer?.stop();
    if (options.stopTasks) {
      const containers = await this.listTaskContainers().catch(() => [] as ObservedContainer[]);
      await Promise.allSettled(containers.map(async (c) => {
        await this.options.archiveLogs?.(stoppedTaskOf(c)).catch(() => undefined);
        await this.options.runtime.remove(c.containerId);
      }));
      for (const helper of this.options.helpers ?? []) await helper.remove().catch(() => undefined);
      await this.serviceConnect?.remove();
    }
    await this.state.flush();
  }

  /** One step of every service's loop, on one Docker listing. */
  private async tick(): Promise<void> {
    let containers: ObservedContainer[];
    try {
      containers = await this.listTaskContainers();
    } catch (error) {
      this.events.emit({ kind: 'error', message: `observe tasks: ${(error as Error).message}` });
      return;
    }
    this.lastContainers = containers;
    for (const controller of this.controllers.values()) {
      try {
        await controller.step(containers.filter((c) => c.labels[LABEL.service] === controller.serviceName));
      } catch (error) {
        this.events.emit({ kind: 'error', serviceName: controller.serviceName, message: `(service ${controller.serviceName}) ${(error as Error).message}` });
      }
    }
  }

  private listTaskContainers(): Promise<ObservedContainer[]> {
    return this.options.runtime.listContainers(taskFilter(this.stack.stack));
  }
}
