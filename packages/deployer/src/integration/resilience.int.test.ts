// Against a real moto server: a failed apply is continued by the next one, the
// wait is bounded and reports that moto runs no task, an existing untagged ALB
// is adopted and survives destroy, AWS_ENDPOINT_URL is honoured, and the CLI
// works end to end in-process.
import { CreateLoadBalancerCommand, DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import type { Stack } from '@ecs-twin/manifest';
import { AwsClients, awsPorts } from '../aws/index.js';
import { main } from '../cli/main.js';
import type { AwsPorts } from '../ports/index.js';
import { leftovers } from './leftovers.js';
import { REGION, startHarness, type Harness } from './moto-harness.js';

let h: Harness;
let stack: Stack;
beforeAll(async () => {
  h = await startHarness();
  stack = await h.stack();
}, 60_000);
afterAll(async () => h?.close());
beforeEach(async () => {
  await h.moto.reset();
  h.events.length = 0;
});

const changed = (steps: readonly { action: string; kind: string }[]) => steps.filter((s) => s.action !== 'noop');

it('continues an apply that failed halfway', async () => {
  let failures = 0;
  const real = h.options.ports;
  const flaky: AwsPorts = {
    ...real,
    loadBalancing: Object.assign(Object.create(real.loadBalancing) as AwsPorts['loadBalancing'], {
      createTargetGroup: async () => { failures += 1; throw new Error('simulated outage'); },
    }),
  };
  await expect(h.apply(stack, { ports: flaky })).rejects.toThrow('simulated outage');
  expect(failures).toBe(1);
  expect(h.events.some((e) => e.type === 'step-failed' && e.step.kind === 'target-group')).toBe(true);

  const { prepared } = await h.apply(stack);
  const kinds = new Set(changed(prepared.steps).map((s) => s.kind));
  expect(kinds.has('role')).toBe(false);
  expect(kinds.has('security-group')).toBe(false);
  expect(kinds.has('load-balancer')).toBe(false);
  expect(kinds.has('target-group')).toBe(true);
  expect(changed(prepared.steps).every((s) => s.action === 'create')).toBe(true);
  expect(changed((await h.apply(stack)).prepared.steps)).toEqual([]);
}, 120_000);

it('bounds the wait and reports that the endpoint runs no task', async () => {
  const started = Date.now();
  const { result } = await h.apply(stack, { wait: { maxWaitSeconds: 60, minDelaySeconds: 1, maxDelaySeconds: 2, noTaskGraceSeconds: 3 } });
  expect(result.wait?.state).toBe('no-tasks');
  expect(Date.now() - started).toBeLessThan(40_000);
  expect(h.events.filter((e) => e.type === 'wait-progress').length).toBeGreaterThanOrEqual(2);
  expect(h.events.some((e) => e.type === 'warning' && /does not seem to run tasks/.test(e.message))).toBe(true);
}, 120_000);

it('adopts an existing untagged load balancer and leaves it on destroy', async () => {
  const subnets = (await h.clients.ec2.send(new DescribeSubnetsCommand({}))).Subnets!.map((s) => s.SubnetId!).slice(0, 2);
  await h.clients.elbv2.send(new CreateLoadBalancerCommand({ Name: 'ecs-tutorial-alb', Subnets: subnets, Type: 'application' }));
  const { prepared } = await h.apply(stack);
  expect(prepared.steps.find((s) => s.kind === 'load-balancer')).toMatchObject({ action: 'noop', note: expect.stringContaining('adopted') });
  expect(prepared.steps.filter((s) => s.kind === 'listener').map((s) => s.action)).toEqual(['create', 'create']);
  await h.destroy(stack);
  const lbs = (await h.clients.elbv2.send(new DescribeLoadBalancersCommand({ Names: ['ecs-tutorial-alb'] }))).LoadBalancers!;
  expect(lbs).toHaveLength(1);
  expect(await leftovers(h)).toEqual([]);
}, 120_000);

describe('with AWS_ENDPOINT_URL', () => {
  const saved = { ...process.env };
  beforeEach(() => Object.assign(process.env, { AWS_ENDPOINT_URL: h.moto.endpoint, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: REGION }));
  afterEach(() => {
    for (const k of ['AWS_ENDPOINT_URL', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION']) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  it('sends every client to that endpoint without any endpoint in code', async () => {
    const clients = new AwsClients({ region: REGION });
    const ports = awsPorts(clients);
    expect(await ports.identity.accountId()).toBe('123456789012');
    expect(await ports.network.findVpc('default')).toMatchObject({ vpcId: expect.stringMatching(/^vpc-/) });
    clients.destroy();
  });

  it('runs the CLI: plan --json, refuses without a terminal, apply --yes, destroy --yes', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t), interactive: false, ask: async () => 'n', env: process.env };
    expect(await main(['plan', '--json', '--skip-push'], io)).toBe(0);
    const plan = JSON.parse(out.pop()!);
    expect(plan.summary.create).toBe(24);
    expect(plan.apiCalls.mutating).toBe(0);

    expect(await main(['apply', '--skip-push'], io)).toBe(2);
    expect(err).toContain('error: refusing to apply without confirmation: stdin is not a terminal');

    expect(await main(['apply', '--yes', '--skip-push', '--no-wait', '--json'], io)).toBe(0);
    const applied = JSON.parse(out.pop()!);
    expect(applied.urls).toEqual([expect.stringMatching(/^http:\/\/ecs-tutorial-alb.*:8000$/), expect.stringMatching(/:8001$/)]);

    expect(await main(['apply', '--yes', '--skip-push', '--json'], io)).toBe(0);
    expect(JSON.parse(out.pop()!).apiCalls.mutating).toBe(0);

    expect(await main(['status', '--json'], io)).toBe(0);
    expect(JSON.parse(out.pop()!).services.map((s: { name: string; desired: number }) => [s.name, s.desired])).toEqual([['service-users-ecs', 1], ['service-products-ecs', 1]]);

    expect(await main(['destroy', '--yes', '--json'], io)).toBe(0);
    expect(JSON.parse(out.pop()!).summary.delete).toBe(24);
    expect(await leftovers(h)).toEqual([]);
  }, 120_000);
});
