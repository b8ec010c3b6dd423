/** Keeps entries newer than `spanMs` (by their `at`), oldest first. */
export class BoundedHistory<T extends { readonly at: number }> {
  private readonly items: T[] = [];

  constructor(private readonly spanMs: number) {}

  push(item: T): void {
    this.items.push(item);
    const oldest = item.at - this.spanMs;
    const keepFrom = this.items.findIndex((i) => i.at > oldest);
    if (keepFrom > 0) this.items.splice(0, keepFrom);
  }

  /** The last `n` entries (all when n is undefined), oldest first. */
  last(n?: number): readonly T[] {
    return n === undefined ? [...this.items] : this.items.slice(-n);
  }
}
