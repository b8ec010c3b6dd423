// The health-check loop of one target, driven by the injected Clock: one check
// every interval, each bounded by the timeout, outcomes handed to the caller
// (which folds them through the pure state machine in health-state.ts).
import createDebug from 'debug';
import type { HealthCheckSpec } from '@ecs-twin/manifest';
import { isAbortError, type Clock } from '../clock/index.js';
import type { HealthProbe } from './health-probe.js';
import { busyShare, type HostCpuMeter } from './host-cpu.js';
import type { HealthCheckOutcome } from './health-state.js';
import type { StatusMatcher } from './matcher.js';

const debug = createDebug('emulator:start');

export interface HealthCheckTarget {
  readonly host: string;
  /** The port checked: the traffic port, or the target's health-check port. */
  readonly port: number;
}

export interface HealthCheckLoopOptions {
  readonly clock: Clock;
  readonly probe: HealthProbe;
  /** The effective check (the timing profile already applied). */
  readonly healthCheck: HealthCheckSpec;
  readonly matcher: StatusMatcher;
  /** Stops the loop (deregistration or load balancer stop). */
  readonly signal: AbortSignal;
  /** Called when a check begins (the first one turns `initial` into initial health checking). */
  readonly onCheckStarted?: () => void;
  readonly onOutcome: (outcome: HealthCheckOutcome) => void;
  /**
   * Local profile: before the first counted check, poll every `pollMs` until the
   * target answers at all (a connection error is not counted), for at most
   * `maxWaitMs`; the first answer is the first check. Absent: the first check
   * comes one interval after registration.
   */
  readonly awaitListening?: AwaitListening;
  /**
   * The host's CPU times: a timeout while the host was saturated is not counted.
   * Absent: only the emulator's own late timers excuse a timeout.
   */
  readonly hostCpu?: HostCpuMeter;
}

/** A timeout is the host's doing, not the target's, when its cores were at least this busy over the check. */
export const SATURATED_HOST_SHARE = 0.9;
const CHECK_OVER = 'health check over';

/** A timeout noticed this much later than it was due means the emulator itself was starved. */
export const LATE_TIMER_MS = 500;

export interface AwaitListening {
  readonly pollMs: number;
  readonly maxWaitMs: number;
}

/**
 * Runs checks until `signal` aborts. Checks start one interval apart, counted
 * from the start of the previous check; the first one comes one interval after
 * registration, which matches the observed "first healthy within about one
 * interval" of real ALBs (aws-fidelity.md §7). With `awaitListening` (local
 * profile) the first check is the first answer of the booting target instead.
 */
export async function runHealthChecks(target: HealthCheckTarget, options: HealthCheckLoopOptions): Promise<void> {
  const { clock, healthCheck, signal } = options;
  const intervalMs = healthCheck.intervalSeconds * 1000;
  let nextCheckAt = clock.now() + intervalMs;
  try {
    if (options.awaitListening) {
      const first = await firstAnswer(target, options, options.awaitListening);
      debug('first answer of %s:%d', target.host, target.port);
      if (signal.aborted) return;
      nextCheckAt = first.startedAt + intervalMs;
      options.onCheckStarted?.();
      options.onOutcome(first.outcome);
    }
    for (;;) {
      await clock.sleep(Math.max(0, nextCheckAt - clock.now()), signal);
      nextCheckAt = clock.now() + intervalMs;
      options.onCheckStarted?.();
      const outcome = await checkOnce(target, options);
      if (signal.aborted) return;
      if (outcome.kind === 'not-counted') debug('check of %s:%d not counted: %s', target.host, target.port, outcome.why);
      options.onOutcome(outcome);
    }
  } catch (error) {
    if (isAbortError(error) || signal.aborted) return;
    throw error;
  }
}

/**
 * Polls until the target answers (any status, or a timeout: something listens),
 * or `maxWaitMs` passed; returns that check. While a task's app boots, Docker's
 * published port refuses or resets connections: those polls are not checks, so
 * a booting app is not checked into `unhealthy` (it would then need the healthy
 * threshold to recover).
 */
async function firstAnswer(
  target: HealthCheckTarget,
  options: HealthCheckLoopOptions,
  { pollMs, maxWaitMs }: AwaitListening,
): Promise<{ outcome: HealthCheckOutcome; startedAt: number }> {
  const { clock, signal } = options;
  const deadline = clock.now() + maxWaitMs;
  for (;;) {
    const startedAt = clock.now();
    const outcome = await checkOnce(target, options);
    const answered = outcome.kind !== 'error' && outcome.kind !== 'not-counted';
    if (answered || clock.now() >= deadline || signal.aborted) return { outcome, startedAt };
    await clock.sleep(Math.min(pollMs, Math.max(0, deadline - clock.now())), signal);
  }
}

/**
 * One check: the probe raced against the timeout on the injected clock. A timeout
 * is not counted when the host was saturated over the check, or when the timer
 * fired late (the emulator's event loop was starved: an answer may be waiting
 * unread). ALB's checkers never share CPU with the target; here they do.
 */
export async function checkOnce(target: HealthCheckTarget, options: HealthCheckLoopOptions): Promise<HealthCheckOutcome> {
  const startedAt = options.clock.now();
  const hostBefore = options.hostCpu?.();
  const outcome = await probeOnce(target, options);
  if (outcome.kind !== 'timeout') return outcome;
  const lateMs = options.clock.now() - startedAt - options.healthCheck.timeoutSeconds * 1000;
  if (lateMs >= LATE_TIMER_MS) return { kind: 'not-counted', why: `the emulator was starved (timer ${Math.round(lateMs)} ms late)` };
  const busy = busyShare(hostBefore, options.hostCpu?.());
  if (busy !== undefined && busy >= SATURATED_HOST_SHARE) {
    return { kind: 'not-counted', why: `the host's CPUs were ${Math.round(busy * 100)} % busy` };
  }
  return outcome;
}

async function probeOnce(target: HealthCheckTarget, options: HealthCheckLoopOptions): Promise<HealthCheckOutcome> {
  const { clock, probe, healthCheck, matcher, signal } = options;
  const attempt = new AbortController();
  const stop = () => attempt.abort();
  signal.addEventListener('abort', stop, { once: true });
  const timedOut = clock
    .sleep(healthCheck.timeoutSeconds * 1000, attempt.signal)
    .then((): HealthCheckOutcome => ({ kind: 'timeout' }))
    // Aborted because the probe finished first (or the loop stopped): never wins the race.
    .catch(() => new Promise<HealthCheckOutcome>(() => {}));
  const answered = probe({ host: target.host, port: target.port, path: healthCheck.path, signal: attempt.signal }).then(
    (statusCode): HealthCheckOutcome => (matcher(statusCode) ? { kind: 'pass', statusCode } : { kind: 'mismatch', statusCode }),
    (error: unknown): HealthCheckOutcome => ({ kind: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
  try {
    return await Promise.race([answered, timedOut]);
  } finally {
    signal.removeEventListener('abort', stop);
    attempt.abort(CHECK_OVER); // a fixed reason: no DOMException (and its stack) per check
  }
}
