// A service controller acts in the background (task starts and stops, target
// and Service Connect changes) so one slow container never holds its loop.
// This keeps those promises: errors reported, a step asked for when each ends,
// and ways to wait for them (shutdown, tests, the agents' start after the first tasks).

export class BackgroundWork {
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly starts = new Set<Promise<unknown>>();

  constructor(
    private readonly onError: (error: unknown) => void,
    /** Called when any piece of work ends: its outcome is news for the next step. */
    private readonly onEnded: () => void,
  ) {}

  /** Runs `promise` in the background; a task start is also waited for by `startsSettled`. */
  track(promise: Promise<unknown>, kind: 'task-start' | 'other' = 'other'): void {
    const p = promise.catch(this.onError).finally(() => {
      this.inflight.delete(p);
      this.starts.delete(p);
      this.onEnded();
    });
    this.inflight.add(p);
    if (kind === 'task-start') this.starts.add(p);
  }

  /** The task starts begun so far have ended (started or failed). */
  async startsSettled(): Promise<void> {
    await Promise.allSettled([...this.starts]);
  }

  /** The work begun so far has ended. */
  async begunSettled(): Promise<void> {
    await Promise.allSettled([...this.inflight]);
  }

  /** Nothing is left, including work that ending work started. */
  async settle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }
}
