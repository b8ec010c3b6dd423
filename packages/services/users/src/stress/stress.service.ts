import { Injectable, Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { countPrimesUpTo } from './primes.js';

/** The tutorial's limit. */
export const STRESS_LIMIT = 1_000_000;

@Injectable()
export class StressService {
  private readonly logger = new Logger('stress-test');

  /**
   * Runs synchronously on the event loop on purpose: the point is to keep the
   * task's CPU busy so target tracking scales the service out.
   */
  run(limit = STRESS_LIMIT): number {
    const started = performance.now();
    const primes = countPrimesUpTo(limit);
    // The Go code printed every prime ("%d is a prime number"): 78,498 lines per
    // request would flood the task's logs under vegeta, so one summary line instead.
    this.logger.log({ msg: 'stress test completed', limit, primes, ms: Math.round(performance.now() - started) });
    return primes;
  }
}
