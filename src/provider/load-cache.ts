/**
 * One load per key for the life of the provider process: concurrent callers share the call in flight, later callers
 * get its result, and `invalidate` forgets it after a write. A failed load is not kept: the next caller tries again.
 * The integration type maps, the group listings and the visible-organizations listing are all kept this way.
 */
export class LoadCache<V> {
  private readonly entries = new Map<string, Promise<V>>();

  constructor(private readonly load: (key: string) => Promise<V>) {}

  get(key: string): Promise<V> {
    let entry = this.entries.get(key);
    if (!entry) {
      const loading = this.load(key);
      entry = loading;
      this.entries.set(key, loading);
      // Only this load's own entry is dropped: one started after an invalidate stays.
      loading.catch(() => {
        if (this.entries.get(key) === loading) this.entries.delete(key);
      });
    }
    return entry;
  }

  /** Whether a load for the key is kept (in flight or done). */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  invalidate(key: string): void {
    this.entries.delete(key);
  }
}
