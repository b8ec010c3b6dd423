import { BACKOFF, NO_THROTTLE, afterHealthyTask, afterLaunchFailure } from './backoff.js';

describe('launch backoff', () => {
  it('retries the first failure at once, then doubles the wait', () => {
    const policy = { baseMs: 1000, maxMs: 60_000 };
    const one = afterLaunchFailure(NO_THROTTLE, 0, policy);
    expect(one).toEqual({ failures: 1, notBefore: 0 });
    const two = afterLaunchFailure(one, 100, policy);
    expect(two.notBefore).toBe(1100);
    const three = afterLaunchFailure(two, 200, policy);
    expect(three.notBefore).toBe(2200);
  });

  it('is capped at 15 minutes in the aws profile', () => {
    let t = NO_THROTTLE;
    for (let i = 0; i < 30; i++) t = afterLaunchFailure(t, 0, BACKOFF.aws);
    expect(t.notBefore).toBe(15 * 60_000);
    expect(BACKOFF.local.maxMs).toBeLessThan(BACKOFF.aws.maxMs);
  });

  it('resets once a task becomes healthy', () => {
    expect(afterHealthyTask()).toEqual(NO_THROTTLE);
  });
});
