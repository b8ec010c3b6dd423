import createDebug from 'debug';
import { isAbortError, type Clock } from '../clock/index.js';
import type { DockerStatsSample } from './docker-stats-sample.js';
import { NdjsonLines } from './ndjson-lines.js';
import type { TaskReservation, UtilizationSample } from './task-metrics-source.js';
import { cpuPercentOfReservation, memoryPercentOfReservation, vcpusOf } from './utilization.js';

const debug = createDebug('emulator:metrics');

/** A byte stream that can be closed early (an HTTP response body, for Docker). */
export interface StatsByteStream extends AsyncIterable<string | Uint8Array> {
  destroy(): void;
}

/** Opens one streaming stats connection to a container (Docker: `container.stats({ stream: true })`). */
export type OpenStatsStream = (containerId: string) => Promise<StatsByteStream>;

export interface ContainerStatsStreamOptions {
  readonly containerId: string;
  readonly reservation: Pick<TaskReservation, 'cpuUnits' | 'memoryMiB'>;
  readonly open: OpenStatsStream;
  readonly clock: Clock;
  readonly onSample: (sample: UtilizationSample) => void;
  /** Each Docker sample as parsed (the task metadata endpoint's /stats serves it): no second parse. */
  readonly onDockerSample?: (sample: DockerStatsSample) => void;
  /** Connection errors (after which it reconnects, up to `maxReconnects` in a row). */
  readonly onError?: (error: Error) => void;
  /** @default 3 */
  readonly maxReconnects?: number;
  /** @default 1000 */
  readonly reconnectDelayMs?: number;
}

/**
 * One long-lived stats connection per container: the daemon pushes a sample
 * about every second, and the CPU delta comes from consecutive samples. (A
 * one-shot `stats({ stream: false })` costs 1-2 s per call, because the daemon
 * samples twice: too slow and too heavy for a control loop.)
 * The stream ends when the container stops; that ends this object too.
 */
export class ContainerStatsStream {
  private readonly abort = new AbortController();
  private current?: StatsByteStream;
  private running?: Promise<void>;
  /** Whether the current connection delivered a sample (a healthy connection resets the retry count). */
  private receivedOnConnection = false;

  constructor(private readonly options: ContainerStatsStreamOptions) {}

  start(): this {
    this.running ??= this.run();
    return this;
  }

  /** Closes the connection; resolves when the reading loop has ended. */
  async stop(): Promise<void> {
    this.abort.abort();
    this.current?.destroy();
    await this.running;
  }

  /** Resolves when the stream has ended (container stopped, stop() called, or reconnects exhausted). */
  done(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  private async run(): Promise<void> {
    const { containerId, open, clock, maxReconnects = 3, reconnectDelayMs = 1000 } = this.options;
    let failures = 0;
    while (!this.abort.signal.aborted) {
      try {
        this.receivedOnConnection = false;
        this.current = await open(containerId);
        if (this.abort.signal.aborted) return this.current.destroy();
        await this.read(this.current);
        debug('stats stream of %s ended', containerId.slice(0, 12));
        return; // the daemon closes the stream when the container stops
      } catch (error) {
        if (this.abort.signal.aborted) return;
        failures = this.receivedOnConnection ? 1 : failures + 1;
        const wrapped = new Error(`read stats of container ${containerId.slice(0, 12)}: ${(error as Error).message}`, {
          cause: error,
        });
        this.options.onError?.(wrapped);
        if (failures > maxReconnects) return;
        try {
          await clock.sleep(reconnectDelayMs, this.abort.signal);
        } catch (sleepError) {
          if (isAbortError(sleepError)) return;
          throw sleepError;
        }
      }
    }
  }

  private async read(stream: StatsByteStream): Promise<void> {
    const lines = new NdjsonLines();
    const vcpus = vcpusOf(this.options.reservation.cpuUnits);
    let previous: DockerStatsSample | undefined;
    try {
      for await (const chunk of stream) {
        for (const line of lines.push(chunk)) {
          const sample = parseSample(line);
          if (!sample) continue;
          this.receivedOnConnection = true;
          this.options.onDockerSample?.(sample);
          const cpuPercent = cpuPercentOfReservation(sample, vcpus, previous);
          const memoryPercent = memoryPercentOfReservation(sample, this.options.reservation.memoryMiB);
          previous = sample;
          // The first sample has no interval: no CPU figure yet, so no sample at all
          // (a memory-only sample would bias the period's CPU average).
          if (cpuPercent === undefined || memoryPercent === undefined) continue;
          this.options.onSample({ at: this.options.clock.now(), cpuPercent, memoryPercent });
        }
      }
    } catch (error) {
      // Destroying the stream on stop() surfaces as an error: that is a normal end.
      if (!this.abort.signal.aborted) throw error;
    }
  }
}

function parseSample(line: string): DockerStatsSample | undefined {
  try {
    return JSON.parse(line) as DockerStatsSample;
  } catch {
    debug('skipped a stats line that is not JSON: %s', line.slice(0, 80));
    return undefined;
  }
}
