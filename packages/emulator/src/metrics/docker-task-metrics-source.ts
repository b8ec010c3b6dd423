import createDebug from 'debug';
import Docker from 'dockerode';
import { systemClock, type Clock } from '../clock/index.js';
import type { EmitEvent } from '../events/index.js';
import { ContainerStatsStream, type OpenStatsStream, type StatsByteStream } from './container-stats-stream.js';
import type { DockerStatsSample } from './docker-stats-sample.js';
import { SampleStore } from './sample-store.js';
import type {
  ServiceDatapoint,
  ServiceMetricsReader,
  TaskMetricsSource,
  TaskReservation,
  TaskUtilization,
} from './task-metrics-source.js';

const debug = createDebug('emulator:metrics');

export interface DockerTaskMetricsSourceOptions {
  readonly clock?: Clock;
  readonly emit?: EmitEvent;
  /** How long samples are kept. @default 5 minutes */
  readonly retentionMs?: number;
  /** Replaces the dockerode call (tests of the parsing feed recorded samples). */
  readonly open?: OpenStatsStream;
  /** Every Docker sample of every container, as parsed once here (the task metadata endpoint's /stats). */
  readonly onDockerSample?: (containerId: string, sample: DockerStatsSample) => void;
}

/**
 * Task CPU and memory from Docker: one streaming stats connection per
 * container, samples kept per task, one datapoint per service and period.
 */
export class DockerTaskMetricsSource implements TaskMetricsSource, ServiceMetricsReader {
  private readonly clock: Clock;
  private readonly store: SampleStore;
  private readonly open: OpenStatsStream;
  /** taskId -> containerId -> its stats connection. */
  private readonly streams = new Map<string, Map<string, ContainerStatsStream>>();

  /** Connects to the engine dockerode finds (DOCKER_HOST or /var/run/docker.sock). */
  static connect(options: DockerTaskMetricsSourceOptions = {}): DockerTaskMetricsSource {
    return new DockerTaskMetricsSource(new Docker(), options);
  }

  constructor(
    docker: Docker,
    private readonly options: DockerTaskMetricsSourceOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.store = new SampleStore(this.clock, options.retentionMs);
    this.open = options.open ?? dockerStatsOpener(docker);
  }

  subscribe(taskId: string, containerId: string, reservation: TaskReservation): void {
    let containers = this.streams.get(taskId);
    if (!containers) {
      containers = new Map();
      this.streams.set(taskId, containers);
    }
    if (containers.has(containerId)) return;
    debug('collecting stats of task %s container %s', taskId, containerId.slice(0, 12));
    const stream = new ContainerStatsStream({
      containerId,
      reservation,
      open: this.open,
      clock: this.clock,
      onSample: (sample) => this.store.record(reservation.serviceName, taskId, containerId, sample),
      ...(this.options.onDockerSample ? { onDockerSample: (sample: DockerStatsSample) => this.options.onDockerSample!(containerId, sample) } : {}),
      onError: (error) =>
        this.options.emit?.({ kind: 'warning', message: error.message, serviceName: reservation.serviceName, taskId }),
    });
    containers.set(containerId, stream.start());
  }

  unsubscribe(taskId: string): void {
    const containers = this.streams.get(taskId);
    this.streams.delete(taskId);
    for (const stream of containers?.values() ?? []) void stream.stop();
  }

  latest(taskId: string): TaskUtilization | undefined {
    return this.store.latest(taskId);
  }

  datapoint(serviceName: string, from: number, to: number): ServiceDatapoint {
    return this.store.datapoint(serviceName, from, to);
  }

  /** Task ids with open stats connections. */
  subscribedTasks(): string[] {
    return [...this.streams.keys()];
  }

  /** Closes every stats connection (emulator shutdown). */
  async close(): Promise<void> {
    const all = [...this.streams.values()].flatMap((containers) => [...containers.values()]);
    this.streams.clear();
    await Promise.all(all.map((stream) => stream.stop()));
  }
}

/** The dockerode side: `container.stats({ stream: true })` (dockerode 4 returns the HTTP response). */
export function dockerStatsOpener(docker: Docker): OpenStatsStream {
  return async (containerId) => {
    const body = await docker.getContainer(containerId).stats({ stream: true });
    return body as unknown as StatsByteStream;
  };
}
