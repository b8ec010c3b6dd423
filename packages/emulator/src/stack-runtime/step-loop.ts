import type { Clock } from '../clock/index.js';

// The stack's scheduler loop: one step of every service every
// schedulerIntervalMs, or at once when something asked for one (a Docker event,
// a target's health, a finished start or stop, a deploy).

export class StepLoop {
  private wake: (() => void) | undefined;
  private requested = false;
  private done: Promise<void> = Promise.resolve();

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly step: () => Promise<void>,
  ) {}

  /** Runs one step now (the first one, before the loop starts). */
  async stepNow(): Promise<void> {
    this.requested = false;
    await this.step();
  }

  /** A step as soon as the current one ended. */
  request(): void {
    this.requested = true;
    this.wake?.();
  }

  /** Steps until `signal` aborts. */
  start(signal: AbortSignal): void {
    this.done = this.run(signal);
  }

  /** Resolves once the loop has ended (after its signal aborted). */
  async stopped(): Promise<void> {
    this.wake?.();
    await this.done.catch(() => undefined);
  }

  private async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      // One sleep per iteration, cut short by a wake-up or by shutdown (a sleep left
      // pending per wake-up would pile listeners on the lifetime signal).
      const woken = new AbortController();
      const relay = () => woken.abort();
      signal.addEventListener('abort', relay, { once: true });
      this.wake = relay;
      if (this.requested) woken.abort();
      await this.clock.sleep(this.intervalMs, woken.signal).catch(() => undefined);
      signal.removeEventListener('abort', relay);
      if (signal.aborted) return;
      await this.stepNow();
    }
  }
}
