// The ALB with real sockets on 127.0.0.1: tiny node:http targets, health checks
// answered by a stub probe in fake time (see testing/fixtures.ts).
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { albErrorBody } from './alb-responses.js';
import { ListenerPortInUseError, UnknownTargetGroupError } from './errors.js';
import { INTERVAL_MS, LISTENER_PORT, TG, loadBalancerSpec, startAlb, type StartedAlb } from './testing/fixtures.js';
import { closedPort, send, startRawTarget, startTarget, type TestTarget } from './testing/target-servers.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function alb(...args: Parameters<typeof startAlb>): Promise<StartedAlb> {
  const started = await startAlb(...args);
  cleanups.push(started.stop);
  return started;
}

async function target(...args: Parameters<typeof startTarget>): Promise<TestTarget> {
  const started = await startTarget(...args);
  cleanups.push(started.close);
  return started;
}

async function healthyTargets(lb: StartedAlb, targets: { id: string; port: number }[]): Promise<void> {
  lb.alb.registerTargets(TG, targets.map(({ id, port }) => ({ id, host: '127.0.0.1', port })));
  await lb.clock.advance(INTERVAL_MS);
  expect(lb.alb.describeTargetHealth(TG).map((t) => t.state)).toEqual(targets.map(() => 'healthy'));
}

describe('ApplicationLoadBalancer (real sockets)', () => {
  it('answers 503 with ALB’s page when the target group has no targets', async () => {
    const lb = await alb();
    const res = await send(lb.port);
    expect(res.status).toBe(503);
    expect(res.headers.server).toBe('awselb/2.0');
    expect(res.headers['content-type']).toBe('text/html');
    expect(res.body).toBe(albErrorBody(503));
    expect(res.body).toContain('<h1>503 Service Temporarily Unavailable</h1>');
  });

  it('spreads requests round robin over healthy targets', async () => {
    const lb = await alb();
    const a = await target('a');
    const b = await target('b');
    await healthyTargets(lb, [{ id: 'task-a', port: a.port }, { id: 'task-b', port: b.port }]);
    const bodies = [];
    for (let i = 0; i < 10; i++) bodies.push((await send(lb.port)).body);
    expect(bodies.filter((body) => body === 'a')).toHaveLength(5);
    expect(bodies.filter((body) => body === 'b')).toHaveLength(5);
    expect(bodies.slice(0, 4)).toEqual(['a', 'b', 'a', 'b']);
  });

  it('sends nothing to an unhealthy target while a healthy one exists', async () => {
    const lb = await alb();
    const good = await target('good');
    const bad = await target('bad');
    lb.probeAnswers.set(bad.port, 500);
    lb.alb.registerTargets(TG, [{ id: 'good', host: '127.0.0.1', port: good.port }, { id: 'bad', host: '127.0.0.1', port: bad.port }]);
    await lb.clock.advance(2 * INTERVAL_MS);
    expect(lb.alb.describeTargetHealth(TG)).toEqual([
      { id: 'good', port: good.port, state: 'healthy' },
      { id: 'bad', port: bad.port, state: 'unhealthy', reason: 'Target.ResponseCodeMismatch', description: 'Health checks failed with these codes: [500]' },
    ]);
    for (let i = 0; i < 6; i++) expect((await send(lb.port)).body).toBe('good');
    expect(bad.requests).toHaveLength(0);
  });

  it('fails open: routes to every target when all are unhealthy', async () => {
    const lb = await alb();
    const a = await target('a');
    const b = await target('b');
    lb.probeAnswers.set(a.port, 500).set(b.port, 500);
    lb.alb.registerTargets(TG, [{ id: 'a', host: '127.0.0.1', port: a.port }, { id: 'b', host: '127.0.0.1', port: b.port }]);
    await lb.clock.advance(2 * INTERVAL_MS);
    expect(lb.alb.describeTargetHealth(TG).map((t) => t.state)).toEqual(['unhealthy', 'unhealthy']);
    const bodies = new Set<string>();
    for (let i = 0; i < 4; i++) bodies.add((await send(lb.port)).body);
    expect([...bodies].sort()).toEqual(['a', 'b']);
  });

  it('adds X-Forwarded-For/Proto/Port and X-Amzn-Trace-Id, keeping Host and the client’s headers', async () => {
    const lb = await alb();
    const echo = await target('echo');
    await healthyTargets(lb, [{ id: 'echo', port: echo.port }]);
    await send(lb.port, { path: '/users?x=1', headers: { 'X-Forwarded-For': '203.0.113.9', 'X-Custom': 'kept', Host: 'api.example' } });
    await send(lb.port, { headers: { 'X-Amzn-Trace-Id': 'Root=1-5759e988-bd862e3fe1be46a994272793' } });
    const [first, second] = echo.requests;
    expect(first!.url).toBe('/users?x=1');
    expect(first!.headers).toMatchObject({
      host: 'api.example',
      'x-custom': 'kept',
      'x-forwarded-for': '203.0.113.9, 127.0.0.1',
      'x-forwarded-proto': 'http',
      'x-forwarded-port': String(lb.port),
    });
    const epochHex = Math.floor(lb.clock.now() / 1000).toString(16);
    expect(first!.headers['x-amzn-trace-id']).toMatch(new RegExp(`^Root=1-${epochHex}-[0-9a-f]{24}$`));
    expect(second!.headers['x-amzn-trace-id']).toMatch(/^Self=1-[0-9a-f]{8}-[0-9a-f]{24};Root=1-5759e988-bd862e3fe1be46a994272793$/);
  });

  it('forwards a request body and streams a chunked response back', async () => {
    const lb = await alb();
    const upper = await target('upper', (_req, res, body) => {
      res.writeHead(201, { 'Content-Type': 'text/plain', 'Set-Cookie': ['a=1', 'b=2'] });
      res.write(body.toUpperCase());
      setTimeout(() => res.end('!'), 20);
    });
    await healthyTargets(lb, [{ id: 'upper', port: upper.port }]);
    const res = await send(lb.port, { method: 'POST', body: 'hello', headers: { 'Content-Type': 'text/plain' } });
    expect(res).toMatchObject({ status: 201, body: 'HELLO!' });
    expect(res.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(upper.requests[0]).toMatchObject({ method: 'POST', body: 'hello' });
  });

  it('answers 502 when the target resets the connection', async () => {
    const lb = await alb();
    const reset = await target('reset', (req) => req.socket.resetAndDestroy());
    await healthyTargets(lb, [{ id: 'reset', port: reset.port }]);
    const res = await send(lb.port);
    expect(res.status).toBe(502);
    expect(res.body).toBe(albErrorBody(502));
  });

  it('answers 502 on a malformed response', async () => {
    const lb = await alb();
    const raw = await startRawTarget('this is not HTTP\r\n\r\n');
    cleanups.push(raw.close);
    await healthyTargets(lb, [{ id: 'raw', port: raw.port }]);
    expect((await send(lb.port)).status).toBe(502);
  });

  it('answers 502 when the target refuses the connection', async () => {
    const lb = await alb();
    await healthyTargets(lb, [{ id: 'gone', port: await closedPort() }]);
    expect((await send(lb.port)).status).toBe(502);
  });

  it('answers 504 when the target stays silent past the idle timeout', async () => {
    const lb = await alb(loadBalancerSpec({ idleTimeoutSeconds: 1 }));
    const silent = await target('silent', () => {});
    await healthyTargets(lb, [{ id: 'silent', port: silent.port }]);
    const started = Date.now();
    const res = await send(lb.port);
    expect(res.status).toBe(504);
    expect(res.body).toContain('<h1>504 Gateway Time-out</h1>');
    // Not before the idle timeout (the upper bound is left to jest's timeout: CI is busy).
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('counts a slow target that keeps talking as alive (idle, not total, timeout)', async () => {
    const lb = await alb(loadBalancerSpec({ idleTimeoutSeconds: 1 }));
    const trickle = await target('trickle', (_req, res) => {
      res.writeHead(200);
      let sent = 0;
      const timer = setInterval(() => {
        res.write('.');
        if (++sent === 4) {
          clearInterval(timer);
          res.end();
        }
      }, 250);
    });
    await healthyTargets(lb, [{ id: 'trickle', port: trickle.port }]);
    expect(await send(lb.port)).toMatchObject({ status: 200, body: '....' });
  });

  it('keeps connections to targets alive across requests', async () => {
    const lb = await alb();
    const ports = new Set<number>();
    const tracked = await target('tracked', (req, res) => {
      ports.add(req.socket.remotePort ?? 0);
      res.end('ok');
    });
    await healthyTargets(lb, [{ id: 'tracked', port: tracked.port }]);
    for (let i = 0; i < 5; i++) expect((await send(lb.port)).body).toBe('ok');
    expect(ports.size).toBe(1);
  });

  it('rejects with ListenerPortInUseError naming the port, and binds nothing', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
    const taken = (blocker.address() as AddressInfo).port;
    const error = await startAlb(loadBalancerSpec(), { portOverrides: { [LISTENER_PORT]: taken } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ListenerPortInUseError);
    expect((error as ListenerPortInUseError).message).toBe(`start listener 127.0.0.1:${taken}: the port is already in use`);
    expect((error as ListenerPortInUseError).hints.join('\n')).toContain('loadBalancer.listeners[].port');
  });

  it('reports its listeners and refuses unknown target groups', async () => {
    const lb = await alb();
    expect(lb.alb.listeners()).toEqual([{ port: LISTENER_PORT, boundPort: lb.port, targetGroupName: TG, DesyncMitigationMode_NonCompliant_Request_Count: 0 }]);
    expect(() => lb.alb.registerTargets('nope', [])).toThrow(UnknownTargetGroupError);
  });

  it('is idempotent per target id and emits ECS-worded events', async () => {
    const lb = await alb();
    const a = await target('a');
    const t = { id: 'task-a', host: '127.0.0.1', port: a.port, serviceName: 'service-users-ecs', containerPort: 3000 };
    lb.alb.registerTargets(TG, [t]);
    lb.alb.registerTargets(TG, [t]);
    expect(lb.alb.describeTargetHealth(TG)).toEqual([
      { id: 'task-a', port: a.port, state: 'initial', reason: 'Elb.RegistrationInProgress', description: 'Target registration is in progress' },
    ]);
    await lb.clock.advance(INTERVAL_MS);
    expect(lb.events.map((e) => [e.kind, e.message])).toEqual([
      ['target-registered', `(service service-users-ecs) registered 1 targets in (target-group ${TG})`],
      ['target-health', `(service service-users-ecs) (task task-a) port 3000 is healthy in (target-group ${TG}).`],
    ]);
    expect(lb.probed).toHaveLength(1);
    expect(lb.probed[0]).toMatchObject({ port: a.port, path: '/health' });
  });
});
