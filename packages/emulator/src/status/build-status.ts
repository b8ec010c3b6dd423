import type { Stack } from '@ecs-twin/manifest';
import type { ObservedContainer } from '../docker/index.js';
import { LABEL } from '../labels/index.js';
import type { StackState } from '../state/index.js';
import { containerLastStatus, isActive, isEssential, type Task } from '../tasks/index.js';
import { awsTiming, localTiming, type TimingProfile } from '../timing/index.js';
import { primaryImage } from './service-image.js';
import type { ContainerStatusView, ServiceStatusView, StackStatusView, TaskStatusView } from './stack-status.js';
import type { StackStatusSource } from './status-source.js';

const iso = (ms: number) => new Date(ms).toISOString();

function profileNumbers(stack: Stack, timing: TimingProfile): Record<string, unknown> {
  return {
    schedulerIntervalMs: timing.schedulerIntervalMs,
    healthyWithoutChecksSeconds: timing.healthyWithoutChecksSeconds,
    healthChecks: Object.fromEntries(stack.loadBalancer.targetGroups.map((tg) => [tg.name, timing.healthCheck(tg)])),
    deregistrationDelaySeconds: Object.fromEntries(stack.loadBalancer.targetGroups.map((tg) => [tg.name, timing.deregistrationDelaySeconds(tg)])),
    autoscaling: timing.autoscaling,
  };
}

/** The active profile's numbers, and both profiles side by side (what `--timing` would change). */
export function timingView(stack: Stack, timing: TimingProfile): Record<string, unknown> {
  return {
    profile: timing.name,
    ...profileNumbers(stack, timing),
    profiles: { local: profileNumbers(stack, localTiming), aws: profileNumbers(stack, awsTiming) },
  };
}

/** The status of a running stack, from its loops' last observation. */
export function buildStatus(runtime: StackStatusSource, sections: Readonly<Record<string, unknown>> = {}): StackStatusView {
  const stack = runtime.stack;
  const state = runtime.stateStore().state;
  const services: ServiceStatusView[] = [];
  const tasks: TaskStatusView[] = [];
  for (const name of runtime.serviceNames()) {
    const controller = runtime.controller(name);
    const snap = controller.snapshot();
    const record = controller.record;
    const all: Task[] = [...(snap?.tasks ?? []), ...controller.failedTasks()];
    const spec = stack.services.find((s) => s.serviceName === name);
    const order = spec?.taskDefinition.containers.map((c) => c.name) ?? [];
    for (const task of all) {
      const stopped = state.stoppedTasks[task.taskId];
      const use = task.lastStatus === 'RUNNING' ? runtime.utilization(task.taskId) : undefined;
      tasks.push({
        taskId: task.taskId,
        serviceName: name,
        taskDefinition: task.taskDefinition,
        lastStatus: task.lastStatus,
        healthStatus: snap?.health.get(task.taskId) ?? 'UNKNOWN',
        ...(task.lastStatus === 'STOPPED'
          ? {
              stopCode: task.stopCode ?? stopped?.stopCode,
              stoppedReason: task.stoppedReason ?? stopped?.stoppedReason,
              ...((task.exitCode ?? stopped?.exitCode) !== undefined ? { exitCode: task.exitCode ?? stopped?.exitCode } : {}),
            }
          : {}),
        ...(use ? { cpuUtilization: round(use.cpuPercent), memoryUtilization: round(use.memoryPercent) } : {}),
        createdAt: iso(task.createdAt),
        containerId: task.containerId,
        hostPort: task.hostPort,
        privateIpv4Address: task.namespaceIp,
        containers: containersView(task, order),
      });
    }
    const image = spec ? primaryImage(spec, state) : '';
    services.push(serviceView(name, record.desiredCount, record.deployments, snap?.tasks ?? [], snap?.steady ?? false, runtime, image));
  }
  const lb = runtime.loadBalancerHandle();
  return {
    stack: stack.stack,
    cluster: stack.cluster.name,
    emulatorRunning: true,
    pid: process.pid,
    steady: runtime.isSteady(),
    timing: timingView(stack, runtime.options.timing),
    services,
    tasks,
    targetGroups: stack.loadBalancer.targetGroups.map((tg) => ({
      targetGroupName: tg.name,
      targets: (lb?.describeTargetHealth(tg.name) ?? []).map((t) => ({ id: t.id, port: t.port, state: t.state, reason: t.reason, description: t.description })),
    })),
    listeners: (lb?.listeners() ?? []).map((l) => ({ ...l, url: `http://127.0.0.1:${l.boundPort}` })),
    ...sections,
  };
}

function serviceView(
  name: string,
  desiredCount: number,
  deployments: StackState['services'][string]['deployments'],
  tasks: readonly Task[],
  steady: boolean,
  runtime: StackStatusSource,
  image: string,
): ServiceStatusView {
  const running = (id?: string) => tasks.filter((t) => t.lastStatus === 'RUNNING' && (!id || t.deploymentId === id)).length;
  const pending = (id?: string) =>
    tasks.filter((t) => (t.lastStatus === 'PENDING' || t.lastStatus === 'PROVISIONING') && (!id || t.deploymentId === id)).length;
  return {
    serviceName: name,
    status: 'ACTIVE',
    desiredCount,
    runningCount: running(),
    pendingCount: pending(),
    taskDefinition: deployments[0]?.taskDefinition ?? '',
    image,
    steady,
    deployments: deployments.map((d) => ({
      id: d.id,
      status: d.status,
      rolloutState: d.rolloutState,
      rolloutStateReason: d.rolloutStateReason,
      taskDefinition: d.taskDefinition,
      desiredCount: d.status === 'PRIMARY' ? desiredCount : tasks.filter((t) => t.deploymentId === d.id && isActive(t)).length,
      runningCount: running(d.id),
      pendingCount: pending(d.id),
      failedTasks: d.failedTasks,
      createdAt: iso(d.createdAt),
      updatedAt: iso(d.updatedAt),
    })),
    events: runtime.events.recent((e) => e.serviceName === name, 100).map((e) => ({ createdAt: iso(e.at), message: e.message })),
  };
}

/** Status when no emulator runs: what Docker and the state file still show. */
export function offlineStatus(stack: Stack, timing: TimingProfile, state: StackState, containers: readonly ObservedContainer[]): StackStatusView {
  // One line per task: its sidecars are listed under it.
  const sidecars = containers.filter((c) => c.labels[LABEL.sidecar] === 'true');
  const tasks: TaskStatusView[] = containers.filter((c) => !sidecars.includes(c)).map((c) => {
    const taskId = c.labels[LABEL.taskId] ?? '';
    const stopped = state.stoppedTasks[taskId];
    const lastStatus = containerLastStatus(c.state);
    return {
      taskId,
      serviceName: c.labels[LABEL.service] ?? '',
      taskDefinition: c.labels[LABEL.taskDefinition] ?? '',
      lastStatus,
      healthStatus: 'UNKNOWN',
      ...(lastStatus === 'STOPPED' && stopped
        ? { stopCode: stopped.stopCode, stoppedReason: stopped.stoppedReason, ...(stopped.exitCode !== undefined ? { exitCode: stopped.exitCode } : {}) }
        : {}),
      createdAt: iso(c.createdAt),
      containerId: c.containerId,
      hostPort: c.hostPort,
      containers: [c, ...sidecars.filter((x) => x.labels[LABEL.taskId] === taskId)].map((x) => ({
        name: x.labels[LABEL.container] ?? '',
        lastStatus: containerLastStatus(x.state),
        essential: isEssential(x.labels),
      })),
    };
  });
  return {
    stack: stack.stack,
    cluster: stack.cluster.name,
    emulatorRunning: false,
    steady: false,
    timing: timingView(stack, timing),
    services: stack.services.map((s) => {
      const record = state.services[s.serviceName];
      const mine = tasks.filter((t) => t.serviceName === s.serviceName);
      return {
        serviceName: s.serviceName,
        status: 'ACTIVE' as const,
        desiredCount: record?.desiredCount ?? 0,
        runningCount: mine.filter((t) => t.lastStatus === 'RUNNING').length,
        pendingCount: mine.filter((t) => t.lastStatus === 'PENDING').length,
        taskDefinition: record?.deployments[0]?.taskDefinition ?? '',
        image: primaryImage(s, state),
        steady: false,
        deployments: [],
        events: [],
      };
    }),
    tasks,
    targetGroups: [],
    listeners: [],
  };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** The task's containers as DescribeTasks lists them: the main one follows the task, sidecars their own state. */
function containersView(task: Task, order: readonly string[]): ContainerStatusView[] {
  const main: ContainerStatusView = {
    name: task.containerName,
    lastStatus: task.lastStatus === 'STOPPED' ? 'STOPPED' : task.lastStatus === 'RUNNING' || task.lastStatus === 'DEACTIVATING' || task.lastStatus === 'STOPPING' ? 'RUNNING' : 'PENDING',
    essential: true,
  };
  const sidecars = [...(task.sidecars ?? [])].sort((a, b) => rank(order, a.containerName) - rank(order, b.containerName));
  return [main, ...sidecars.map((s) => ({ name: s.containerName, lastStatus: s.live ? ('RUNNING' as const) : ('STOPPED' as const), essential: s.essential }))];
}

/** Position in the task definition (Docker lists containers newest first); unknown names last. */
function rank(order: readonly string[], name: string): number {
  const i = order.indexOf(name);
  return i < 0 ? order.length : i;
}
