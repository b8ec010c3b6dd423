// What both services promise about their one upstream call (users -> products,
// products -> users): Go's error text on failure, the timeout, and a graceful
// shutdown that lets the in-flight call finish. Declared once, run by each service's e2e test.
import http from 'node:http';
import request from 'supertest';
import { keepAliveGet, type RunningApp, startPeer, unusedUrl } from './harness.js';

export interface UpstreamContract {
  /** The service under test, as its describe blocks name it (`users`). */
  readonly service: string;
  /** The upstream it calls (`products`). */
  readonly upstream: string;
  /** The service's route that calls the upstream (`/service-products`). */
  readonly route: string;
  /** The upstream's path it calls (`/products`). */
  readonly upstreamPath: string;
  /** What the upstream answers, relayed unchanged. */
  readonly upstreamBody: string;
  /** Starts the service against the upstream at `upstreamBaseUrl`. */
  readonly start: (upstreamBaseUrl: string, upstreamTimeoutMs?: number) => Promise<RunningApp>;
}

export function describeUpstreamFailures(c: UpstreamContract): void {
  describe(`${c.service} service: upstream failures`, () => {
    it(`unreachable ${c.upstream} -> 500 with the error text`, async () => {
      const target = await unusedUrl();
      const running = await c.start(target);
      try {
        const res = await request(running.url).get(c.route).expect(500);
        expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
        expect(res.text).toBe(`Get "${target}${c.upstreamPath}": connect ECONNREFUSED ${target.slice('http://'.length)}\n`);
      } finally {
        await running.app.close();
      }
    });

    it(`a ${c.upstream} service that never answers -> 500 after UPSTREAM_TIMEOUT_MS`, async () => {
      const silent = await startPeer(() => undefined);
      const running = await c.start(silent.url, 200);
      try {
        const started = Date.now();
        const res = await request(running.url).get(c.route).expect(500);
        expect(Date.now() - started).toBeGreaterThanOrEqual(190);
        expect(Date.now() - started).toBeLessThan(3000);
        expect(res.text).toBe(`Get "${silent.url}${c.upstreamPath}": timeout after 200 ms (UPSTREAM_TIMEOUT_MS)\n`);
      } finally {
        await running.app.close();
        await silent.close();
      }
    });
  });
}

export function describeGracefulShutdown(c: UpstreamContract): void {
  describe(`${c.service} service: graceful shutdown`, () => {
    it('app.close() lets an in-flight request finish, then refuses new ones, without waiting for keep-alive', async () => {
      const slow = await startPeer((_req, res) => setTimeout(() => res.end(c.upstreamBody), 600));
      const running = await c.start(slow.url);
      const agent = new http.Agent({ keepAlive: true });
      try {
        const inFlight = keepAliveGet(`${running.url}${c.route}`, agent);
        await new Promise((r) => setTimeout(r, 150));
        const started = Date.now();
        const closed = running.app.close();
        const res = await inFlight;
        expect(res).toEqual({ status: 200, body: c.upstreamBody, connection: 'close' });
        await closed;
        // Far below Node's 5 s keepAliveTimeout: the drained socket did not hold close() open.
        expect(Date.now() - started).toBeLessThan(2000);
        await expect(keepAliveGet(`${running.url}/`, agent)).rejects.toThrow(/ECONNREFUSED/);
      } finally {
        agent.destroy();
        await slow.close();
      }
    });
  });
}
