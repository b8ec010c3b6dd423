import { readFileSync } from 'node:fs';
import { FakeClock } from '../clock/index.js';
import { ContainerStatsStream, type StatsByteStream } from './container-stats-stream.js';
import type { UtilizationSample } from './task-metrics-source.js';

// The parsing and delta logic of the stream, fed with recorded Docker output
// cut into chunks that do not follow line boundaries (as HTTP delivers them).
// The real connection is covered by docker-task-metrics-source.int.test.ts.
const recorded = JSON.parse(
  readFileSync(new URL('./testdata/docker-stats-light.json', import.meta.url), 'utf8'),
) as { samples: unknown[] };
const body = recorded.samples.map((sample) => JSON.stringify(sample)).join('\n') + '\n';

function chunked(text: string, size: number): StatsByteStream {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
  let destroyed = false;
  return {
    destroy: () => {
      destroyed = true;
    },
    async *[Symbol.asyncIterator]() {
      for (const chunk of chunks) {
        if (destroyed) throw new Error('aborted');
        yield chunk;
      }
    },
  };
}

describe('ContainerStatsStream', () => {
  it('hands on every Docker sample as parsed, the first one included (the metadata endpoint serves them)', async () => {
    const raw: unknown[] = [];
    const stream = new ContainerStatsStream({
      containerId: 'abc',
      reservation: { cpuUnits: 256, memoryMiB: 512 },
      open: async () => chunked(body, 777),
      clock: new FakeClock(1000),
      onSample: () => {},
      onDockerSample: (sample) => raw.push(sample),
    }).start();
    await stream.done();
    expect(raw).toEqual(recorded.samples);
  });

  it('turns the streamed samples into utilization, skipping the first (no interval)', async () => {
    const samples: UtilizationSample[] = [];
    const clock = new FakeClock(1000);
    const stream = new ContainerStatsStream({
      containerId: 'abc',
      reservation: { cpuUnits: 256, memoryMiB: 512 },
      open: async () => chunked(body, 777),
      clock,
      onSample: (sample) => samples.push(sample),
    }).start();
    await stream.done();
    expect(samples).toHaveLength(3);
    expect(samples[1]!.cpuPercent).toBeCloseTo(26.836, 3);
    expect(samples[2]!.cpuPercent).toBeCloseTo(22.795, 3);
    expect(samples[1]!.memoryPercent).toBeCloseTo(9.663, 3);
    expect(samples.every((s) => s.at === 1000)).toBe(true);
  });

  it('reconnects after a connection error, then gives up after maxReconnects', async () => {
    const clock = new FakeClock();
    let opens = 0;
    const errors: string[] = [];
    const stream = new ContainerStatsStream({
      containerId: '0123456789abcdef',
      reservation: { cpuUnits: 256, memoryMiB: 512 },
      open: async () => {
        opens++;
        throw new Error('connect ECONNREFUSED');
      },
      clock,
      onSample: () => undefined,
      onError: (error) => errors.push(error.message),
      maxReconnects: 2,
      reconnectDelayMs: 1000,
    }).start();
    // Each advance lets one failed connect reach its back-off sleep, then wakes it.
    for (let i = 0; i < 5; i++) await clock.advance(1000);
    await stream.done();
    expect(opens).toBe(3);
    expect(errors[0]).toBe('read stats of container 0123456789ab: connect ECONNREFUSED');
  });
});
