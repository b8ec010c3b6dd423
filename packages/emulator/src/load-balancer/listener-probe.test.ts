import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { probeListeners } from './listener-probe.js';
import { targetGroupSpec } from './testing/fixtures.js';

describe('probeListeners', () => {
  let server: Server;
  let url: string;
  const seen: string[] = [];

  beforeAll(async () => {
    // Answers 200 on /health only: the probe must ask on the target group's path.
    server = http.createServer((req, res) => {
      seen.push(req.url ?? '');
      res.statusCode = req.url === '/health' ? 200 : 503;
      res.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("asks each listener on its target group's health-check path, one result per listener in order", async () => {
    const groups = [targetGroupSpec({ name: 'tg-health' }), targetGroupSpec({ name: 'tg-root', healthCheck: { ...targetGroupSpec().healthCheck, path: '/' } })];
    const results = await probeListeners(
      [
        { url, targetGroupName: 'tg-health' },
        { url, targetGroupName: 'tg-root' },
        { url, targetGroupName: 'tg-unknown' },
      ],
      groups,
    );
    expect(results).toEqual([true, false, false]);
    expect(seen).toEqual(expect.arrayContaining(['/health', '/']));
  });

  it('counts a listener nobody answers on as not ready', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await probeListeners([{ url: `http://127.0.0.1:${port}`, targetGroupName: 'tg-users' }], [targetGroupSpec()])).toEqual([false]);
  });
});
