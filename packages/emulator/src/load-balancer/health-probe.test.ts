// The real HTTP health check against tiny servers on 127.0.0.1, alone and wired
// into the ALB's loop (fake clock for the schedule, real sockets for the check).
import { awsTiming } from '../timing/index.js';
import { ApplicationLoadBalancer } from './application-load-balancer.js';
import { httpHealthProbe } from './health-probe.js';
import { FakeClock } from '../clock/index.js';
import { INTERVAL_MS, LISTENER_PORT, TG, loadBalancerSpec } from './testing/fixtures.js';
import { closedPort, eventually, startTarget, type TestTarget } from './testing/target-servers.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function target(status: number): Promise<TestTarget> {
  const started = await startTarget('t', (_req, res) => {
    res.writeHead(status);
    res.end('body');
  });
  cleanups.push(started.close);
  return started;
}

describe('httpHealthProbe', () => {
  it('GETs the path with ALB’s user agent and resolves with the status code', async () => {
    const t = await target(204);
    const status = await httpHealthProbe({ host: '127.0.0.1', port: t.port, path: '/health', signal: new AbortController().signal });
    expect(status).toBe(204);
    expect(t.requests[0]).toMatchObject({ method: 'GET', url: '/health', headers: { 'user-agent': 'ELB-HealthChecker/2.0' } });
  });

  it('rejects when the connection is refused', async () => {
    const port = await closedPort();
    await expect(httpHealthProbe({ host: '127.0.0.1', port, path: '/', signal: new AbortController().signal })).rejects.toThrow(/ECONNREFUSED/);
  });

  it('rejects when aborted (the checker’s timeout)', async () => {
    const silent = await startTarget('silent', () => {});
    cleanups.push(silent.close);
    const abort = new AbortController();
    const probing = httpHealthProbe({ host: '127.0.0.1', port: silent.port, path: '/', signal: abort.signal });
    await eventually(() => silent.requests.length === 1);
    abort.abort();
    await expect(probing).rejects.toThrow();
  });
});

describe('ALB health checks over real HTTP', () => {
  it('marks a target healthy or unhealthy from its real answers', async () => {
    const ok = await target(200);
    const failing = await target(503);
    const clock = new FakeClock(0);
    const alb = new ApplicationLoadBalancer({
      spec: loadBalancerSpec({}, { healthCheck: { ...loadBalancerSpec().targetGroups[0]!.healthCheck, unhealthyThresholdCount: 2 } }),
      timing: awsTiming,
      clock,
      portOverrides: { [LISTENER_PORT]: 0 },
    });
    await alb.start();
    cleanups.push(() => alb.stop());
    alb.registerTargets(TG, [
      { id: 'ok', host: '127.0.0.1', port: ok.port },
      { id: 'failing', host: '127.0.0.1', port: failing.port },
    ]);
    const state = (id: string) => alb.describeTargetHealth(TG).find((t) => t.id === id)?.state;
    await clock.advance(INTERVAL_MS);
    await eventually(() => state('ok') === 'healthy' && failing.requests.length === 1);
    await eventually(() => alb.describeTargetHealth(TG).find((t) => t.id === 'failing')?.reason === 'Elb.InitialHealthChecking');
    await clock.advance(INTERVAL_MS);
    await eventually(() => state('failing') === 'unhealthy');
    expect(alb.describeTargetHealth(TG).find((t) => t.id === 'failing')).toMatchObject({
      reason: 'Target.ResponseCodeMismatch',
      description: 'Health checks failed with these codes: [503]',
    });
  });
});
