import type { HealthCheckSpec } from '@ecs-twin/manifest';
import { FakeClock } from '../clock/index.js';
import type { Clock } from '../clock/index.js';
import { checkOnce, runHealthChecks, type AwaitListening } from './health-checker.js';
import type { HostCpuMeter } from './host-cpu.js';
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

describe('a timeout the host caused is not counted', () => {
  const hang = (request: HealthProbeRequest) => new Promise<number>((_, reject) => request.signal.addEventListener('abort', () => reject(new Error('aborted'))));
  /** A host whose cores are `share` busy between any two readings. */
  const hostAt = (share: number): HostCpuMeter => {
    let busy = 0;
    let total = 0;
    return () => ({ busy: (busy += share * 1000), total: (total += 1000) });
  };
  async function check(options: { hostCpu?: HostCpuMeter; clock?: Clock; fake: FakeClock; probe?: typeof hang }) {
    const result = checkOnce(
      { host: '127.0.0.1', port: 41234 },
      {
        clock: options.clock ?? options.fake,
        probe: options.probe ?? hang,
        healthCheck: CHECK,
        matcher: parseMatcher('200'),
        signal: new AbortController().signal,
        onOutcome: () => {},
        ...(options.hostCpu ? { hostCpu: options.hostCpu } : {}),
      },
    );
    await options.fake.advance(CHECK.timeoutSeconds * 1000);
    return result;
  }

  it('counts a timeout on a host with CPU to spare', async () => {
    expect(await check({ fake: new FakeClock(0), hostCpu: hostAt(0.5) })).toEqual({ kind: 'timeout' });
    expect(await check({ fake: new FakeClock(0) })).toEqual({ kind: 'timeout' });
  });

  it('does not count a timeout while the host CPUs were saturated', async () => {
    expect(await check({ fake: new FakeClock(0), hostCpu: hostAt(0.97) })).toEqual({ kind: 'not-counted', why: "the host's CPUs were 97 % busy" });
  });

  it('still counts a wrong answer on a saturated host (the app answered)', async () => {
    const fake = new FakeClock(0);
    expect(await check({ fake, hostCpu: hostAt(1), probe: () => Promise.resolve(500) })).toEqual({ kind: 'mismatch', statusCode: 500 });
  });

  it('does not count a timeout noticed late (the emulator itself was starved)', async () => {
    const fake = new FakeClock(0);
    let lag = 0;
    const late: Clock = { now: () => fake.now() + lag, sleep: (ms, signal) => fake.sleep(ms, signal) };
    const probe = (request: HealthProbeRequest) => {
      lag = 800; // time passes that the timer did not see
      return hang(request);
    };
    expect(await check({ fake, clock: late, probe })).toEqual({ kind: 'not-counted', why: 'the emulator was starved (timer 800 ms late)' });
  });

  it('leaves the target as it was: neither a pass nor a failure', () => {
    const check = { healthyThresholdCount: 5, unhealthyThresholdCount: 2 };
    const once = applyHealthCheck(registeredHealth(), { kind: 'timeout' }, check);
    expect(applyHealthCheck(once, { kind: 'not-counted', why: 'x' }, check)).toBe(once);
    expect(applyHealthCheck(applyHealthCheck(once, { kind: 'not-counted', why: 'x' }, check), { kind: 'timeout' }, check).state).toBe('unhealthy');
  });
});
