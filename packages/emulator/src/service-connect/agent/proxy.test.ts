// The agent's proxy and admin handlers, in process, against real sockets on
// 127.0.0.1 (no Docker): retries, Envoy's own answers, timeouts, admin auth.
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdminHandler } from './admin.mjs';
import { readAgentConfig } from './config.mjs';
import { createProxyHandler } from './proxy.mjs';
import { EndpointPool } from './routing.mjs';

const servers: Server[] = [];
const upstreamAgent = new http.Agent({ keepAlive: true, timeout: 4000 });

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});
afterAll(() => upstreamAgent.destroy());

async function listen(handler: http.RequestListener): Promise<number> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  return (server.address() as AddressInfo).port;
}

async function backend(id: string): Promise<{ id: string; address: string; port: number }> {
  const port = await listen((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => res.end(JSON.stringify({ id, body })));
  });
  return { id, address: '127.0.0.1', port };
}

async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function agent(env: Record<string, string> = {}) {
  const config = readAgentConfig({ ECS_TWIN_ADMIN_TOKEN: 'secret', SC_STATE_FILE: '/nonexistent/state.json', ...env });
  const pool = new EndpointPool(config.outlier);
  const proxyPort = await listen(createProxyHandler({ pool, config, agent: upstreamAgent }));
  const adminPort = await listen(createAdminHandler({ pool, config }));
  return { pool, url: `http://127.0.0.1:${proxyPort}`, admin: `http://127.0.0.1:${adminPort}` };
}

async function call(url: string, init?: RequestInit): Promise<{ status: number; text: string; server: string | null }> {
  const response = await fetch(url, init);
  return { status: response.status, text: await response.text(), server: response.headers.get('server') };
}

describe('Service Connect agent proxy', () => {
  it('spreads requests one by one over all endpoints', async () => {
    const { pool, url } = await agent();
    pool.setEndpoints([await backend('a'), await backend('b'), await backend('c')]);
    const ids: string[] = [];
    for (let i = 0; i < 9; i++) ids.push(JSON.parse((await call(url)).text).id);
    expect(ids.filter((id) => id === 'a')).toHaveLength(3);
    expect(ids.filter((id) => id === 'b')).toHaveLength(3);
    expect(ids.filter((id) => id === 'c')).toHaveLength(3);
  });

  it('retries a refused connection on another endpoint, resends the body, and ejects the dead one', async () => {
    const { pool, url } = await agent();
    pool.setEndpoints([{ id: 'dead', address: '127.0.0.1', port: await closedPort() }, await backend('live')]);
    const results = [];
    for (let i = 0; i < 20; i++) results.push(await call(url, { method: 'POST', body: `n=${i}` }));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.map((r) => JSON.parse(r.text).body)).toEqual(results.map((_, i) => `n=${i}`));
    const dead = pool.snapshot(Date.now()).find((s) => s.id === 'dead')!;
    expect(dead.failures).toBe(5);
    expect(dead.ejected).toBe(true);
  });

  it('retries a connection reset before the response', async () => {
    const { pool, url } = await agent();
    const resetPort = await listen((req) => req.socket.destroy());
    pool.setEndpoints([{ id: 'reset', address: '127.0.0.1', port: resetPort }, await backend('ok')]);
    for (let i = 0; i < 4; i++) expect(JSON.parse((await call(url)).text).id).toBe('ok');
  });

  it("answers 503 with Envoy's text after two retries when every endpoint fails", async () => {
    const { pool, url } = await agent();
    let attempts = 0;
    const resetPort = await listen((req) => {
      attempts += 1;
      req.socket.destroy();
    });
    pool.setEndpoints([{ id: 'reset', address: '127.0.0.1', port: resetPort }]);
    const result = await call(url);
    expect(result).toMatchObject({ status: 503, server: 'envoy' });
    expect(result.text).toMatch(/^upstream connect error or disconnect\/reset before headers/);
    expect(attempts).toBe(3);
  });

  it('answers 503 "no healthy upstream" with no endpoints', async () => {
    const { url } = await agent();
    expect(await call(url)).toMatchObject({ status: 503, text: 'no healthy upstream' });
  });

  it('answers 504 when the per-request timeout passes, without retrying', async () => {
    const { pool, url } = await agent({ SC_PER_REQUEST_TIMEOUT_SECONDS: '0.3' });
    let attempts = 0;
    const hangPort = await listen(() => {
      attempts += 1;
    });
    pool.setEndpoints([{ id: 'hang', address: '127.0.0.1', port: hangPort }, await backend('never')]);
    const started = Date.now();
    expect(await call(url)).toMatchObject({ status: 504, text: 'upstream request timeout' });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(attempts).toBe(1);
  });

  it('passes the status of an application error through unchanged (5xx responses are not retried)', async () => {
    const { pool, url } = await agent();
    let attempts = 0;
    const port = await listen((_req, res) => {
      attempts += 1;
      res.writeHead(500).end('boom');
    });
    pool.setEndpoints([{ id: 'err', address: '127.0.0.1', port }]);
    expect(await call(url)).toMatchObject({ status: 500, text: 'boom', server: 'envoy' });
    expect(attempts).toBe(1);
  });
});

describe('Service Connect agent admin API', () => {
  it('needs the token to read or replace endpoints, and validates the list', async () => {
    const { admin, url } = await agent();
    const live = await backend('x');
    expect((await fetch(`${admin}/healthz`)).status).toBe(200);
    expect((await fetch(`${admin}/endpoints`)).status).toBe(401);
    const auth = { authorization: 'Bearer secret', 'content-type': 'application/json' };
    const bad = await fetch(`${admin}/endpoints`, { method: 'PUT', headers: auth, body: '[{"id":1}]' });
    expect(bad.status).toBe(400);
    const empty = await fetch(`${admin}/endpoints`, { method: 'PUT', headers: auth, body: '[{"id":"t","address":"","port":3000}]' });
    expect(empty.status).toBe(400);
    const put = await fetch(`${admin}/endpoints`, { method: 'PUT', headers: auth, body: JSON.stringify([live]) });
    expect(put.status).toBe(200);
    expect(JSON.parse((await call(url)).text).id).toBe('x');
    const stats = (await (await fetch(`${admin}/endpoints`, { headers: auth })).json()) as Array<Record<string, unknown>>;
    expect(stats).toEqual([expect.objectContaining({ id: 'x', requests: 1, successes: 1, failures: 0, ejectedUntil: null })]);
  });
});
