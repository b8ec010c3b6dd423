// Pure routing logic of the Service Connect agent: which endpoint takes the
// next request, which one a retry goes to, and when an endpoint is ejected.
// No I/O and no clock of its own (callers pass `now`), so unit tests drive it
// in fake time. Types: routing.d.mts.
//
// What it copies from the Envoy that Service Connect runs (aws-fidelity.md §1):
// - round robin over the hosts that are not ejected, chosen per request;
// - retries go to a host not tried yet for this request ("previous hosts"
//   predicate); only when no other host is left does a retry reuse one;
// - outlier detection: >= 5 failures within 30 s eject a host. Envoy ejects
//   for base_ejection_time x (times ejected), capped at max_ejection_time
//   (300 s); the multiplier decays while the host stays healthy;
// - panic routing: when every host is ejected, Envoy ignores ejection and
//   spreads over all of them rather than failing everything.

/** Service Connect's documented numbers. */
export const DEFAULT_OUTLIER = Object.freeze({
  failures: 5,
  windowMs: 30_000,
  baseEjectionMs: 30_000,
  maxEjectionMs: 300_000,
});

export function endpointKey(endpoint) {
  return `${endpoint.id}@${endpoint.address}:${endpoint.port}`;
}

export class EndpointPool {
  constructor(outlier = DEFAULT_OUTLIER) {
    this.outlier = { ...DEFAULT_OUTLIER, ...outlier };
    this.entries = [];
    this.cursor = 0;
  }

  /** Replaces the endpoint set; endpoints that stay keep their counters and ejection state. */
  setEndpoints(endpoints) {
    const previous = new Map(this.entries.map((entry) => [entry.key, entry]));
    const seen = new Set();
    this.entries = [];
    for (const endpoint of endpoints) {
      const key = endpointKey(endpoint);
      if (seen.has(key)) continue;
      seen.add(key);
      this.entries.push(previous.get(key) ?? newEntry(endpoint, key));
    }
    if (this.cursor >= this.entries.length) this.cursor = 0;
  }

  endpoints() {
    return this.entries.map(({ id, address, port }) => ({ id, address, port }));
  }

  isEjected(entry, now) {
    return entry.ejectedUntil > now;
  }

  /**
   * The endpoint for the next attempt, or undefined when there is none.
   * `tried` holds the keys of endpoints this request already failed on.
   */
  pick(now, tried = new Set()) {
    if (this.entries.length === 0) return undefined;
    let candidates = this.entries.filter((entry) => !this.isEjected(entry, now));
    if (candidates.length === 0) candidates = this.entries; // panic routing
    const untried = candidates.filter((entry) => !tried.has(entry.key));
    const allowed = new Set(untried.length > 0 ? untried : candidates);
    for (let step = 0; step < this.entries.length; step++) {
      const index = (this.cursor + step) % this.entries.length;
      const entry = this.entries[index];
      if (allowed.has(entry)) {
        this.cursor = (index + 1) % this.entries.length;
        entry.requests += 1;
        return entry;
      }
    }
    return undefined;
  }

  recordSuccess(entry) {
    entry.successes += 1;
  }

  /** Counts a failed connection; returns true when this failure ejected the endpoint. */
  recordFailure(entry, now) {
    const { failures, windowMs } = this.outlier;
    entry.failures += 1;
    entry.lastFailureAt = now;
    if (this.isEjected(entry, now)) return false;
    entry.recentFailures = entry.recentFailures.filter((at) => at > now - windowMs);
    entry.recentFailures.push(now);
    if (entry.recentFailures.length < failures) return false;
    const multiplier = decayedMultiplier(entry, now, this.outlier.baseEjectionMs) + 1;
    entry.ejectionMultiplier = multiplier;
    entry.ejectedUntil = now + ejectionDurationMs(multiplier, this.outlier);
    entry.ejections += 1;
    entry.recentFailures = [];
    return true;
  }

  /** Counters per endpoint, for the admin API. */
  snapshot(now) {
    return this.entries.map((entry) => ({
      id: entry.id,
      address: entry.address,
      port: entry.port,
      requests: entry.requests,
      successes: entry.successes,
      failures: entry.failures,
      ejections: entry.ejections,
      ejected: this.isEjected(entry, now),
      ejectedUntil: this.isEjected(entry, now) ? new Date(entry.ejectedUntil).toISOString() : null,
      lastFailureAt: entry.lastFailureAt === null ? null : new Date(entry.lastFailureAt).toISOString(),
    }));
  }
}

/** Envoy: base_ejection_time x multiplier, capped at max_ejection_time. */
export function ejectionDurationMs(multiplier, outlier = DEFAULT_OUTLIER) {
  return Math.min(outlier.baseEjectionMs * multiplier, Math.max(outlier.maxEjectionMs, outlier.baseEjectionMs));
}

// Envoy lowers the multiplier by one at each sweep that finds the host
// healthy; we count one step per base ejection time since it came back.
function decayedMultiplier(entry, now, baseEjectionMs) {
  if (entry.ejectionMultiplier === 0) return 0;
  const healthySince = entry.ejectedUntil;
  const steps = Math.floor(Math.max(0, now - healthySince) / baseEjectionMs);
  return Math.max(0, entry.ejectionMultiplier - steps);
}

function newEntry(endpoint, key) {
  return {
    key,
    id: String(endpoint.id),
    address: String(endpoint.address),
    port: Number(endpoint.port),
    requests: 0,
    successes: 0,
    failures: 0,
    ejections: 0,
    ejectionMultiplier: 0,
    ejectedUntil: 0,
    lastFailureAt: null,
    recentFailures: [],
  };
}

const CONNECT_FAILURES = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ETIMEDOUT',
  'ECONNECTTIMEOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
]);
const RESETS = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);

/** 'connect-failure' | 'reset' | 'other', from a Node socket error code. */
export function classifyUpstreamError(code) {
  if (CONNECT_FAILURES.has(code)) return 'connect-failure';
  if (RESETS.has(code)) return 'reset';
  return 'other';
}

/**
 * Whether a failed attempt may be retried. Service Connect retries connection
 * failures and resets (twice), never a timeout, and never once the response
 * has begun or when the request body could not be kept for replay.
 */
export function shouldRetry({ failure, attempt, retries, headersSent, replayable }) {
  if (headersSent || !replayable) return false;
  if (failure !== 'connect-failure' && failure !== 'reset') return false;
  return attempt < retries;
}
