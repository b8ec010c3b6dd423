import { nothingStarted, progressOf } from './service-waiter.js';

describe('service waiter progress', () => {
  it('summarises each service of a DescribeServices answer', () => {
    expect(progressOf({
      $metadata: {},
      services: [{
        serviceName: 's', runningCount: 1, pendingCount: 1, desiredCount: 2,
        deployments: [{ status: 'PRIMARY', rolloutState: 'IN_PROGRESS' }, { status: 'ACTIVE' }],
        events: [{ message: '(service s) has started 1 tasks' }],
      }],
    })).toEqual([{ service: 's', running: 1, pending: 1, desired: 2, deployments: 2, rolloutState: 'IN_PROGRESS', latestEvent: '(service s) has started 1 tasks' }]);
  });

  it('tells "nothing ever started" apart from a slow start', () => {
    const idle = { service: 's', running: 0, pending: 1, desired: 1, deployments: 1 };
    expect(nothingStarted([[idle], [idle]])).toBe(true);
    expect(nothingStarted([[idle], [{ ...idle, latestEvent: 'has started 1 tasks' }]])).toBe(false);
    expect(nothingStarted([[{ ...idle, running: 1 }]])).toBe(false);
  });
});
