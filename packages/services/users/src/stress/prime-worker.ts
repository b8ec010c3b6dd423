import { Worker } from 'node:worker_threads';
import { countPrimesUpTo, isPrime } from './primes.js';

// The prime loop runs on one worker thread, not on the event loop. It still
// uses all the CPU the task is given (0.25 vCPU is a CFS quota shared by every
// thread), so target tracking sees the same load; but /health keeps answering
// in milliseconds, as the tutorial's Go service (one goroutine per request)
// does. On the event loop, one 0.25-vCPU task under the tutorial's 50 req/s
// queued its health checks behind seconds of prime work, failed them, and was
// replaced by the scheduler instead of being scaled out.
//
// The worker is an eval'd script built from the same functions the tests
// check, so it runs identically from TypeScript sources (tests) and dist.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
${isPrime.toString()}
${countPrimesUpTo.toString()}
parentPort.on('message', (limit) => parentPort.postMessage(countPrimesUpTo(limit)));
`;

interface Job {
  readonly limit: number;
  readonly signal?: AbortSignal;
  readonly resolve: (primes: number) => void;
  readonly reject: (error: Error) => void;
}

/** Requests abandoned by their client while queued are dropped, not computed. */
export class RequestAbandonedError extends Error {
  readonly name = 'RequestAbandonedError';
}

/** One worker thread and a FIFO queue of prime counts. */
export class PrimeWorker {
  private worker: Worker | undefined;
  private readonly queue: Job[] = [];
  private current: Job | undefined;

  count(limit: number, signal?: AbortSignal): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ limit, signal, resolve, reject });
      this.next();
    });
  }

  /** Jobs waiting or running. */
  get pending(): number {
    return this.queue.length + (this.current ? 1 : 0);
  }

  async close(): Promise<void> {
    for (const job of this.queue.splice(0)) job.reject(new RequestAbandonedError('shutting down'));
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private next(): void {
    if (this.current) return;
    let job = this.queue.shift();
    while (job?.signal?.aborted) {
      job.reject(new RequestAbandonedError('client went away before the work started'));
      job = this.queue.shift();
    }
    if (!job) return;
    this.current = job;
    this.ensureWorker().postMessage(job.limit);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.unref();
    worker.on('message', (primes: number) => this.settle((job) => job.resolve(primes)));
    worker.on('error', (error) => {
      this.worker = undefined;
      this.settle((job) => job.reject(error));
    });
    this.worker = worker;
    return worker;
  }

  private settle(finish: (job: Job) => void): void {
    const job = this.current;
    this.current = undefined;
    if (job) finish(job);
    this.next();
  }
}
