import { readFileSync } from 'node:fs';
import type { DockerStatsSample } from './docker-stats-sample.js';
import {
  cpuPercentOfReservation,
  memoryPercentOfReservation,
  memoryUsedBytes,
  vcpusOf,
} from './utilization.js';

// Samples recorded from a real engine (20.10, cgroup v1, 2 CPUs) streaming
// stats of a container with NanoCpus 0.25e9 and Memory 512 MiB, by
// bench/autoscaling/record-stats-fixture.ts (light: 10 ms of work every
// 100 ms plus a 30 MiB file in the page cache; busy: a busy loop).
function fixture(name: string): DockerStatsSample[] {
  const url = new URL(`./testdata/${name}.json`, import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { samples: DockerStatsSample[] }).samples;
}

const QUARTER_VCPU = vcpusOf(256);

describe('cpuPercentOfReservation (recorded samples)', () => {
  const light = fixture('docker-stats-light');
  const busy = fixture('docker-stats-busy');

  it('has no value for the first streamed sample (precpu is empty)', () => {
    expect(cpuPercentOfReservation(light[0]!, QUARTER_VCPU)).toBeUndefined();
  });

  it('reads a light workload against the 0.25 vCPU reservation', () => {
    // computed by hand from the fixture:
    // (66,083,689 / 1,970,000,000) * 2 cpus / 0.25 * 100 = 26.836
    expect(cpuPercentOfReservation(light[2]!, QUARTER_VCPU)).toBeCloseTo(26.836, 3);
    // (57,273,407 / 2,010,000,000) * 2 / 0.25 * 100 = 22.795
    expect(cpuPercentOfReservation(light[3]!, QUARTER_VCPU)).toBeCloseTo(22.795, 3);
  });

  it('is docker stats (percent of one CPU) times 4 for 0.25 vCPU', () => {
    const sample = light[2]!;
    const dcpu = sample.cpu_stats!.cpu_usage!.total_usage! - sample.precpu_stats!.cpu_usage!.total_usage!;
    const dsystem = sample.cpu_stats!.system_cpu_usage! - sample.precpu_stats!.system_cpu_usage!;
    const dockerStatsPercent = (dcpu / dsystem) * sample.cpu_stats!.online_cpus! * 100;
    expect(cpuPercentOfReservation(sample, QUARTER_VCPU)).toBeCloseTo(dockerStatsPercent * 4, 6);
  });

  it('reads a busy loop as ~100% and clamps the CFS overshoot (102.1% raw) to 100', () => {
    // (252,753,840 / 1,980,000,000) * 2 / 0.25 * 100 = 102.12 -> 100
    expect(cpuPercentOfReservation(busy[1]!, QUARTER_VCPU)).toBe(100);
    // (247,267,485 / 2,010,000,000) * 2 / 0.25 * 100 = 98.415
    expect(cpuPercentOfReservation(busy[2]!, QUARTER_VCPU)).toBeCloseTo(98.415, 3);
  });

  it('falls back to the previous sample when precpu_stats are empty', () => {
    const withoutPre: DockerStatsSample = { ...light[3]!, precpu_stats: {} };
    expect(cpuPercentOfReservation(withoutPre, QUARTER_VCPU, light[2])).toBeCloseTo(22.795, 3);
  });

  it('scales with the reservation: the same usage is 4x smaller against 1 vCPU', () => {
    expect(cpuPercentOfReservation(light[2]!, vcpusOf(1024))).toBeCloseTo(26.836 / 4, 3);
  });
});

describe('memory (recorded samples, cgroup v1)', () => {
  const light = fixture('docker-stats-light');

  it('subtracts the page cache: usage - stats.cache', () => {
    // 83,337,216 - 31,457,280 (a 30 MiB file written in /tmp) = 51,879,936
    expect(memoryUsedBytes(light[2]!)).toBe(51_879_936);
  });

  it('is a percentage of the task memory (512 MiB)', () => {
    expect(memoryPercentOfReservation(light[2]!, 512)).toBeCloseTo((51_879_936 / 536_870_912) * 100, 6);
    expect(memoryPercentOfReservation(light[2]!, 512)).toBeCloseTo(9.663, 3);
  });

  it('uses the container limit when no reservation is given', () => {
    expect(memoryPercentOfReservation(light[2]!)).toBeCloseTo(9.663, 3);
  });

  it('uses inactive_file on cgroup v2', () => {
    const v2: DockerStatsSample = { memory_stats: { usage: 100, limit: 1000, stats: { inactive_file: 40, anon: 60 } } };
    expect(memoryUsedBytes(v2)).toBe(60);
  });
});
