import { classifyUpstreamError, EndpointPool, ejectionDurationMs, shouldRetry } from './routing.mjs';

const endpoints = [
  { id: 'a', address: '10.0.0.1', port: 3000 },
  { id: 'b', address: '10.0.0.2', port: 3000 },
  { id: 'c', address: '10.0.0.3', port: 3000 },
];

function pickIds(pool: EndpointPool, count: number, now = 0): string[] {
  return Array.from({ length: count }, () => pool.pick(now)?.id ?? 'none');
}

function fail(pool: EndpointPool, id: string, times: number, now: number): boolean {
  const entry = pool.pick(now, new Set(pool.endpoints().filter((e) => e.id !== id).map((e) => `${e.id}@${e.address}:${e.port}`)));
  if (entry?.id !== id) throw new Error(`expected to pick ${id}, got ${entry?.id}`);
  let ejected = false;
  for (let i = 0; i < times; i++) ejected = pool.recordFailure(entry, now + i);
  return ejected;
}

describe('EndpointPool round robin', () => {
  it('spreads requests one by one over every endpoint', () => {
    const pool = new EndpointPool();
    pool.setEndpoints(endpoints);
    expect(pickIds(pool, 6)).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });

  it('returns nothing when there are no endpoints', () => {
    const pool = new EndpointPool();
    expect(pool.pick(0)).toBeUndefined();
  });

  it('keeps counters of endpoints that stay when the set changes, and drops removed ones', () => {
    const pool = new EndpointPool();
    pool.setEndpoints(endpoints);
    pickIds(pool, 3);
    pool.setEndpoints([endpoints[1]!, { id: 'd', address: '10.0.0.4', port: 3000 }]);
    const stats = pool.snapshot(0);
    expect(stats.map((s) => [s.id, s.requests])).toEqual([
      ['b', 1],
      ['d', 0],
    ]);
    expect(new Set(pickIds(pool, 4))).toEqual(new Set(['b', 'd']));
  });

  it('ignores a duplicate endpoint', () => {
    const pool = new EndpointPool();
    pool.setEndpoints([endpoints[0]!, endpoints[0]!]);
    expect(pool.endpoints()).toHaveLength(1);
  });
});

describe('retry target', () => {
  it('goes to an endpoint this request has not tried', () => {
    const pool = new EndpointPool();
    pool.setEndpoints(endpoints);
    const first = pool.pick(0)!;
    const tried = new Set([first.key]);
    const second = pool.pick(0, tried)!;
    tried.add(second.key);
    const third = pool.pick(0, tried)!;
    expect(new Set([first.id, second.id, third.id])).toEqual(new Set(['a', 'b', 'c']));
  });

  it('reuses a tried endpoint only when no other is left', () => {
    const pool = new EndpointPool();
    pool.setEndpoints([endpoints[0]!]);
    const first = pool.pick(0)!;
    expect(pool.pick(0, new Set([first.key]))?.id).toBe('a');
  });

  it('retries connection failures and resets twice, never timeouts, started responses or streamed bodies', () => {
    const base = { attempt: 0, retries: 2, headersSent: false, replayable: true } as const;
    expect(shouldRetry({ ...base, failure: 'connect-failure' })).toBe(true);
    expect(shouldRetry({ ...base, failure: 'reset', attempt: 1 })).toBe(true);
    expect(shouldRetry({ ...base, failure: 'reset', attempt: 2 })).toBe(false);
    expect(shouldRetry({ ...base, failure: 'timeout' })).toBe(false);
    expect(shouldRetry({ ...base, failure: 'reset', headersSent: true })).toBe(false);
    expect(shouldRetry({ ...base, failure: 'connect-failure', replayable: false })).toBe(false);
  });

  it('classifies socket errors', () => {
    expect(classifyUpstreamError('ECONNREFUSED')).toBe('connect-failure');
    expect(classifyUpstreamError('EHOSTUNREACH')).toBe('connect-failure');
    expect(classifyUpstreamError('ECONNECTTIMEOUT')).toBe('connect-failure');
    expect(classifyUpstreamError('ECONNRESET')).toBe('reset');
    expect(classifyUpstreamError('EWHATEVER')).toBe('other');
    expect(classifyUpstreamError(undefined)).toBe('other');
  });
});

describe('outlier detection (fake time)', () => {
  it('ejects after 5 failures within 30 s, for 30 s, then takes the endpoint back', () => {
    const pool = new EndpointPool();
    pool.setEndpoints(endpoints);
    expect(fail(pool, 'b', 4, 1_000)).toBe(false);
    expect(fail(pool, 'b', 1, 2_000)).toBe(true);
    expect(new Set(pickIds(pool, 6, 2_000))).toEqual(new Set(['a', 'c']));
    expect(pool.snapshot(2_000).find((s) => s.id === 'b')).toMatchObject({ ejected: true, failures: 5, ejections: 1 });
    expect(pickIds(pool, 6, 2_000 + 29_999)).not.toContain('b');
    expect(pickIds(pool, 6, 2_000 + 30_000)).toContain('b');
  });

  it('does not eject for failures spread wider than the 30 s window', () => {
    const pool = new EndpointPool();
    pool.setEndpoints(endpoints);
    // Five failures, but never five inside one 30 s window.
    for (const at of [0, 10_000, 20_000, 30_001, 40_000, 45_000]) expect(fail(pool, 'a', 1, at)).toBe(false);
    // 20_000, 30_001, 40_000, 45_000 and this one fall within (19_000, 49_000].
    expect(fail(pool, 'a', 1, 49_000)).toBe(true);
  });

  it('lengthens a repeat ejection (Envoy: base x times ejected), capped at 300 s', () => {
    const pool = new EndpointPool();
    pool.setEndpoints(endpoints);
    fail(pool, 'c', 5, 0); // ejected until ~30 s
    const back = 30_004;
    fail(pool, 'c', 5, back); // second ejection right away: 60 s
    const entry = pool.snapshot(back + 4).find((s) => s.id === 'c')!;
    expect(Date.parse(entry.ejectedUntil!)).toBe(back + 4 + 60_000);
    expect(ejectionDurationMs(3)).toBe(90_000);
    expect(ejectionDurationMs(11)).toBe(300_000);
  });

  it('lets the ejection multiplier decay while the endpoint stays healthy', () => {
    const pool = new EndpointPool();
    pool.setEndpoints(endpoints);
    fail(pool, 'a', 5, 0); // x1, until ~30 s
    fail(pool, 'a', 5, 30_010); // x2, until ~90 s
    const later = 90_020 + 10 * 30_000; // long healthy: multiplier back to 0
    fail(pool, 'a', 5, later);
    const entry = pool.snapshot(later + 4).find((s) => s.id === 'a')!;
    expect(Date.parse(entry.ejectedUntil!)).toBe(later + 4 + 30_000);
  });

  it('routes to every endpoint when all are ejected (panic routing)', () => {
    const pool = new EndpointPool({ failures: 1 });
    pool.setEndpoints(endpoints.slice(0, 2));
    fail(pool, 'a', 1, 0);
    fail(pool, 'b', 1, 0);
    expect(new Set(pickIds(pool, 4, 1))).toEqual(new Set(['a', 'b']));
  });

  it('takes its numbers from the constructor (overridable for tests)', () => {
    const pool = new EndpointPool({ failures: 2, windowMs: 1_000, baseEjectionMs: 500 });
    pool.setEndpoints(endpoints);
    expect(fail(pool, 'a', 2, 0)).toBe(true);
    expect(pickIds(pool, 3, 499)).not.toContain('a');
    expect(pickIds(pool, 3, 501)).toContain('a');
  });
});
