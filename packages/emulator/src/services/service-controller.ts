import type { TaskDefinitionSpec } from '@ecs-twin/manifest';
import { mainContainer } from '@ecs-twin/manifest/main-container';
import type { ObservedContainer } from '../docker/index.js';
import type { TargetHealthDescription } from '../load-balancer/contract.js';
import {
  BACKOFF,
  NO_THROTTLE,
  afterHealthyTask,
  afterLaunchFailure,
  decide,
  type LaunchThrottle,
  type ObservedTask,
  type SchedulerAction,
} from '../scheduler/index.js';
import { findRevision, type DeploymentRecord, type ServiceRecord } from '../state/index.js';
import type { Task, TaskHealthStatus } from '../tasks/index.js';
import { recordHealthyTask, recordStepDeployments, recordTaskFailure, type TaskOutcomeContext } from '../deployments/task-outcomes.js';
import { EndpointPublisher } from './endpoint-publisher.js';
import { pruneStopped } from './prune-stopped.js';
import { observeTasks, type Overlay } from './observe-tasks.js';
import type { ServiceContext } from './service-context.js';
import { serviceMessages } from './service-events.js';
import { BackgroundWork } from './background-work.js';
import { stopTasksInOrder } from './stop-sequence.js';
import { emitTaskExited, recordTaskExit } from './task-exits.js';
import { registerTaskTargets } from './target-registration.js';
import { TaskLauncher } from './task-launch.js';

/** Stopped task containers kept per service (for `logs` and `status`); older ones are archived and removed. */
const KEEP_STOPPED = 5;
/** Local profile: health checks run every second, so a booting app needs a floor of grace. */
const LOCAL_MIN_GRACE_MS = 20_000;

export interface ServiceSnapshot {
  readonly record: ServiceRecord;
  readonly tasks: readonly ObservedTask[];
  readonly health: ReadonlyMap<string, TaskHealthStatus>;
  readonly targets: readonly TargetHealthDescription[];
  readonly steady: boolean;
  readonly throttle: LaunchThrottle;
}

/**
 * One service's control loop body: observe (Docker + in-flight work), decide
 * (pure), act (start/stop tasks, register targets, push Service Connect
 * endpoints). Starts and stops run in the background; the next step sees them.
 */
export class ServiceController {
  private readonly overlays = new Map<string, Overlay>();
  private readonly registered = new Set<string>();
  private readonly everHealthy = new Set<string>();
  private readonly handledStopped = new Set<string>();
  private readonly stopReasons = new Map<string, string>();
  private readonly running = new Set<string>();
  /** Died per Docker's event stream, possibly before a listing shows it. */
  private readonly died = new Set<string>();
  private readonly work: BackgroundWork;
  private readonly launcher: TaskLauncher;
  private throttle: LaunchThrottle = NO_THROTTLE;
  private steady = false;
  private firstStep = true;
  private last: ServiceSnapshot | undefined;
  private stopping = false;

  private readonly endpoints: EndpointPublisher;

  constructor(private readonly ctx: ServiceContext) {
    this.work = new BackgroundWork(
      (error) => ctx.emit({ kind: 'error', serviceName: this.serviceName, message: `(service ${this.serviceName}) ${String(error)}` }),
      () => ctx.requestStep(),
    );
    this.endpoints = new EndpointPublisher(ctx, (promise) => this.work.track(promise));
    this.launcher = new TaskLauncher(ctx, KEEP_STOPPED, (deploymentId) => this.launchFailed(deploymentId));
  }

  get serviceName(): string {
    return this.ctx.service.serviceName;
  }

  get record(): ServiceRecord {
    const record = this.ctx.state.state.services[this.serviceName];
    if (!record) throw new Error(`service ${this.serviceName}: no state record`);
    return record;
  }

  snapshot(): ServiceSnapshot | undefined {
    return this.last;
  }

  /** Tasks that failed before a container existed (image missing, ...). */
  failedTasks(): Task[] {
    return this.launcher.failedTasks();
  }

  async step(containers: readonly ObservedContainer[]): Promise<void> {
    if (this.stopping) return;
    const { ctx } = this;
    const now = ctx.clock.now();
    const record = this.record;
    const observed = observeTasks({
      serviceName: this.serviceName,
      containers,
      provisioning: [...this.launcher.provisioning.values()],
      overlays: this.overlays,
      registered: this.registered,
      networkName: ctx.networkName,
      deploymentOf: (id, td) => this.deploymentOf(record.deployments, id, td),
      startedAt: new Map(),
    });
    // A listing taken just before a death still says running: the event wins.
    const tasks = observed.map((t) => (this.died.has(t.taskId) && t.lastStatus !== 'STOPPED' ? { ...t, lastStatus: 'STOPPED' as const } : t));
    for (const task of observed) if (task.lastStatus === 'STOPPED' || !task.containerId) this.died.delete(task.taskId);
    for (const task of tasks) if (task.containerId) this.launcher.provisioning.delete(task.taskId);
    await this.handleStopped(tasks, containers);
    if (this.record.deployments !== record.deployments) {
      // A stopped task changed the deployments (circuit breaker): decide on the new ones.
      this.firstStep = false;
      ctx.requestStep();
      return;
    }

    const tg = ctx.service.loadBalancer?.targetGroupName;
    const targets = tg && ctx.loadBalancer ? ctx.loadBalancer.describeTargetHealth(tg) : [];
    const launchCpu = this.launchCpuUnits(record.deployments);
    const launchLimit = ctx.admission?.room(this.serviceName, launchCpu, this.bootingVcpus(tasks, Boolean(ctx.loadBalancer && tg)));
    const decision = decide(
      {
        serviceName: this.serviceName,
        desiredCount: record.desiredCount,
        deployments: record.deployments,
        minimumHealthyPercent: ctx.service.deployment.minimumHealthyPercent,
        maximumPercent: ctx.service.deployment.maximumPercent,
        targetGroupName: ctx.loadBalancer ? tg : undefined,
        healthCheckGracePeriodMs: Math.max(
          ctx.service.healthCheckGracePeriodSeconds * 1000,
          ctx.timing.name === 'local' ? LOCAL_MIN_GRACE_MS : 0,
        ),
        healthyWithoutChecksMs: ctx.timing.healthyWithoutChecksSeconds * 1000,
        throttle: this.throttle,
        ...(launchLimit !== undefined && Number.isFinite(launchLimit) ? { launchLimit } : {}),
      },
      tasks,
      targets,
      now,
    );
    for (const [taskId, h] of decision.health) {
      if (h === 'HEALTHY' && !this.everHealthy.has(taskId)) {
        this.everHealthy.add(taskId);
        this.throttle = afterHealthyTask();
        const deploymentId = tasks.find((t) => t.taskId === taskId)?.deploymentId;
        if (deploymentId) recordHealthyTask(this.outcomes(), deploymentId);
      }
    }
    for (const task of tasks) {
      if (task.lastStatus === 'RUNNING' && task.containerId && !this.running.has(task.taskId)) {
        this.running.add(task.taskId);
        const definition = this.definitionOf(task.taskDefinition);
        for (const l of ctx.listeners) l.taskRunning(task, ctx.service, definition);
      }
    }
    this.act(decision.actions, tasks, now, decision.health);
    if (!recordStepDeployments(this.outcomes(), record.deployments, decision.deployments)) this.ctx.requestStep();
    this.endpoints.publish(tasks.filter((t) => !this.overlays.has(t.taskId)), decision.health);
    if (decision.steady && !this.steady) {
      ctx.emit({ kind: 'service-steady', serviceName: this.serviceName, message: serviceMessages.steady(this.serviceName) });
    }
    this.steady = decision.steady;
    this.firstStep = false;
    this.last = { record: this.record, tasks, health: decision.health, targets, steady: decision.steady, throttle: this.throttle };
  }

  /** Stops the loop's work and every task of the service: deregister (no drain wait), SIGTERM, SIGKILL after stopTimeout. */
  async shutdown(containers: readonly ObservedContainer[]): Promise<void> {
    this.stopping = true;
    await this.work.begunSettled();
    const live = containers.filter((c) => c.state === 'running' || c.state === 'created');
    const stopTimeout = mainContainer(this.ctx.service, this.ctx.service.taskDefinition).stopTimeout;
    await Promise.allSettled(live.map((c) => this.ctx.runtime.stop(c.containerId, stopTimeout)));
  }

  /**
   * Docker says the task's container died: take it out of its target group at
   * once, before the next observation, so the listener stops sending it requests.
   */
  taskDied(taskId: string): void {
    const tg = this.ctx.service.loadBalancer?.targetGroupName;
    this.died.add(taskId);
    if (!tg || !this.ctx.loadBalancer || !this.registered.delete(taskId)) return;
    this.work.track(this.ctx.loadBalancer.deregisterTargets(tg, [taskId]));
  }

  /** Resolves when the task starts begun so far have ended (started or failed). */
  startsSettled(): Promise<void> {
    return this.work.startsSettled();
  }

  /** Finishes background starts/stops (tests). */
  settle(): Promise<void> {
    return this.work.settle();
  }

  /** CPU units of the tasks this service launches now (its PRIMARY deployment's revision). */
  private launchCpuUnits(deployments: readonly DeploymentRecord[]): number {
    const primary = deployments[0];
    return (primary ? this.definitionOf(primary.taskDefinition) : this.ctx.service.taskDefinition).cpu;
  }

  /**
   * vCPUs of this service's tasks still booting, for host-aware admission: started
   * and not yet healthy once (load balanced), or not yet RUNNING (no load balancer:
   * nothing tells when the app is up). Tasks on their way out do not count.
   */
  private bootingVcpus(tasks: readonly ObservedTask[], loadBalanced: boolean): number {
    const admission = this.ctx.admission;
    if (!admission) return 0;
    let vcpus = 0;
    for (const task of tasks) {
      if (task.lastStatus !== 'PROVISIONING' && task.lastStatus !== 'PENDING' && task.lastStatus !== 'RUNNING') continue;
      if (this.overlays.has(task.taskId)) continue;
      const booting = task.lastStatus !== 'RUNNING' || (loadBalanced && !this.everHealthy.has(task.taskId));
      if (booting) vcpus += admission.vcpusOf(this.definitionOf(task.taskDefinition).cpu);
    }
    return vcpus;
  }

  private deploymentOf(deployments: readonly DeploymentRecord[], labelId: string, taskDefinition: string): string {
    if (deployments.some((d) => d.id === labelId)) return labelId;
    // A task from before this state existed: it belongs to the deployment running its revision.
    return deployments.find((d) => d.taskDefinition === taskDefinition)?.id ?? labelId;
  }

  private definitionOf(ref: string): TaskDefinitionSpec {
    return findRevision(this.ctx.state.state, ref)?.definition ?? this.ctx.service.taskDefinition;
  }

  private async handleStopped(tasks: readonly ObservedTask[], containers: readonly ObservedContainer[]): Promise<void> {
    const { ctx } = this;
    const stopped = tasks.filter((t) => t.lastStatus === 'STOPPED' && t.containerId);
    const newlyStopped: ObservedTask[] = [];
    for (const task of stopped) {
      if (this.handledStopped.has(task.taskId)) continue;
      this.handledStopped.add(task.taskId);
      if (this.firstStep && !this.running.has(task.taskId)) continue; // history from before this process
      newlyStopped.push(task);
    }
    for (const task of newlyStopped) {
      const ours = this.stopReasons.get(task.taskId);
      const why = await recordTaskExit(ctx, task, ours, this.definitionOf(task.taskDefinition), (work) => this.work.track(work));
      this.overlays.delete(task.taskId);
      this.running.delete(task.taskId);
      for (const l of ctx.listeners) l.taskStopped(task);
      const tg = ctx.service.loadBalancer?.targetGroupName;
      if (this.registered.delete(task.taskId) && tg && ctx.loadBalancer) {
        this.work.track(ctx.loadBalancer.deregisterTargets(tg, [task.taskId]));
      }
      if (!ours) {
        emitTaskExited(ctx, task, why);
        if (!this.everHealthy.has(task.taskId)) this.launchFailed(task.deploymentId);
      }
    }
    await pruneStopped(this.ctx, stopped, containers, KEEP_STOPPED);
  }

  private launchFailed(deploymentId: string): void {
    const policy = BACKOFF[this.ctx.timing.name];
    const now = this.ctx.clock.now();
    this.throttle = afterLaunchFailure(this.throttle, now, policy);
    const wait = Math.round((this.throttle.notBefore - now) / 1000);
    if (wait > 0) {
      this.ctx.emit({ kind: 'warning', serviceName: this.serviceName, message: serviceMessages.throttled(this.serviceName, wait) });
    }
    recordTaskFailure(this.outcomes(), deploymentId, 'failed-to-start');
  }

  /** Where the deployment circuit breaker keeps its counts (the service's deployments). */
  private outcomes(): TaskOutcomeContext {
    const { ctx } = this;
    return { serviceName: this.serviceName, circuitBreaker: ctx.service.deployment.circuitBreaker, state: ctx.state, now: () => ctx.clock.now(), emit: ctx.emit };
  }


  private act(actions: readonly SchedulerAction[], tasks: readonly ObservedTask[], now: number, health: ReadonlyMap<string, TaskHealthStatus>): void {
    // Health-check failures count toward the circuit breaker; one that trips it cancels
    // this step's launches (the next step decides on the new deployments).
    const byTask = new Map(tasks.map((t) => [t.taskId, t]));
    let tripped = false;
    for (const a of actions) {
      if (a.kind !== 'stop-task' || !a.failedHealthChecks) continue;
      const task = byTask.get(a.taskId);
      if (task && recordTaskFailure(this.outcomes(), task.deploymentId, 'failed-health-checks')) tripped = true;
    }
    const starts = tripped ? [] : actions.filter((a) => a.kind === 'start-task');
    if (starts.length > 0) {
      this.ctx.admission?.launched(this.serviceName, starts.length, this.definitionOf(starts[0]!.taskDefinition).cpu);
      this.work.track(this.launcher.start(starts, now), 'task-start');
    }
    const stops = actions.filter((a) => a.kind === 'stop-task');
    if (stops.length > 0) {
      const byId = new Map(tasks.map((t) => [t.taskId, t]));
      const chosen = stops.map((a) => ({ task: byId.get(a.taskId)!, reason: a.reason })).filter((s) => s.task);
      const remaining = this.endpoints.without(tasks, health, new Set(chosen.map((c) => c.task.taskId)));
      const host = {
        ctx: this.ctx,
        overlays: this.overlays,
        stopReasons: this.stopReasons,
        registered: this.registered,
        endpoints: this.endpoints,
        definitionOf: (ref: string) => this.definitionOf(ref),
      };
      this.work.track(stopTasksInOrder(host, chosen, remaining));
    }
    const registrations = actions.filter((a) => a.kind === 'register-target');
    registerTaskTargets(this.ctx, this.registered, registrations.map((a) => byTask.get(a.taskId)));
  }

  /** Every discovery name's agent holds the endpoint set it should (steady needs it). */
  endpointsSynced(): boolean {
    return this.endpoints.synced();
  }

  /** The agent was restarted or replaced: push every endpoint set again. */
  forgetPushedEndpoints(): void {
    this.endpoints.forget();
  }
}
