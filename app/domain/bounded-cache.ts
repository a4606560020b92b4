/**
 * A cache for pure functions on the import's hot path (payee features, title case, the model's
 * predictions): bank lines repeat the same payees and words, so most lookups hit. Bounded by
 * emptying it when full — no bookkeeping per hit, and a statement's working set refills it at once.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  /** Remembers `value` under `key` and returns it. */
  set(key: K, value: V): V {
    if (this.entries.size >= this.limit) this.entries.clear();
    this.entries.set(key, value);
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
