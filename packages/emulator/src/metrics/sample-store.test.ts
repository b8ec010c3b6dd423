import { FakeClock } from '../clock/index.js';
import { SampleStore } from './sample-store.js';

describe('SampleStore', () => {
  it('gives a task latest utilization as the sum over its containers', () => {
    const clock = new FakeClock(10_000);
    const store = new SampleStore(clock);
    store.record('svc', 't1', 'app', { at: 9_000, cpuPercent: 50, memoryPercent: 10 });
    store.record('svc', 't1', 'app', { at: 10_000, cpuPercent: 40, memoryPercent: 12 });
    store.record('svc', 't1', 'sidecar', { at: 10_000, cpuPercent: 5, memoryPercent: 3 });
    expect(store.latest('t1')).toEqual({
      taskId: 't1',
      serviceName: 'svc',
      at: 10_000,
      cpuPercent: 45,
      memoryPercent: 15,
    });
    expect(store.latest('nope')).toBeUndefined();
  });

  it('forgets samples older than the retention', () => {
    const clock = new FakeClock(0);
    const store = new SampleStore(clock, 60_000);
    store.record('svc', 'old', 'c', { at: 0, cpuPercent: 90, memoryPercent: 10 });
    clock.advance(120_000);
    store.record('svc', 'new', 'c', { at: 120_000, cpuPercent: 10, memoryPercent: 10 });
    expect(store.latest('old')).toBeUndefined();
    expect(store.datapoint('svc', 0, 200_000).cpu).toBe(10);
  });
});
