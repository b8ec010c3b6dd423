import { desiredFor, planDeployment } from '../plan/index.js';
import { emptyAccount, observedFromDesired, tutorialStack } from '../testing/index.js';
import { serviceConnectRestarts } from './service-connect-order.js';

const stack = tutorialStack();
const d = desiredFor(stack, emptyAccount());

describe('Service Connect start order (item 5)', () => {
  it('restarts the service created before the other one\'s discovery name existed', () => {
    const steps = planDeployment(stack, emptyAccount(), { skipPush: true });
    expect(serviceConnectRestarts(steps, d.services, emptyAccount())).toEqual(['service-users-ecs']);
  });

  it('restarts nothing when no discovery name is new', () => {
    const applied = observedFromDesired(d);
    const steps = planDeployment(stack, applied, { skipPush: true });
    expect(serviceConnectRestarts(steps, d.services, applied)).toEqual([]);
  });

  it('restarts an existing service when a new one joins the namespace', () => {
    const applied = observedFromDesired(d);
    const { ['service-products-ecs']: _gone, ...services } = applied.services;
    const observed = { ...applied, services };
    const steps = planDeployment(stack, observed, { skipPush: true });
    expect(steps.find((s) => s.name === 'service-users-ecs')?.action).toBe('noop');
    expect(serviceConnectRestarts(steps, d.services, observed)).toEqual(['service-users-ecs']);
  });
});
