import { LiveStats, type AttackOptions, type AttackResult } from './live-stats.js';
import type { StressReport } from './stress-report.js';

// Fallback when vegeta is not installed. autocannon is a closed-model load
// generator: each connection waits for its response before its next request,
// and with `overallRate` it keeps at most `rate` connections. So against a
// service slower than rate/s it sends fewer requests than asked (vegeta opens
// more connections instead), and its last second may run a little over.

interface AutocannonInstance {
  on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): void;
  on(event: 'reqError', listener: (error: Error) => void): void;
  stop(): void;
}
type Autocannon = (options: Record<string, unknown>, done: (error: Error | null, result: unknown) => void) => AutocannonInstance;

export async function autocannonAttack(options: AttackOptions): Promise<StressReport> {
  // Loaded only when needed; autocannon ships no types, hence the local interface.
  const moduleName = 'autocannon';
  const autocannon = ((await import(moduleName)) as { default: Autocannon }).default;
  const started = Date.now();
  const own = new LiveStats(started);
  const record = (result: AttackResult) => {
    own.add(result);
    options.onResult(result);
  };
  await new Promise<void>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.target,
        connections: Math.max(1, Math.ceil(options.rate)),
        overallRate: options.rate,
        duration: options.durationSeconds,
        timeout: options.timeoutSeconds,
      },
      (error) => (error ? reject(error) : resolve()),
    );
    instance.on('response', (_client, statusCode, resBytes, responseTime) =>
      record({ at: Date.now(), code: statusCode, latencyMs: responseTime, bytesIn: resBytes }),
    );
    instance.on('reqError', (error) =>
      record({ at: Date.now(), code: 0, latencyMs: options.timeoutSeconds * 1000, bytesIn: 0, error: error.message }),
    );
    options.signal?.addEventListener('abort', () => instance.stop(), { once: true });
  });
  const seconds = (Date.now() - started) / 1000;
  const ok = Math.round(own.successRatio * own.completed);
  return {
    tool: 'autocannon',
    target: options.target,
    requests: own.completed,
    rate: own.completed / Math.max(seconds, 1e-9),
    throughput: ok / Math.max(seconds, 1e-9),
    durationSeconds: { total: seconds, attack: Math.min(seconds, options.durationSeconds), wait: Math.max(0, seconds - options.durationSeconds) },
    latencyMs: {
      min: own.minLatencyMs(),
      mean: own.meanLatencyMs(),
      p50: own.percentile(50),
      p90: own.percentile(90),
      p95: own.percentile(95),
      p99: own.percentile(99),
      max: own.maxLatencyMs(),
    },
    bytesIn: { total: own.bytesIn, mean: own.completed ? own.bytesIn / own.completed : 0 },
    success: own.successRatio,
    statusCodes: { ...own.statusCodes },
    errors: [...own.errors],
  };
}
