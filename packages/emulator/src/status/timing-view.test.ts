import { loadStack } from '@ecs-twin/manifest';
import { fileURLToPath } from 'node:url';
import { awsTiming, localTiming } from '../timing/index.js';
import { timingView } from './build-status.js';
import { renderStatus } from './render-table.js';
import type { StackStatusView } from './stack-status.js';

const manifest = fileURLToPath(new URL('../../../../stack.yaml', import.meta.url));

describe('timing in status', () => {
  it('shows the active profile and both profiles side by side', async () => {
    const stack = await loadStack(manifest);
    const view = timingView(stack, awsTiming) as { profile: string; profiles: Record<string, { autoscaling: unknown; healthChecks: Record<string, { intervalSeconds: number }> }> };
    expect(view.profile).toBe('aws');
    // The numbers themselves: the view passes the profiles' objects through, so comparing with them could not fail.
    expect(view.profiles.local?.autoscaling).toEqual({ periodSeconds: 3, highDatapoints: 3, lowDatapoints: 10, scaleOutCooldownSeconds: 15, scaleInCooldownSeconds: 15 });
    expect(view.profiles.aws?.autoscaling).toEqual({ periodSeconds: 60, highDatapoints: 3, lowDatapoints: 15 });
    expect(view.profiles.aws?.healthChecks['service-users-tg']?.intervalSeconds).toBe(30);
    expect(view.profiles.local?.healthChecks['service-users-tg']?.intervalSeconds).toBe(2);
  });

  it('prints both profiles in the table view, the active one first', async () => {
    const stack = await loadStack(manifest);
    const status: StackStatusView = {
      stack: stack.stack,
      cluster: stack.cluster.name,
      emulatorRunning: false,
      steady: false,
      timing: timingView(stack, localTiming),
      services: [],
      tasks: [],
      targetGroups: [],
      listeners: [],
    };
    const line = renderStatus(status).split('\n').find((l) => l.startsWith('Timing profiles:'));
    expect(line).toBe(
      'Timing profiles: local (active): 3 s periods, 3 of 3 high, 10 of 10 low, cooldowns 15/15 s | aws: 60 s periods, 3 of 3 high, 15 of 15 low, manifest cooldowns',
    );
  });
});
