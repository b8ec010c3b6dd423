import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { Stack } from '@ecs-twin/manifest';
import { Autoscaler } from '../autoscaler/index.js';
import type { EventBus } from '../events/index.js';
import type { ListenerSockets } from '../load-balancer/index.js';
import { createStackRuntime, type PortsMode, type StackRuntime } from '../stack-runtime/index.js';
import { stateDir } from '../state/index.js';
import { buildStatus, type StackStatusView } from '../status/index.js';
import { timingProfile, type TimingProfileName } from '../timing/index.js';
import { startControlServer } from './control-server.js';
import { removeDaemonInfo, writeDaemonInfo } from './daemon-info.js';

export interface ServeOptions {
  readonly stack: Stack;
  readonly file: string;
  readonly timing: TimingProfileName;
  readonly ports?: PortsMode;
  readonly detached: boolean;
  readonly events?: EventBus;
  /** The supervisor's listening sockets (background emulator): see daemon/supervisor.ts. */
  readonly listenerSockets?: ListenerSockets;
  /** The supervisor's pid, written to daemon.json for `down`. */
  readonly supervisorPid?: number;
  /** Called when a client asks the emulator to shut down (POST /shutdown). */
  readonly onShutdownRequest?: (stopTasks: boolean) => void;
}

/** A stack being served by this process: loops, autoscaler, control API. */
export interface ServedStack {
  readonly runtime: StackRuntime;
  readonly dir: string;
  status(): StackStatusView;
  /** Stops serving; with `stopTasks` the stack's containers and Service Connect go too. */
  close(stopTasks: boolean): Promise<void>;
}

/**
 * What both `up` (foreground) and the detached emulator run: the stack's
 * control loops, the autoscaler, and the control API the CLI talks to.
 */
export async function serveStack(options: ServeOptions): Promise<ServedStack> {
  const { stack } = options;
  const dir = stateDir(stack.baseDir, stack.stack);
  const { runtime, metrics } = createStackRuntime(stack, {
    timing: options.timing,
    ports: options.ports,
    events: options.events,
    listenerSockets: options.listenerSockets,
  });
  await runtime.start();
  const autoscaler = new Autoscaler({
    clusterName: stack.cluster.name,
    services: stack.services,
    timing: timingProfile(options.timing),
    metrics,
    scaler: runtime,
    clock: runtime.clock,
    emit: runtime.events.emit,
  }).start();
  const status = () => buildStatus(runtime, { autoscaling: autoscaler.snapshot() });
  const token = randomBytes(16).toString('hex');
  let server: Server | undefined;
  const closing: { done?: Promise<void> } = {};
  const close = (stopTasks: boolean) => {
    closing.done ??= (async () => {
      server?.close();
      await autoscaler.stop();
      await runtime.shutdown({ stopTasks });
      await removeDaemonInfo(dir, process.pid);
    })();
    return closing.done;
  };
  const control = await startControlServer({
    runtime,
    token,
    status,
    onShutdown: (stopTasks) => (options.onShutdownRequest ? options.onShutdownRequest(stopTasks) : void close(stopTasks)),
  });
  server = control.server;
  await writeDaemonInfo(dir, {
    pid: process.pid,
    port: control.port,
    token,
    startedAt: new Date().toISOString(),
    file: options.file,
    timing: options.timing,
    detached: options.detached,
    ...(options.supervisorPid ? { supervisorPid: options.supervisorPid } : {}),
  });
  return { runtime, dir, status, close };
}
