/**
 * A least-recently-used map bounded by the total size of its values (bytes,
 * as the caller measures them): the one store behind every cache the server
 * keeps (see src/http/caches.ts). Hand-written because these few lines are all
 * the caches need, and lru-cache is only a dependency of Comunica's here, not
 * of this package: importing it undeclared would break when Comunica drops it.
 */
export class BoundedCache<V> {
  private readonly entries = new Map<string, { readonly value: V; readonly size: number }>();
  private total = 0;

  constructor(readonly maxSize: number) {}

  /** The sum of the sizes of the values held. */
  get size(): number {
    return this.total;
  }

  /** The value for `key`, which becomes the most recently used. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    // Re-inserting moves the entry to the end: Map keeps insertion order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Keeps `value` under `key`, dropping the least recently used values past the bound; a value larger than the whole bound is not kept. */
  set(key: string, value: V, size: number): void {
    this.delete(key);
    if (size > this.maxSize) return;
    this.entries.set(key, { value, size });
    this.total += size;
    for (const [oldest, entry] of this.entries) {
      if (this.total <= this.maxSize) break;
      this.entries.delete(oldest);
      this.total -= entry.size;
    }
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.total -= entry.size;
  }
}
