import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runStress } from './run-stress.js';

// The fallback load client against an in-process server on 127.0.0.1.
describe('runStress with autocannon', () => {
  let server: Server;
  let url: string;
  let hits = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      hits++;
      res.statusCode = req.url === '/stress-test' ? 200 : 404;
      res.end('Stress test completed');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('holds the requested rate and reports like vegeta', async () => {
    const ticks: number[] = [];
    const report = await runStress({ url, rate: 20, durationSeconds: 2, tool: 'autocannon', onTick: (f) => ticks.push(f.completed) });
    expect(report.tool).toBe('autocannon');
    expect(report.target).toBe(`${url}/stress-test`);
    // 20/s for 2 s. autocannon only notices its stop on its next one-second
    // tick, and on a busy host its timers run late, so the run lasts 2 s or
    // more: the rate must hold over however long it really ran (each of its
    // connections may start one more second's request before it stops).
    expect(report.requests).toBeGreaterThanOrEqual(36);
    expect(report.requests).toBeLessThanOrEqual(20 * (Math.ceil(report.durationSeconds.total) + 1));
    expect(report.durationSeconds.total).toBeGreaterThanOrEqual(2);
    expect(report.success).toBe(1);
    expect(report.statusCodes).toEqual({ '200': report.requests });
    // Requests still in flight when autocannon stops reach the server but are not counted.
    expect(hits).toBeGreaterThanOrEqual(report.requests);
    expect(report.latencyMs.p99).toBeGreaterThanOrEqual(report.latencyMs.p50);
    expect(ticks.length).toBeGreaterThanOrEqual(1);
  });
});
