// Deletes that AWS refuses until something else has finished (an ENI released,
// a service drained) are retried with backoff, bounded in time.
import type { Clock } from '../clock.js';
import type { EmitEvent } from '../events/index.js';

export interface RetryWhile {
  /** AWS error codes worth waiting out. */
  readonly codes: readonly string[];
  /** Only errors whose message matches (one code can mean several things: InvalidParameterException). */
  readonly message?: RegExp;
  readonly timeoutMs: number;
  readonly what: string;
}

export async function retryWhile<T>(fn: () => Promise<T>, r: RetryWhile, clock: Clock, emit: EmitEvent): Promise<T> {
  const deadline = clock.now() + r.timeoutMs;
  for (let delay = 2000; ; delay = Math.min(delay * 2, 30_000)) {
    try {
      return await fn();
    } catch (e) {
      const code = (e as { code?: string }).code ?? '';
      const matches = r.codes.includes(code) && (!r.message || r.message.test((e as Error).message ?? ''));
      if (!matches || clock.now() + delay > deadline) throw e;
      emit({ type: 'progress', message: `${r.what}: ${code}, retrying in ${Math.round(delay / 1000)}s` });
      await clock.sleep(delay);
    }
  }
}
