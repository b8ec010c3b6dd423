import type { HealthCheckSpec } from '@ecs-twin/manifest';
import { FakeClock } from '../clock/index.js';
import { runHealthChecks, type AwaitListening } from './health-checker.js';
import type { HealthProbeRequest } from './health-probe.js';
import { applyHealthCheck, registeredHealth, type HealthCheckOutcome, type TargetHealth } from './health-state.js';
import { parseMatcher } from './matcher.js';

const CHECK: HealthCheckSpec = {
  path: '/health',
  port: 'traffic-port',
  intervalSeconds: 30,
  timeoutSeconds: 5,
  healthyThresholdCount: 5,
  unhealthyThresholdCount: 2,
  matcher: '200',
};

/** A probe whose answers the test scripts: a status, an error, or 'hang' (never answers until aborted). */
function scriptedProbe(answers: (number | Error | 'hang')[]) {
  const requests: HealthProbeRequest[] = [];
  let aborted = 0;
  const probe = (request: HealthProbeRequest) => {
    requests.push(request);
    const answer = answers.shift() ?? 200;
    if (answer === 'hang') {
      return new Promise<number>((_, reject) =>
        request.signal.addEventListener('abort', () => {
          aborted += 1;
          reject(new Error('aborted'));
        }),
      );
    }
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  };
  return { probe, requests, aborted: () => aborted };
}

function startLoop(answers: (number | Error | 'hang')[], check: HealthCheckSpec = CHECK, awaitListening?: AwaitListening) {
  const clock = new FakeClock(1_000_000);
  const { probe, requests, aborted } = scriptedProbe(answers);
  const stop = new AbortController();
  const outcomes: HealthCheckOutcome[] = [];
  let health: TargetHealth = registeredHealth();
  const done = runHealthChecks(
    { host: '127.0.0.1', port: 41234 },
    {
      clock,
      probe,
      healthCheck: check,
      matcher: parseMatcher(check.matcher),
      signal: stop.signal,
      ...(awaitListening ? { awaitListening } : {}),
      onOutcome: (outcome) => {
        outcomes.push(outcome);
        health = applyHealthCheck(health, outcome, check);
      },
    },
  );
  return { clock, requests, outcomes, health: () => health, stop: () => stop.abort(), done, aborted };
}

describe('health-check loop (fake time)', () => {
  it('checks the path on the target port once per interval, the first one an interval after registration', async () => {
    const loop = startLoop([200, 200, 200]);
    await loop.clock.advance(29_999);
    expect(loop.requests).toHaveLength(0);
    await loop.clock.advance(1);
    expect(loop.requests).toHaveLength(1);
    expect(loop.requests[0]).toMatchObject({ host: '127.0.0.1', port: 41234, path: '/health' });
    await loop.clock.advance(60_000);
    expect(loop.requests).toHaveLength(3);
    loop.stop();
    await loop.done;
  });

  it('turns a new target healthy after the first passing check', async () => {
    const loop = startLoop([200]);
    await loop.clock.advance(30_000);
    expect(loop.health().state).toBe('healthy');
    loop.stop();
    await loop.done;
  });

  it('marks a silent target unhealthy with Target.Timeout after 2 timed-out checks, and aborts the probes', async () => {
    const loop = startLoop([200, 'hang', 'hang']);
    await loop.clock.advance(30_000);
    expect(loop.health().state).toBe('healthy');
    await loop.clock.advance(30_000 + 4_999);
    expect(loop.outcomes).toHaveLength(1); // the hanging check has not timed out yet
    await loop.clock.advance(1);
    expect(loop.outcomes[1]).toEqual({ kind: 'timeout' });
    expect(loop.health().state).toBe('healthy');
    await loop.clock.advance(30_000);
    expect(loop.health()).toMatchObject({ state: 'unhealthy', reason: 'Target.Timeout' });
    expect(loop.aborted()).toBe(2);
    loop.stop();
    await loop.done;
  });

  it('classifies codes with the matcher and errors as failed checks', async () => {
    const loop = startLoop([302, new Error('connect ECONNREFUSED 127.0.0.1:41234'), 204], { ...CHECK, matcher: '200-299' });
    await loop.clock.advance(90_000);
    expect(loop.outcomes).toEqual([
      { kind: 'mismatch', statusCode: 302 },
      { kind: 'error', message: 'connect ECONNREFUSED 127.0.0.1:41234' },
      { kind: 'pass', statusCode: 204 },
    ]);
    loop.stop();
    await loop.done;
  });

  it('takes 60 s to notice and 150 s to recover with AWS defaults', async () => {
    const loop = startLoop([200, 500, 500, 200, 200, 200, 200, 200]);
    await loop.clock.advance(30_000);
    expect(loop.health().state).toBe('healthy');
    await loop.clock.advance(60_000);
    expect(loop.health()).toMatchObject({ state: 'unhealthy', reason: 'Target.ResponseCodeMismatch' });
    await loop.clock.advance(120_000);
    expect(loop.health().state).toBe('unhealthy');
    await loop.clock.advance(30_000);
    expect(loop.health().state).toBe('healthy');
    loop.stop();
    await loop.done;
  });

  it('stops checking when its signal aborts', async () => {
    const loop = startLoop([200]);
    await loop.clock.advance(30_000);
    loop.stop();
    await loop.done;
    await loop.clock.advance(300_000);
    expect(loop.requests).toHaveLength(1);
  });

  describe('waiting for a booting target to listen (local profile)', () => {
    const refused = () => new Error('connect ECONNREFUSED');
    const LOCAL: HealthCheckSpec = { ...CHECK, intervalSeconds: 2, timeoutSeconds: 2, healthyThresholdCount: 2 };

    it('does not count connection errors while the app boots; the first answer is the first check and makes it healthy', async () => {
      const loop = startLoop([refused(), refused(), refused(), 200, 200], LOCAL, { pollMs: 100, maxWaitMs: 60_000 });
      await loop.clock.advance(0);
      expect(loop.requests).toHaveLength(1); // polled at once on registration
      await loop.clock.advance(300);
      expect(loop.requests).toHaveLength(4);
      expect(loop.outcomes).toEqual([{ kind: 'pass', statusCode: 200 }]);
      expect(loop.health().state).toBe('healthy');
      // Then one check per interval, counted from the first answered one.
      await loop.clock.advance(1_999);
      expect(loop.requests).toHaveLength(4);
      await loop.clock.advance(1);
      expect(loop.requests).toHaveLength(5);
      loop.stop();
      await loop.done;
    });

    it('a target that never listens is checked as usual once the wait is over (unhealthy after the threshold)', async () => {
      const loop = startLoop(Array.from({ length: 1000 }, refused), LOCAL, { pollMs: 100, maxWaitMs: 1_000 });
      await loop.clock.advance(999);
      expect(loop.outcomes).toHaveLength(0);
      expect(loop.health().state).toBe('initial');
      await loop.clock.advance(1);
      expect(loop.outcomes).toHaveLength(1);
      await loop.clock.advance(2_000);
      expect(loop.outcomes).toHaveLength(2);
      expect(loop.health()).toMatchObject({ state: 'unhealthy', reason: 'Target.FailedHealthChecks' });
      loop.stop();
      await loop.done;
    });

    it('an answer that fails the matcher counts at once (the app listens, it is just not well)', async () => {
      const loop = startLoop([refused(), 503], LOCAL, { pollMs: 100, maxWaitMs: 60_000 });
      await loop.clock.advance(0);
      await loop.clock.advance(100);
      expect(loop.outcomes).toEqual([{ kind: 'mismatch', statusCode: 503 }]);
      loop.stop();
      await loop.done;
    });
  });
});
