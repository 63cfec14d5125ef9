/** A Map bounded to `capacity` entries that evicts the least recently used. */
export class LruMap<K, V> {
  private readonly map = new Map<K, V>();

  constructor(readonly capacity: number) {
    if (!(capacity >= 1)) throw new RangeError('LruMap capacity must be at least 1');
  }

  get size(): number {
    return this.map.size;
  }

  /** The value, marked as most recently used. */
  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  /** The value without changing its age. */
  peek(key: K): V | undefined {
    return this.map.get(key);
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  /** Stores the value as most recently used; returns the keys evicted to make room. */
  set(key: K, value: V): K[] {
    this.map.delete(key);
    this.map.set(key, value);
    const evicted: K[] = [];
    while (this.map.size > this.capacity) {
      const oldest = this.map.keys().next().value as K;
      this.map.delete(oldest);
      evicted.push(oldest);
    }
    return evicted;
  }

  delete(key: K): boolean {
    return this.map.delete(key);
  }

  deleteWhere(test: (key: K, value: V) => boolean): void {
    for (const [key, value] of [...this.map]) if (test(key, value)) this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
  }

  keys(): K[] {
    return [...this.map.keys()];
  }
}
