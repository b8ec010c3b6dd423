import type { ServiceConfig } from '@ecs-twin/service-kit';
import {
  describeGracefulShutdown,
  describeUpstreamFailures,
  PRODUCTS_BODY,
  type RunningApp,
  startApp,
  testConfig,
  USERS_BODY,
} from '@ecs-twin/service-kit/testing';
import request from 'supertest';
import { AppModule } from '../src/app.module.js';
// The real users service, started in-process on its own port: the
// cross-service call is exercised end to end, not against a stub.
import { AppModule as UsersModule } from '../../users/src/app.module.js';

const config = testConfig;

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

const contract = {
  service: 'products',
  upstream: 'users',
  route: '/service-users',
  upstreamPath: '/users',
  upstreamBody: USERS_BODY,
  start: (upstreamBaseUrl: string, upstreamTimeoutMs?: number) => startProducts(config(upstreamBaseUrl, upstreamTimeoutMs)),
};
describeUpstreamFailures(contract);
describeGracefulShutdown(contract);
