// The open-loop schedule (vegeta's constant pacer): request k is due at k/rate
// seconds after the start, whatever earlier requests are doing. Pure, so the
// schedule is tested without a clock.

/** How many requests a run of `rate`/s for `durationSeconds` sends (vegeta: 40/s for 3 s sends 120). */
export function plannedRequests(rate: number, durationSeconds: number): number {
  // The epsilon keeps 0.1 * 30 = 3.0000000000000004 style products from losing one.
  return Math.max(1, Math.floor(rate * durationSeconds + 1e-9));
}

/**
 * Requests due by `elapsedMs` (at most `total`). A pacer that woke up late sends
 * every overdue request at once, so the count keeps up with the clock: the rate
 * holds over the run even when timers fire late on a busy host.
 */
export function dueRequests(elapsedMs: number, rate: number, total: number): number {
  if (elapsedMs < 0) return 0;
  return Math.min(total, Math.floor((elapsedMs * rate) / 1000 + 1e-9) + 1);
}

/** Milliseconds after the start at which request `index` is due. */
export function dueAtMs(index: number, rate: number): number {
  return (index * 1000) / rate;
}
