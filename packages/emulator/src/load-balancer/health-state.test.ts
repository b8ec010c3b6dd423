import {
  applyHealthCheck,
  drainingHealth,
  healthCheckingStarted,
  registeredHealth,
  unusedHealth,
  type HealthCheckOutcome,
  type TargetHealth,
} from './health-state.js';

const PASS: HealthCheckOutcome = { kind: 'pass', statusCode: 200 };
const MISMATCH: HealthCheckOutcome = { kind: 'mismatch', statusCode: 500 };
const TIMEOUT: HealthCheckOutcome = { kind: 'timeout' };
const REFUSED: HealthCheckOutcome = { kind: 'error', message: 'connect ECONNREFUSED' };
// AWS defaults: healthy 5, unhealthy 2.
const AWS = { healthyThresholdCount: 5, unhealthyThresholdCount: 2 };

function run(outcomes: HealthCheckOutcome[], thresholds = AWS, start: TargetHealth = registeredHealth()): TargetHealth {
  return outcomes.reduce((health, outcome) => applyHealthCheck(health, outcome, thresholds), start);
}

describe('health state machine', () => {
  it('starts in initial with registration in progress', () => {
    expect(registeredHealth()).toMatchObject({ state: 'initial', reason: 'Elb.RegistrationInProgress' });
  });

  it('reports initial health checking once the first check starts', () => {
    expect(healthCheckingStarted(registeredHealth())).toMatchObject({
      state: 'initial',
      reason: 'Elb.InitialHealthChecking',
      description: 'Initial health checks in progress',
    });
  });

  it('makes a new target healthy after ONE passing check, whatever the healthy threshold', () => {
    const health = run([PASS], { healthyThresholdCount: 10, unhealthyThresholdCount: 2 });
    expect(health.state).toBe('healthy');
    expect(health.reason).toBeUndefined();
  });

  it('keeps a new target initial below the unhealthy threshold', () => {
    expect(run([MISMATCH], { healthyThresholdCount: 5, unhealthyThresholdCount: 3 })).toMatchObject({
      state: 'initial',
      reason: 'Elb.InitialHealthChecking',
      consecutiveFailures: 1,
    });
  });

  it('makes a new target unhealthy after unhealthyThresholdCount failures', () => {
    expect(run([MISMATCH, MISMATCH]).state).toBe('unhealthy');
  });

  it.each([
    [MISMATCH, 'Target.ResponseCodeMismatch', 'Health checks failed with these codes: [500]'],
    [TIMEOUT, 'Target.Timeout', 'Request timed out'],
    [REFUSED, 'Target.FailedHealthChecks', 'Health checks failed'],
  ])('healthy -> unhealthy after 2 failures of %j gives reason %s', (failure, reason, description) => {
    const healthy = run([PASS]);
    const once = applyHealthCheck(healthy, failure, AWS);
    expect(once.state).toBe('healthy');
    const twice = applyHealthCheck(once, failure, AWS);
    expect(twice).toMatchObject({ state: 'unhealthy', reason, description });
  });

  it('needs consecutive failures: a pass in between resets the count', () => {
    const health = run([PASS, MISMATCH, PASS, MISMATCH], { healthyThresholdCount: 5, unhealthyThresholdCount: 2 });
    expect(health.state).toBe('healthy');
    expect(health.consecutiveFailures).toBe(1);
  });

  it('honours a larger unhealthy threshold', () => {
    const thresholds = { healthyThresholdCount: 5, unhealthyThresholdCount: 4 };
    expect(run([PASS, TIMEOUT, TIMEOUT, TIMEOUT], thresholds).state).toBe('healthy');
    expect(run([PASS, TIMEOUT, TIMEOUT, TIMEOUT, TIMEOUT], thresholds).state).toBe('unhealthy');
  });

  it('recovers from unhealthy only after healthyThresholdCount consecutive passes', () => {
    const unhealthy = run([PASS, MISMATCH, MISMATCH]);
    const four = run([PASS, PASS, PASS, PASS], AWS, unhealthy);
    expect(four).toMatchObject({ state: 'unhealthy', reason: 'Target.ResponseCodeMismatch', consecutivePasses: 4 });
    expect(applyHealthCheck(four, PASS, AWS).state).toBe('healthy');
  });

  it('restarts recovery when a failure interrupts it, and updates the reason', () => {
    const unhealthy = run([MISMATCH, MISMATCH]);
    const interrupted = run([PASS, PASS, PASS, PASS, TIMEOUT], AWS, unhealthy);
    expect(interrupted).toMatchObject({ state: 'unhealthy', reason: 'Target.Timeout', consecutivePasses: 0 });
    expect(run([PASS, PASS, PASS, PASS], AWS, interrupted).state).toBe('unhealthy');
    expect(run([PASS, PASS, PASS, PASS, PASS], AWS, interrupted).state).toBe('healthy');
  });

  it('the local profile threshold (2) makes recovery two passes', () => {
    const local = { healthyThresholdCount: 2, unhealthyThresholdCount: 2 };
    const unhealthy = run([REFUSED, REFUSED], local);
    expect(run([PASS], local, unhealthy).state).toBe('unhealthy');
    expect(run([PASS, PASS], local, unhealthy).state).toBe('healthy');
  });

  it('draining ignores further checks', () => {
    const draining = drainingHealth(run([PASS]));
    expect(draining).toMatchObject({ state: 'draining', reason: 'Target.DeregistrationInProgress' });
    expect(run([MISMATCH, MISMATCH, PASS], AWS, draining)).toEqual(draining);
  });

  it('unused says the target is not registered', () => {
    expect(unusedHealth()).toMatchObject({ state: 'unused', reason: 'Target.NotRegistered' });
    expect(applyHealthCheck(unusedHealth(), PASS, AWS).state).toBe('unused');
  });
});
