import type { Stack } from '@ecs-twin/manifest';
import { systemClock, type Clock } from '../clock/index.js';
import { DockerRuntime, dockerClient, type ContainerRuntime } from '../docker/index.js';
import { EventBus } from '../events/index.js';
import { ApplicationLoadBalancer, type ListenerSockets } from '../load-balancer/index.js';
import { procStatCpuMeter } from '../load-balancer/host-cpu.js';
import { DockerTaskMetricsSource } from '../metrics/index.js';
import { DockerServiceConnect } from '../service-connect/index.js';
import { stateDir } from '../state/index.js';
import { timingProfile, type TimingProfileName } from '../timing/index.js';
import { archiveTaskLogs } from '../logs/index.js';
import { StackRuntime } from './stack-runtime.js';
import { wireTaskMetadata } from './task-metadata-wiring.js';

export type PortsMode = 'manifest' | 'free';

export interface OpenStackOptions {
  readonly timing?: TimingProfileName;
  /** 'free': every listener binds any free port (test stacks side by side). @default 'manifest' */
  readonly ports?: PortsMode;
  readonly clock?: Clock;
  readonly events?: EventBus;
  readonly runtime?: ContainerRuntime;
  /** Listening sockets held by the supervisor of a background emulator. @default the listeners bind their own */
  readonly listenerSockets?: ListenerSockets;
}

/** Renames a stack (testing API: unique names keep test stacks apart). */
export function withStackName(stack: Stack, name: string | undefined): Stack {
  return name ? { ...stack, stack: name } : stack;
}

/** A StackRuntime wired to the real adapters: Docker, the ALB, Service Connect, Docker stats. */
export function createStackRuntime(stack: Stack, options: OpenStackOptions = {}): { runtime: StackRuntime; metrics: DockerTaskMetricsSource } {
  const clock = options.clock ?? systemClock;
  const events = options.events ?? new EventBus(clock);
  const runtime = options.runtime ?? new DockerRuntime(dockerClient());
  const dir = stateDir(stack.baseDir, stack.stack);
  const portOverrides =
    options.ports === 'free' ? Object.fromEntries(stack.loadBalancer.listeners.map((l) => [l.port, 0])) : undefined;
  // Every task gets ECS_CONTAINER_METADATA_URI_V4; /stats is fed from the metrics' own stats connections.
  const metadata = wireTaskMetadata({ stack, docker: dockerClient(), clock, emit: events.emit });
  const metrics = new DockerTaskMetricsSource(dockerClient(), { clock, emit: events.emit, onDockerSample: (id, sample) => metadata.statsSample(id, sample) });
  const stackRuntime = new StackRuntime({
    stack,
    timing: timingProfile(options.timing ?? 'local'),
    runtime,
    clock,
    events,
    stateDir: dir,
    portOverrides,
    metrics,
    adapters: {
      createLoadBalancer: (o) => new ApplicationLoadBalancer({ ...o, hostCpu: procStatCpuMeter, listenerSockets: options.listenerSockets }),
      createServiceConnect: (o) => new DockerServiceConnect({ ...o, docker: dockerClient(), clock }),
    },
    archiveLogs: (task) => archiveTaskLogs(runtime, dir, task),
    taskEnvironment: metadata.taskEnvironment,
    listeners: [metadata.listener],
    helpers: [metadata],
  });
  return { runtime: stackRuntime, metrics };
}
