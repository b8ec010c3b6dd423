import createDebug from 'debug';
import Docker from 'dockerode';
import type { Readable } from 'node:stream';
import type {
  ContainerExit,
  ContainerRuntime,
  ContainerState,
  LogLine,
  LogOptions,
  ObservedContainer,
  ObservedNetwork,
  RuntimeEvent,
  SidecarContainerSpec,
  StartedTaskContainer,
  TaskContainerSpec,
} from './container-runtime.js';
import { cpuLimitOnHost } from './cpu-limit.js';
import { DockerUnavailableError, TaskStartError, dockerEndpoint, isConnectionError, statusCode } from './errors.js';
import { LogDemuxer } from './log-demux.js';

const debug = createDebug('emulator:start');

const MIB = 1024 * 1024;

/** ContainerRuntime on a Docker engine (DOCKER_HOST or /var/run/docker.sock), through dockerode. */
export class DockerRuntime implements ContainerRuntime {
  private readonly docker: Docker;
  private cpus: Promise<number | undefined> | undefined;

  constructor(docker?: Docker) {
    this.docker = docker ?? new Docker();
  }

  async ping(): Promise<void> {
    try {
      await this.docker.ping();
    } catch (cause) {
      throw new DockerUnavailableError(dockerEndpoint(), { cause });
    }
  }

  /** Asked once per process: the engine's CPU count does not change under a running emulator. */
  hostCpus(): Promise<number | undefined> {
    this.cpus ??= this.docker.info().then(
      (info: { NCPU?: number }) => (typeof info.NCPU === 'number' && info.NCPU > 0 ? info.NCPU : undefined),
      () => {
        this.cpus = undefined; // ask again next time
        return undefined;
      },
    );
    return this.cpus;
  }

  async runTask(spec: TaskContainerSpec): Promise<StartedTaskContainer> {
    const port = spec.containerPort !== undefined ? `${spec.containerPort}/tcp` : undefined;
    const hostCpus = await this.hostCpus();
    const cpu = cpuLimitOnHost(spec.cpuUnits, hostCpus);
    const container = await this.create(spec.name, spec.image, {
      ...containerOptions(spec),
      ExposedPorts: port ? { [port]: {} } : undefined,
      HostConfig: {
        ...taskHostConfig(spec, cpu.nanoCpus),
        // Only the host's loopback: the listeners are the way in, as on AWS.
        PortBindings: port ? { [port]: [{ HostIp: '127.0.0.1', HostPort: '' }] } : undefined,
        NetworkMode: spec.networkName,
      },
      NetworkingConfig: spec.networkName ? { EndpointsConfig: { [spec.networkName]: {} } } : undefined,
    });
    const info = await this.start(container, spec.name);
    const sidecars = await Promise.allSettled((spec.sidecars ?? []).map((sidecar) => this.runSidecar(sidecar, spec, info.Id, cpu.nanoCpus)));
    const failed = sidecars.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) {
      // Leave nothing half-made: the task's containers that did start go too.
      const started = sidecars.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      await Promise.all([container, ...started].map((c) => c.remove({ force: true }).catch(() => undefined)));
      throw failed.reason;
    }
    const hostPort = port ? Number(info.NetworkSettings.Ports?.[port]?.[0]?.HostPort) || undefined : undefined;
    const networks = info.NetworkSettings.Networks ?? {};
    const namespaceIp = spec.networkName ? networks[spec.networkName]?.IPAddress || undefined : undefined;
    return { containerId: info.Id, hostPort, namespaceIp, ...(cpu.clamped ? { cpuLimitedTo: cpu.nanoCpus / 1e9 } : {}) };
  }

  /** A task's other container, in the main container's network namespace (awsvpc's shared localhost). */
  private async runSidecar(sidecar: SidecarContainerSpec, task: TaskContainerSpec, mainId: string, nanoCpus: number): Promise<Docker.Container> {
    const container = await this.create(sidecar.name, sidecar.image, {
      ...containerOptions(sidecar),
      HostConfig: { ...taskHostConfig(task, nanoCpus), NetworkMode: `container:${mainId}` },
    });
    await this.start(container, sidecar.name);
    return container;
  }

  private async create(name: string, image: string, options: Docker.ContainerCreateOptions): Promise<Docker.Container> {
    try {
      const container = await this.docker.createContainer({ name, Image: image, ...options });
      debug('created task container %s', name);
      return container;
    } catch (cause) {
      if (isConnectionError(cause)) throw new DockerUnavailableError(dockerEndpoint(), { cause });
      const reason = statusCode(cause) === 404
        ? `CannotPullContainerError: image ${image} not found locally (nothing can be pulled; build it first)`
        : `CannotCreateContainerError: ${message(cause)}`;
      throw new TaskStartError(name, reason, { cause });
    }
  }

  private async start(container: Docker.Container, name: string): Promise<Docker.ContainerInspectInfo> {
    try {
      await container.start();
      debug('started task container %s', name);
      return await container.inspect();
    } catch (cause) {
      // Leave nothing half-made: a container that cannot start is removed.
      await container.remove({ force: true }).catch(() => undefined);
      throw new TaskStartError(name, `CannotStartContainerError: ${message(cause)}`, { cause });
    }
  }

  async listContainers(labels: Readonly<Record<string, string>>): Promise<ObservedContainer[]> {
    const list = await this.call(() =>
      this.docker.listContainers({ all: true, filters: { label: labelFilter(labels) } }),
    );
    return list.map((c) => {
      const published = c.Ports.find((p) => p.PublicPort && (p.IP === '127.0.0.1' || p.IP === '0.0.0.0'));
      const ipAddresses: Record<string, string> = {};
      for (const [name, net] of Object.entries(c.NetworkSettings?.Networks ?? {})) {
        if (net.IPAddress) ipAddresses[name] = net.IPAddress;
      }
      return {
        containerId: c.Id,
        name: (c.Names[0] ?? '').replace(/^\//, ''),
        image: c.Image,
        state: c.State as ContainerState,
        labels: c.Labels,
        createdAt: c.Created * 1000,
        hostPort: published?.PublicPort,
        ipAddresses,
      };
    });
  }

  async stop(containerId: string, timeoutSeconds: number): Promise<void> {
    try {
      await this.docker.getContainer(containerId).stop({ t: timeoutSeconds });
    } catch (error) {
      // 304: already stopped; 404: already gone. Both mean "stopped".
      if (statusCode(error) === 304 || statusCode(error) === 404) return;
      throw this.wrap(error);
    }
  }

  async remove(containerId: string): Promise<void> {
    try {
      await this.docker.getContainer(containerId).remove({ force: true, v: true });
    } catch (error) {
      if (statusCode(error) === 404 || statusCode(error) === 409) return;
      throw this.wrap(error);
    }
  }

  async inspectExit(containerId: string): Promise<ContainerExit | undefined> {
    try {
      const info = await this.docker.getContainer(containerId).inspect();
      const s = info.State;
      return {
        exitCode: s.ExitCode,
        oomKilled: s.OOMKilled,
        startedAt: epoch(s.StartedAt),
        finishedAt: s.Running ? undefined : epoch(s.FinishedAt),
        error: s.Error || undefined,
      };
    } catch (error) {
      if (statusCode(error) === 404) return undefined;
      throw this.wrap(error);
    }
  }

  async events(
    labels: Readonly<Record<string, string>>,
    onEvent: (event: RuntimeEvent) => void,
    signal: AbortSignal,
  ): Promise<void> {
    const stream = (await this.call(() =>
      this.docker.getEvents({ filters: { type: ['container'], label: labelFilter(labels) } }),
    )) as Readable;
    const close = () => stream.destroy();
    signal.addEventListener('abort', close, { once: true });
    let buffered = '';
    stream.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.trim()) continue;
        try {
          const e = JSON.parse(line) as { id?: string; Action?: string; Actor?: { ID?: string; Attributes?: Record<string, string> } };
          onEvent({ containerId: e.Actor?.ID ?? e.id ?? '', action: (e.Action ?? '').split(':')[0]!, labels: e.Actor?.Attributes ?? {} });
        } catch {
          // A malformed line is skipped: the periodic observation catches up.
        }
      }
    });
    await new Promise<void>((resolve) => {
      stream.once('close', resolve);
      stream.once('end', resolve);
      stream.once('error', () => resolve());
    });
    signal.removeEventListener('abort', close);
  }

  async *logs(containerId: string, options: LogOptions = {}): AsyncIterable<LogLine> {
    const container = this.docker.getContainer(containerId);
    const since = options.since ? Math.floor(options.since / 1000) : 0;
    const demux = new LogDemuxer();
    if (!options.follow) {
      const buffer = (await this.call(() =>
        container.logs({ stdout: true, stderr: true, timestamps: true, since, follow: false }),
      )) as unknown as Buffer;
      yield* demux.push(Buffer.from(buffer));
      yield* demux.flush();
      return;
    }
    const stream = (await this.call(() =>
      container.logs({ stdout: true, stderr: true, timestamps: true, since, follow: true }),
    )) as unknown as Readable;
    const close = () => stream.destroy();
    options.signal?.addEventListener('abort', close, { once: true });
    try {
      for await (const chunk of stream) yield* demux.push(chunk as Buffer);
      yield* demux.flush();
    } catch (error) {
      if (!options.signal?.aborted) throw error;
    } finally {
      options.signal?.removeEventListener('abort', close);
    }
  }

  async listNetworks(labels: Readonly<Record<string, string>>): Promise<ObservedNetwork[]> {
    const list = await this.call(() => this.docker.listNetworks({ filters: { label: labelFilter(labels) } }));
    return list.map((n) => ({ id: n.Id, name: n.Name, labels: n.Labels ?? {} }));
  }

  async removeNetwork(id: string): Promise<void> {
    try {
      await this.docker.getNetwork(id).remove();
    } catch (error) {
      if (statusCode(error) === 404) return;
      throw this.wrap(error);
    }
  }

  async imageExists(image: string): Promise<boolean> {
    try {
      await this.docker.getImage(image).inspect();
      return true;
    } catch (error) {
      if (statusCode(error) === 404) return false;
      throw this.wrap(error);
    }
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw this.wrap(error);
    }
  }

  private wrap(error: unknown): unknown {
    return isConnectionError(error) ? new DockerUnavailableError(dockerEndpoint(), { cause: error }) : error;
  }
}

function labelFilter(labels: Readonly<Record<string, string>>): string[] {
  return Object.entries(labels).map(([k, v]) => `${k}=${v}`);
}

function epoch(iso: string | undefined): number | undefined {
  if (!iso || iso.startsWith('0001-')) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

function message(error: unknown): string {
  const m = error instanceof Error ? error.message : String(error);
  // dockerode prefixes "(HTTP code 404) no such image - "; keep Docker's own words.
  return m.replace(/^\(HTTP code \d+\)\s*[^-]*-\s*/, '').trim();
}

/** What a task container is told to run, and how it is labelled and stopped. */
function containerOptions(spec: SidecarContainerSpec): Docker.ContainerCreateOptions {
  return {
    Env: Object.entries(spec.environment).map(([k, v]) => `${k}=${v}`),
    ...(spec.entryPoint ? { Entrypoint: [...spec.entryPoint] } : {}),
    ...(spec.command ? { Cmd: [...spec.command] } : {}),
    Labels: { ...spec.labels },
    StopSignal: 'SIGTERM',
    StopTimeout: spec.stopTimeoutSeconds,
  };
}

/**
 * Every container of a task: Fargate's task size as a hard limit (cpu/1024 vCPUs, at most
 * the host's: `nanoCpus`; memory MiB with no swap), bounded logs.
 */
function taskHostConfig(task: TaskContainerSpec, nanoCpus: number): Docker.HostConfig {
  return {
    NanoCpus: nanoCpus,
    Memory: task.memoryMiB * MIB,
    MemorySwap: task.memoryMiB * MIB,
    LogConfig: { Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '3' } },
  };
}
