// Deregistration with real sockets: the drain lets in-flight requests finish,
// sends no new ones, and cuts what is left at the deadline (fake clock) with 502.
import type { ServerResponse } from 'node:http';
import { INTERVAL_MS, TG, loadBalancerSpec, startAlb, type StartedAlb } from './testing/fixtures.js';
import { eventually, send, startTarget, type TestTarget } from './testing/target-servers.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A target that holds every request until the test releases it. */
async function holdingTarget(name: string): Promise<TestTarget & { held: ServerResponse[]; releaseAll(): void }> {
  const held: ServerResponse[] = [];
  const started = await startTarget(name, (_req, res) => {
    held.push(res);
  });
  cleanups.push(started.close);
  return { ...started, held, releaseAll: () => held.splice(0).forEach((res) => res.end(name)) };
}

async function answeringTarget(name: string): Promise<TestTarget> {
  const started = await startTarget(name);
  cleanups.push(started.close);
  return started;
}

async function healthy(lb: StartedAlb, targets: TestTarget[], names: string[]): Promise<void> {
  lb.alb.registerTargets(TG, targets.map((t, i) => ({ id: names[i]!, host: '127.0.0.1', port: t.port, serviceName: 'svc' })));
  await lb.clock.advance(INTERVAL_MS);
}

describe('draining (real sockets, fake clock)', () => {
  it('lets in-flight requests finish, sends no new ones, then removes the target', async () => {
    const lb = await startAlb();
    cleanups.push(lb.stop);
    const slow = await holdingTarget('slow');
    const other = await answeringTarget('other');
    await healthy(lb, [slow, other], ['slow', 'other']);

    const inFlight = send(lb.port); // round robin: goes to `slow`
    await eventually(() => slow.held.length === 1);
    let drained = false;
    const deregistered = lb.alb.deregisterTargets(TG, ['slow']).then(() => (drained = true));
    expect(lb.alb.describeTargetHealth(TG)[0]).toMatchObject({ id: 'slow', state: 'draining', reason: 'Target.DeregistrationInProgress' });

    for (let i = 0; i < 4; i++) expect((await send(lb.port)).body).toBe('other');
    expect(slow.requests).toHaveLength(1);
    expect(drained).toBe(false);

    slow.releaseAll();
    expect(await inFlight).toMatchObject({ status: 200, body: 'slow' });
    await deregistered;
    expect(lb.alb.describeTargetHealth(TG).map((t) => t.id)).toEqual(['other']);
    expect(lb.events.filter((e) => e.kind !== 'target-health').map((e) => e.message)).toEqual([
      `(service svc) registered 2 targets in (target-group ${TG})`,
      '(service svc) has begun draining connections on 1 tasks.',
      `(service svc) deregistered 1 targets in (target-group ${TG})`,
    ]);
  });

  it('resolves at once for a target with nothing in flight', async () => {
    const lb = await startAlb();
    cleanups.push(lb.stop);
    const idle = await answeringTarget('idle');
    await healthy(lb, [idle], ['idle']);
    await lb.alb.deregisterTargets(TG, ['idle']);
    expect(lb.alb.describeTargetHealth(TG)).toEqual([]);
    expect((await send(lb.port)).status).toBe(503);
  });

  it('answers 502 to requests still in flight when the deregistration delay passes', async () => {
    const lb = await startAlb(loadBalancerSpec({}, { deregistrationDelaySeconds: 20 }));
    cleanups.push(lb.stop);
    const stuck = await holdingTarget('stuck');
    await healthy(lb, [stuck], ['stuck']);

    const inFlight = send(lb.port);
    await eventually(() => stuck.held.length === 1);
    let drained = false;
    const deregistered = lb.alb.deregisterTargets(TG, ['stuck']).then(() => (drained = true));
    // The only target is draining: new requests find no registered target.
    expect((await send(lb.port)).status).toBe(503);
    await lb.clock.advance(19_999);
    expect(drained).toBe(false);
    await lb.clock.advance(1);
    expect((await inFlight).status).toBe(502);
    await deregistered;
    expect(lb.events.at(-1)).toMatchObject({ kind: 'target-deregistered', detail: { inFlightCut: 1 } });
  });

  it('a second deregistration of a draining target waits for the same drain', async () => {
    const lb = await startAlb();
    cleanups.push(lb.stop);
    const slow = await holdingTarget('slow');
    await healthy(lb, [slow], ['slow']);
    const inFlight = send(lb.port);
    await eventually(() => slow.held.length === 1);
    const first = lb.alb.deregisterTargets(TG, ['slow']);
    const second = lb.alb.deregisterTargets(TG, ['slow', 'unknown-id']);
    slow.releaseAll();
    await Promise.all([first, second, inFlight]);
    expect(lb.events.filter((e) => e.kind === 'target-draining')).toHaveLength(1);
    expect(lb.events.filter((e) => e.kind === 'target-deregistered')).toHaveLength(1);
  });

  it('least_outstanding_requests sends new requests to the less busy target', async () => {
    const lb = await startAlb(loadBalancerSpec({}, { loadBalancingAlgorithm: 'least_outstanding_requests' }));
    cleanups.push(lb.stop);
    const busy = await holdingTarget('busy');
    const free = await answeringTarget('free');
    await healthy(lb, [busy, free], ['busy', 'free']);
    const held = send(lb.port); // equal load: the first goes to `busy`
    await eventually(() => busy.held.length === 1);
    for (let i = 0; i < 3; i++) expect((await send(lb.port)).body).toBe('free');
    busy.releaseAll();
    expect((await held).body).toBe('busy');
  });
});
