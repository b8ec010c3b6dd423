import http from 'node:http';
import type { ServiceConfig } from '@ecs-twin/service-kit';
import { keepAliveGet, type RunningApp, startApp, startPeer, unusedUrl } from '@ecs-twin/service-kit/testing';
import request from 'supertest';
import { AppModule } from '../src/app.module.js';
// The real users service, started in-process on its own port: the
// cross-service call is exercised end to end, not against a stub.
import { AppModule as UsersModule } from '../../users/src/app.module.js';

const USERS_BODY =
  '[{"id":1,"name":"John Doe","email":"jhon@gmail.com"},{"id":2,"name":"Jane Doe","email":"jane@gmail.com"}]\n';
const PRODUCTS_BODY =
  '[{"id":1,"name":"Laptop","price":1000},{"id":2,"name":"Mouse","price":20},{"id":3,"name":"Keyboard","price":50}]\n';

function config(upstreamBaseUrl: string, upstreamTimeoutMs = 5000): ServiceConfig {
  return { port: 3000, apiVersion: 'v0.0.2', upstreamBaseUrl, upstreamTimeoutMs };
}

const startProducts = (cfg: ServiceConfig) => startApp(AppModule.forRoot(cfg), 'products');

describe('products service (HTTP)', () => {
  let users: RunningApp;
  let products: RunningApp;

  beforeAll(async () => {
    users = await startApp(
      UsersModule.forRoot({ port: 3000, apiVersion: 'v0.0.2', upstreamBaseUrl: '', upstreamTimeoutMs: 5000 }),
      'users',
    );
    products = await startProducts(config(users.url));
  });
  afterAll(async () => {
    await products?.app.close();
    await users?.app.close();
  });

  it('GET / answers the version text', async () => {
    const res = await request(products.url).get('/').expect(200);
    expect(res.text).toBe('service products API version v0.0.2');
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it('GET /products answers the three products as JSON, byte for byte as the Go encoder', async () => {
    const res = await request(products.url).get('/products').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.text).toBe(PRODUCTS_BODY);
  });

  it('GET /health answers ok with the version', async () => {
    const res = await request(products.url).get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', version: 'v0.0.2' });
  });

  it('GET /service-users relays the real users service body unchanged', async () => {
    const res = await request(products.url).get('/service-users').expect(200);
    expect(res.text).toBe(USERS_BODY);
  });

  it('has no /stress-test (only users has it)', async () => {
    await request(products.url).get('/stress-test').expect(404);
  });

  it('logs one JSON request line with method, path, status and ms', async () => {
    await request(products.url).get('/products').expect(200);
    const lines = products.logs.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request' && l.path === '/products');
    expect(lines.at(-1)).toMatchObject({ method: 'GET', status: 200, service: 'products', context: 'http' });
    expect(typeof lines.at(-1).ms).toBe('number');
  });
});

describe('products service: upstream failures', () => {
  it('unreachable users -> 500 with the error text', async () => {
    const target = await unusedUrl();
    const products = await startProducts(config(target));
    try {
      const res = await request(products.url).get('/service-users').expect(500);
      expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(res.text).toBe(`Get "${target}/users": connect ECONNREFUSED ${target.slice('http://'.length)}\n`);
    } finally {
      await products.app.close();
    }
  });

  it('a users service that never answers -> 500 after UPSTREAM_TIMEOUT_MS', async () => {
    const silent = await startPeer(() => undefined);
    const products = await startProducts(config(silent.url, 200));
    try {
      const started = Date.now();
      const res = await request(products.url).get('/service-users').expect(500);
      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(res.text).toBe(`Get "${silent.url}/users": timeout after 200 ms (UPSTREAM_TIMEOUT_MS)\n`);
    } finally {
      await products.app.close();
      await silent.close();
    }
  });
});

describe('products service: graceful shutdown', () => {
  it('app.close() lets an in-flight request finish, then refuses new ones, without waiting for keep-alive', async () => {
    const slow = await startPeer((_req, res) => setTimeout(() => res.end(USERS_BODY), 600));
    const products = await startProducts(config(slow.url));
    const agent = new http.Agent({ keepAlive: true });
    try {
      const inFlight = keepAliveGet(`${products.url}/service-users`, agent);
      await new Promise((r) => setTimeout(r, 150));
      const started = Date.now();
      const closed = products.app.close();
      const res = await inFlight;
      expect(res).toEqual({ status: 200, body: USERS_BODY, connection: 'close' });
      await closed;
      expect(Date.now() - started).toBeLessThan(2000);
      await expect(keepAliveGet(`${products.url}/`, agent)).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      agent.destroy();
      await slow.close();
    }
  });
});
