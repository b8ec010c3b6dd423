import { formatLiveLine, LiveStats, percentile } from './live-stats.js';
import { formatMs } from './stress-report.js';

describe('LiveStats', () => {
  it('gives the last second rate, the success ratio and percentiles so far', () => {
    const live = new LiveStats(0);
    for (let i = 0; i < 100; i++) live.add({ at: 500 + i * 10, code: i < 90 ? 200 : 504, latencyMs: i + 1, bytesIn: 21 });
    const f = live.figures(1600, 2);
    expect(f.rate).toBe(89); // arrivals in (600, 1600]: 610..1490
    expect(f.success).toBeCloseTo(0.9, 9);
    expect(f.p50Ms).toBe(50);
    expect(f.p99Ms).toBe(99);
    expect(live.statusCodes).toEqual({ '200': 90, '504': 10 });
    expect(formatLiveLine(f, formatMs)).toBe('[   2s]  rate 89.0/s  done 100  success 90.00%  p50 50.000ms  p99 99.000ms  tasks 2');
  });

  it('shows dashes before the first response', () => {
    expect(formatLiveLine(new LiveStats(0).figures(1000), formatMs)).toBe('[   1s]  rate 0.0/s  done 0  success -  p50 -  p99 -');
  });

  it('percentile is nearest-rank', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 99)).toBe(4);
    expect(percentile([], 50)).toBe(0);
  });
});
