import type { Clock } from '../clock/index.js';
import type { EmitEvent, EmulatorEvent } from './emulator-event.js';

type Listener = (event: EmulatorEvent) => void;

/** Fan-out of emulator events; keeps a bounded history per service for `status`. */
export class EventBus {
  private listeners = new Set<Listener>();
  private history: EmulatorEvent[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly maxHistory = 500,
  ) {}

  readonly emit: EmitEvent = (partial) => {
    const event: EmulatorEvent = { ...partial, at: partial.at ?? this.clock.now() };
    this.history.push(event);
    if (this.history.length > this.maxHistory) this.history.splice(0, this.history.length - this.maxHistory);
    for (const listener of this.listeners) listener(event);
  };

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Most recent first, as ECS lists service events. */
  recent(filter: (event: EmulatorEvent) => boolean = () => true, limit = 100): EmulatorEvent[] {
    return this.history.filter(filter).slice(-limit).reverse();
  }
}
