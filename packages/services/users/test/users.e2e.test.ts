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
// The real products service, started in-process on its own port: the
// cross-service call is exercised end to end, not against a stub.
import { AppModule as ProductsModule } from '../../products/src/app.module.js';

const config = testConfig;

const startUsers = (cfg: ServiceConfig) => startApp(AppModule.forRoot(cfg), 'users');

describe('users service (HTTP)', () => {
  let products: RunningApp;
  let users: RunningApp;

  beforeAll(async () => {
    products = await startApp(
      ProductsModule.forRoot({ port: 3000, apiVersion: 'v0.0.2', upstreamBaseUrl: '', upstreamTimeoutMs: 5000 }),
      'products',
    );
    users = await startUsers(config(products.url));
  });
  afterAll(async () => {
    await users?.app.close();
    await products?.app.close();
  });

  it('GET / answers the version text', async () => {
    const res = await request(users.url).get('/').expect(200);
    expect(res.text).toBe('service users version v0.0.2');
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it('GET /users answers the two users as JSON, byte for byte as the Go encoder', async () => {
    const res = await request(users.url).get('/users').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.text).toBe(USERS_BODY);
  });

  it('GET /health answers ok with the version', async () => {
    const res = await request(users.url).get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', version: 'v0.0.2' });
  });

  it('GET /service-products relays the real products service body unchanged', async () => {
    const res = await request(users.url).get('/service-products').expect(200);
    expect(res.text).toBe(PRODUCTS_BODY);
  });

  it('GET /stress-test runs the primes loop and answers the tutorial text', async () => {
    const res = await request(users.url).get('/stress-test').expect(200);
    expect(res.text).toBe('Stress test completed');
    const summary = users.logs.map((l) => JSON.parse(l)).find((l) => l.msg === 'stress test completed');
    expect(summary).toMatchObject({ level: 'log', service: 'users', limit: 1_000_000, primes: 78_498 });
  });

  it('GET /health answers while /stress-test requests are computing', async () => {
    const order: string[] = [];
    const stress = [1, 2, 3].map(() =>
      request(users.url)
        .get('/stress-test')
        .expect(200)
        .then(() => order.push('stress')),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    const health = request(users.url)
      .get('/health')
      .expect(200)
      .then(() => order.push('health'));
    await Promise.all([...stress, health]);
    // Three prime loops take hundreds of ms; a health check stuck behind them
    // is what made the load balancer replace busy tasks instead of scaling out.
    expect(order[0]).toBe('health');
  });

  it('logs one JSON request line with method, path, status and ms', async () => {
    await request(users.url).get('/users?x=1').expect(200);
    const lines = users.logs.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request' && l.path === '/users');
    expect(lines.at(-1)).toMatchObject({ method: 'GET', path: '/users', status: 200, context: 'http' });
    expect(typeof lines.at(-1).ms).toBe('number');
  });
});

const contract = {
  service: 'users',
  upstream: 'products',
  route: '/service-products',
  upstreamPath: '/products',
  upstreamBody: PRODUCTS_BODY,
  start: (upstreamBaseUrl: string, upstreamTimeoutMs?: number) => startUsers(config(upstreamBaseUrl, upstreamTimeoutMs)),
};
describeUpstreamFailures(contract);
describeGracefulShutdown(contract);
