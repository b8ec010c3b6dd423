import type { Clock } from '../clock/index.js';

/**
 * Runs `fire` once `quietMs` passed without another `trigger` (an editor saving
 * several files, or a formatter rewriting them, gives one rebuild, not ten).
 */
export class Debouncer {
  private generation = 0;

  constructor(
    private readonly clock: Clock,
    private readonly quietMs: number,
    private readonly fire: () => void,
  ) {}

  trigger(): void {
    const mine = ++this.generation;
    void this.clock.sleep(this.quietMs).then(() => {
      if (mine === this.generation) this.fire();
    });
  }

  cancel(): void {
    this.generation++;
  }
}
