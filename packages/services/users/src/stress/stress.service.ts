import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { PrimeWorker } from './prime-worker.js';

/** The tutorial's limit. */
export const STRESS_LIMIT = 1_000_000;

@Injectable()
export class StressService implements OnApplicationShutdown {
  private readonly logger = new Logger('stress-test');
  private readonly worker = new PrimeWorker();

  /** Tests every number up to `limit` for primality (the CPU load target tracking reacts to). */
  async run(limit = STRESS_LIMIT, signal?: AbortSignal): Promise<number> {
    const started = performance.now();
    const primes = await this.worker.count(limit, signal);
    // The Go code printed every prime ("%d is a prime number"): 78,498 lines per
    // request would flood the task's logs under vegeta, so one summary line instead.
    this.logger.log({ msg: 'stress test completed', limit, primes, ms: Math.round(performance.now() - started) });
    return primes;
  }

  /**
   * After the HTTP server has closed, i.e. once in-flight requests finished:
   * ending the worker earlier (onModuleDestroy) cut a running /stress-test off
   * mid-answer on SIGTERM.
   */
  async onApplicationShutdown(): Promise<void> {
    await this.worker.close();
  }
}
