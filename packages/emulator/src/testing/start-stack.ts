import { rm } from 'node:fs/promises';
import { loadStack, type Stack } from '@ecs-twin/manifest';
import { systemClock } from '../clock/index.js';
import { serveStack, waitReady, type ServedStack } from '../daemon/index.js';
import { DockerRuntime, dockerClient } from '../docker/index.js';
import { EventBus, type EmulatorEvent } from '../events/index.js';
import { LABEL } from '../labels/index.js';
import { ensureStackImages, withStackName, type PortsMode, type StackRuntime } from '../stack-runtime/index.js';
import type { StackStatusView } from '../status/index.js';
import type { TimingProfileName } from '../timing/index.js';

export interface StartStackOptions {
  /** Path of the stack.yaml. */
  readonly file: string;
  /** @default 'local' */
  readonly timing?: TimingProfileName;
  /** 'free' binds every listener on a free port so stacks run side by side. @default 'manifest' */
  readonly ports?: PortsMode;
  /** Overrides the manifest's stack name (labels, network, state dir): unique names keep test stacks apart. */
  readonly stackName?: string;
  /** How long to wait for every service to be steady and every listener to answer. @default 120 000 */
  readonly readyTimeoutMs?: number;
  /** Receives every emulator event (progress). */
  readonly onEvent?: (event: EmulatorEvent) => void;
}

/** A stack started by the testing API. `await using stack = await startStack(...)` tears it down. */
export interface StartedStack {
  readonly stack: Stack;
  /** Listener port from the manifest -> base URL actually bound (`{ 8000: 'http://127.0.0.1:8000' }`). */
  readonly urls: Readonly<Record<number, string>>;
  /** Base URL of the listener in front of a service (by service name or manifest key). */
  url(service: string): string;
  status(): StackStatusView;
  readonly runtime: StackRuntime;
  /** Stops every task gracefully and removes everything the stack created. */
  down(): Promise<void>;
  /** Same as `down` (the issue's `stack.stop()`). */
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** The stack not getting ready in time. */
export class StackNotReadyError extends Error {
  readonly name = 'StackNotReadyError';
  constructor(stack: string, timeoutMs: number, status: StackStatusView) {
    const services = status.services.map((s) => `${s.serviceName} ${s.runningCount}/${s.desiredCount}${s.steady ? ' steady' : ''}`).join(', ');
    super(`start stack ${stack}: not ready after ${timeoutMs} ms (${services})`);
  }
}

/**
 * Starts a stack from its manifest in this process (images built if missing)
 * and resolves once every service is steady and every listener answers.
 */
export async function startStack(options: StartStackOptions): Promise<StartedStack> {
  const stack = withStackName(await loadStack(options.file), options.stackName);
  const events = new EventBus(systemClock);
  if (options.onEvent) events.subscribe(options.onEvent);
  const docker = new DockerRuntime(dockerClient());
  await docker.ping();
  await ensureStackImages(stack, docker, events.emit);
  let served: ServedStack | undefined;
  const down = async () => {
    await served?.close(true);
    await sweep(stack.stack, docker);
    if (served) await rm(served.dir, { recursive: true, force: true });
  };
  try {
    served = await serveStack({ stack, file: options.file, timing: options.timing ?? 'local', ports: options.ports, detached: false, events });
    const timeout = options.readyTimeoutMs ?? 120_000;
    if (!(await waitReady(served.runtime, systemClock, timeout))) throw new StackNotReadyError(stack.stack, timeout, served.status());
  } catch (error) {
    await down().catch(() => undefined);
    throw error;
  }
  const ready = served;
  const urls = Object.fromEntries(ready.status().listeners.map((l) => [l.port, l.url]));
  return {
    stack,
    urls,
    runtime: ready.runtime,
    status: () => ready.status(),
    url(service: string) {
      const spec = stack.services.find((s) => s.serviceName === service || s.key === service);
      const listener = stack.loadBalancer.listeners.find((l) => l.targetGroupName === spec?.loadBalancer?.targetGroupName);
      if (!listener) throw new Error(`url of ${service}: no listener forwards to it`);
      return urls[listener.port]!;
    },
    down,
    stop: down,
    [Symbol.asyncDispose]: down,
  };
}

/** Removes whatever still carries the stack's label (containers, then networks). */
async function sweep(stack: string, docker: DockerRuntime): Promise<void> {
  const labels = { [LABEL.stack]: stack };
  for (const c of await docker.listContainers(labels)) await docker.remove(c.containerId);
  for (const n of await docker.listNetworks(labels)) await docker.removeNetwork(n.id);
}
