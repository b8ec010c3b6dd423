// A hand-written ContainerRuntime for unit tests of the control loops: containers
// live in a map, tests make them exit (crash, OOM) and read what was started.
import type {
  ContainerExit,
  ContainerRuntime,
  LogLine,
  ObservedContainer,
  ObservedNetwork,
  RuntimeEvent,
  StartedTaskContainer,
  TaskContainerSpec,
} from '../docker/index.js';
import { TaskStartError } from '../docker/index.js';
import { cpuLimitOnHost } from '../docker/cpu-limit.js';

interface FakeContainer extends ObservedContainer {
  spec: TaskContainerSpec;
  exit?: ContainerExit;
  stoppedWith?: number;
}

export class FakeContainerRuntime implements ContainerRuntime {
  readonly containers = new Map<string, FakeContainer>();
  readonly started: TaskContainerSpec[] = [];
  /** Makes runTask fail (e.g. image missing) when it returns a reason. */
  failStart: (spec: TaskContainerSpec) => string | undefined = () => undefined;
  private next = 1;
  private handlers = new Set<(e: RuntimeEvent) => void>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** The host's CPUs as the engine reports them (undefined: unknown). */
  cpus: number | undefined = 2;

  async ping(): Promise<void> {}

  async hostCpus(): Promise<number | undefined> {
    return this.cpus;
  }

  async runTask(spec: TaskContainerSpec): Promise<StartedTaskContainer> {
    const reason = this.failStart(spec);
    if (reason) throw new TaskStartError(spec.name, reason);
    const n = this.next++;
    const containerId = `fake${n}`;
    this.started.push(spec);
    const c: FakeContainer = {
      containerId,
      name: spec.name,
      image: spec.image,
      state: 'running',
      labels: spec.labels,
      createdAt: this.now(),
      hostPort: 40000 + n,
      ipAddresses: spec.networkName ? { [spec.networkName]: `10.0.0.${n}` } : {},
      spec,
    };
    this.containers.set(containerId, c);
    this.fire(c, 'start');
    for (const sidecar of spec.sidecars ?? []) {
      const s: FakeContainer = { ...c, containerId: `${containerId}-${sidecar.name}`, name: sidecar.name, image: sidecar.image, labels: sidecar.labels, hostPort: undefined, ipAddresses: {} };
      this.containers.set(s.containerId, s);
      this.fire(s, 'start');
    }
    const cpu = cpuLimitOnHost(spec.cpuUnits, this.cpus);
    return {
      containerId,
      hostPort: c.hostPort,
      namespaceIp: spec.networkName ? `10.0.0.${n}` : undefined,
      ...(cpu.clamped ? { cpuLimitedTo: cpu.nanoCpus / 1e9 } : {}),
    };
  }

  /** The container ends on its own (crash, kill, OOM). */
  exit(containerId: string, exitCode: number, oomKilled = false): void {
    const c = this.containers.get(containerId);
    if (!c) throw new Error(`no container ${containerId}`);
    this.containers.set(containerId, { ...c, state: 'exited', exit: { exitCode, oomKilled, finishedAt: this.now() } });
    this.fire(c, 'die');
  }

  running(): FakeContainer[] {
    return [...this.containers.values()].filter((c) => c.state === 'running');
  }

  async listContainers(labels: Readonly<Record<string, string>>): Promise<ObservedContainer[]> {
    return [...this.containers.values()].filter((c) => Object.entries(labels).every(([k, v]) => c.labels[k] === v));
  }

  async stop(containerId: string, timeoutSeconds: number): Promise<void> {
    const c = this.containers.get(containerId);
    if (!c || c.state !== 'running') return;
    this.containers.set(containerId, { ...c, state: 'exited', stoppedWith: timeoutSeconds, exit: { exitCode: 0, oomKilled: false, finishedAt: this.now() } });
    this.fire(c, 'die');
  }

  async remove(containerId: string): Promise<void> {
    const c = this.containers.get(containerId);
    this.containers.delete(containerId);
    if (c) this.fire(c, 'destroy');
  }

  async inspectExit(containerId: string): Promise<ContainerExit | undefined> {
    return this.containers.get(containerId)?.exit;
  }

  async events(_labels: Readonly<Record<string, string>>, onEvent: (e: RuntimeEvent) => void, signal: AbortSignal): Promise<void> {
    this.handlers.add(onEvent);
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    this.handlers.delete(onEvent);
  }

  async *logs(): AsyncIterable<LogLine> {}

  async listNetworks(): Promise<ObservedNetwork[]> {
    return [];
  }

  async removeNetwork(): Promise<void> {}

  async imageExists(_image: string): Promise<boolean> {
    return true;
  }

  private fire(c: ObservedContainer, action: string): void {
    for (const h of this.handlers) h({ containerId: c.containerId, action, labels: c.labels });
  }
}
