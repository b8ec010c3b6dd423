import { PrimeWorker, RequestAbandonedError } from './prime-worker.js';

describe('PrimeWorker', () => {
  let worker: PrimeWorker;
  beforeEach(() => {
    worker = new PrimeWorker();
  });
  afterEach(async () => {
    await worker.close();
  });

  it('counts primes on a worker thread with the tutorial algorithm', async () => {
    await expect(worker.count(100)).resolves.toBe(25);
    await expect(worker.count(1_000_000)).resolves.toBe(78_498);
  });

  it('keeps the event loop free while it computes', async () => {
    const work = worker.count(3_000_000);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    await work;
    clearInterval(timer);
    // On the event loop this loop would have blocked every timer until it finished.
    expect(ticks).toBeGreaterThan(2);
  });

  it('drops a queued job whose client went away, and runs the rest in order', async () => {
    const gone = new AbortController();
    const first = worker.count(200_000);
    const dropped = worker.count(200_000, gone.signal);
    const last = worker.count(10);
    gone.abort();
    await expect(first).resolves.toBe(17_984);
    await expect(dropped).rejects.toBeInstanceOf(RequestAbandonedError);
    await expect(last).resolves.toBe(4);
  });
});
