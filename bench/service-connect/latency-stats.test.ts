import { percentile, summarize } from './latency-stats.js';

describe('latency percentiles (nearest rank)', () => {
  it('picks the sample at the rank, not an interpolation', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
  });

  it('summarizes unsorted samples', () => {
    expect(summarize([3, 1, 2, 10])).toEqual({ count: 4, p50: 2, p90: 10, p99: 10, mean: 4, max: 10 });
  });

  it('refuses an empty set', () => {
    expect(() => summarize([])).toThrow(/no samples/);
  });
});
