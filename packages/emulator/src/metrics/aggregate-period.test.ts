import { aggregatePeriod, type TaskSeries } from './aggregate-period.js';
import type { UtilizationSample } from './task-metrics-source.js';

const s = (at: number, cpuPercent: number, memoryPercent = 10): UtilizationSample => ({ at, cpuPercent, memoryPercent });
const task = (taskId: string, containers: Record<string, UtilizationSample[]>, serviceName = 'svc'): TaskSeries => ({
  taskId,
  serviceName,
  containers: new Map(Object.entries(containers)),
});

describe('aggregatePeriod', () => {
  it('averages each task over the period, then averages over tasks', () => {
    const tasks = [
      task('a', { c: [s(0, 100), s(1000, 80), s(2000, 90)] }),
      task('b', { c: [s(500, 10, 20), s(1500, 30, 40)] }),
    ];
    const point = aggregatePeriod('svc', tasks, 0, 3000);
    expect(point.cpu).toBeCloseTo((90 + 20) / 2, 6);
    expect(point.memory).toBeCloseTo((10 + 30) / 2, 6);
    expect(point.reportingTasks).toBe(2);
  });

  it('only counts samples in [from, to) and tasks of the service', () => {
    const tasks = [task('a', { c: [s(0, 100), s(3000, 0)] }), task('x', { c: [s(100, 50)] }, 'other')];
    const point = aggregatePeriod('svc', tasks, 0, 3000);
    expect(point.cpu).toBe(100);
    expect(point.reportingTasks).toBe(1);
  });

  it('adds up the containers of one task (both against the task reservation), capped at 100', () => {
    const point = aggregatePeriod('svc', [task('a', { app: [s(0, 60)], sidecar: [s(0, 30)] })], 0, 1000);
    expect(point.cpu).toBe(90);
    const capped = aggregatePeriod('svc', [task('a', { app: [s(0, 80)], sidecar: [s(0, 40)] })], 0, 1000);
    expect(capped.cpu).toBe(100);
  });

  it('is missing data when no task reported in the period', () => {
    const point = aggregatePeriod('svc', [task('a', { c: [s(5000, 100)] })], 0, 3000);
    expect(point.cpu).toBeUndefined();
    expect(point.memory).toBeUndefined();
    expect(point.reportingTasks).toBe(0);
  });
});
