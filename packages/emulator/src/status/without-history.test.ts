import type { AutoscalingSnapshot } from '../autoscaler/index.js';
import type { StackStatusView } from './stack-status.js';
import { withoutPeriodHistory } from './without-history.js';

const view = (autoscaling?: unknown): StackStatusView => ({
  stack: 's', cluster: 'c', emulatorRunning: true, steady: true, timing: {}, services: [], tasks: [], targetGroups: [], listeners: [],
  ...(autoscaling ? { autoscaling } : {}),
});
const period = (at: number) => ({ at, cpu: 1, memory: 2, desiredCount: 1, runningTasks: 1, alarms: {} });

describe('withoutPeriodHistory', () => {
  it("keeps each service's latest period and everything else as it was", () => {
    const autoscaling = { timing: { profile: 'local' }, services: [{ serviceName: 'a', metrics: [period(1), period(2), period(3)], activities: [{ at: 1 }] }, { serviceName: 'b', metrics: [] }] };
    const trimmed = withoutPeriodHistory(view(autoscaling)).autoscaling as AutoscalingSnapshot;
    expect(trimmed.services.map((s) => s.metrics)).toEqual([[period(3)], []]);
    expect(trimmed.services[0]!.activities).toEqual([{ at: 1 }]);
    expect(trimmed.timing).toEqual({ profile: 'local' });
    expect(autoscaling.services[0]!.metrics).toHaveLength(3); // the emulator's own snapshot is not changed
  });

  it('leaves a status without autoscaling (no emulator, or no policies) alone', () => {
    const plain = view();
    expect(withoutPeriodHistory(plain)).toBe(plain);
  });
});
