import { nanoCpusOf } from '@ecs-twin/manifest/model/cpu-units';
import { cpuClampWarning, cpuLimitOnHost } from './cpu-limit.js';

describe('a task CPU limit on this host', () => {
  it('gives the task its declared size when the host has it', () => {
    expect(cpuLimitOnHost(256, 2)).toEqual({ nanoCpus: 0.25e9, clamped: false });
    expect(cpuLimitOnHost(2048, 2)).toEqual({ nanoCpus: 2e9, clamped: false });
  });

  it('gives a task larger than the host the whole host, and says it was clamped', () => {
    expect(cpuLimitOnHost(4096, 2)).toEqual({ nanoCpus: 2e9, clamped: true });
    expect(cpuLimitOnHost(16_384, 8)).toEqual({ nanoCpus: 8e9, clamped: true });
  });

  it('does not clamp when the host CPU count is unknown', () => {
    expect(cpuLimitOnHost(4096, undefined)).toEqual({ nanoCpus: nanoCpusOf(4096), clamped: false });
    expect(cpuLimitOnHost(4096, 0)).toEqual({ nanoCpus: 4e9, clamped: false });
  });

  it('names the revision, both sizes, and what still uses the declared one', () => {
    const text = cpuClampWarning('users:3', 4096, 2);
    expect(text).toContain('users:3');
    expect(text).toContain('4 vCPU');
    expect(text).toContain('limited to 2 vCPU');
    expect(text).toContain('CPU%');
  });
});
