import { renderStatus } from './render-table.js';
import type { ServiceStatusView, StackStatusView } from './stack-status.js';

function service(serviceName: string, events: ServiceStatusView['events']): ServiceStatusView {
  return { serviceName, status: 'ACTIVE', desiredCount: 1, runningCount: 1, pendingCount: 0, taskDefinition: `${serviceName}-td:1`, image: 'x:1', steady: true, deployments: [], events };
}

function status(services: ServiceStatusView[]): StackStatusView {
  return { stack: 's', cluster: 'c', emulatorRunning: false, steady: true, timing: {}, services, tasks: [], targetGroups: [], listeners: [] };
}

const eventLines = (text: string) => {
  const lines = text.split('\n');
  const start = lines.indexOf('Recent events');
  return start < 0 ? [] : lines.slice(start + 1).filter((l) => l !== '');
};

describe('status table: recent events', () => {
  it('merges the services newest first, as one stream', () => {
    // Events come newest first per service, as ECS's DescribeServices gives them.
    const a = service('a', [
      { createdAt: '2026-12-01T04:37:23.752Z', message: 'a steady' },
      { createdAt: '2026-12-01T04:37:22.292Z', message: 'a agent' },
    ]);
    const b = service('b', [
      { createdAt: '2026-12-01T04:37:23.414Z', message: 'b steady' },
      { createdAt: '2026-12-01T04:37:22.027Z', message: 'b alarm' },
    ]);
    expect(eventLines(renderStatus(status([a, b])))).toEqual([
      '2026-12-01T04:37:23.752Z  a steady',
      '2026-12-01T04:37:23.414Z  b steady',
      '2026-12-01T04:37:22.292Z  a agent',
      '2026-12-01T04:37:22.027Z  b alarm',
    ]);
  });

  it("shows each service's five newest, and no section without events", () => {
    const many = service(
      'a',
      Array.from({ length: 8 }, (_, i) => ({ createdAt: `2026-12-01T04:00:0${8 - i}.000Z`, message: `e${8 - i}` })),
    );
    expect(eventLines(renderStatus(status([many]))).map((l) => l.split('  ')[1])).toEqual(['e8', 'e7', 'e6', 'e5', 'e4']);
    expect(renderStatus(status([service('a', [])]))).not.toContain('Recent events');
  });
});
