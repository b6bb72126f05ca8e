/** Options of {@link CostSpacedCache}. */
export interface CostSpacedCacheOptions {
  /** A value is reused for at least this long, in ms. */
  minMs: number;
  /** Largest share of the time spent recomputing one value (0..1): a read that took `d` ms is reused for `d / share`. */
  share: number;
  /** A value that took less than this to compute is recomputed while the reader waits; a slower one in the background. */
  inlineMs: number;
}

interface Entry<V> {
  /** The value readers get: the last one computed. */
  value: Promise<V>;
  computedAt: number;
  costMs: number;
  refreshing: boolean;
  readAt: number;
}

/** Entries kept; beyond, those read longest ago are dropped. */
const MAX_ENTRIES = 256;

/**
 * Values whose cost grows with the data (an aggregate over the job history), recomputed no more often than
 * their own cost allows: at most `share` of the time goes to one value, however large the data grows. A value
 * due again that was cheap is recomputed while the reader waits (what a small database sees: fresh values); an
 * expensive one is recomputed in the background while readers keep the last value, so no reader waits for it
 * after the first.
 */
export class CostSpacedCache<V> {
  private readonly entries = new Map<string, Entry<V>>();

  constructor(private readonly options: CostSpacedCacheOptions) {}

  get(key: string, compute: () => Promise<V>): Promise<V> {
    const now = Date.now();
    const entry = this.entries.get(key);
    if (entry === undefined) return this.computeFirst(key, compute, now);
    entry.readAt = now;
    const due = entry.computedAt + Math.max(this.options.minMs, entry.costMs / this.options.share);
    if (now < due || entry.refreshing) return entry.value;
    entry.refreshing = true;
    const started = Date.now();
    const next = compute();
    next.then(
      () => {
        entry.value = next;
        entry.computedAt = Date.now();
        entry.costMs = entry.computedAt - started;
        entry.refreshing = false;
      },
      () => {
        // The last value stays; the next read past the due time tries again.
        entry.computedAt = Date.now();
        entry.refreshing = false;
      },
    );
    return entry.costMs < this.options.inlineMs ? next : entry.value;
  }

  private computeFirst(key: string, compute: () => Promise<V>, now: number): Promise<V> {
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = [...this.entries].sort((a, b) => a[1].readAt - b[1].readAt).slice(0, MAX_ENTRIES / 4);
      for (const [k] of oldest) this.entries.delete(k);
    }
    const value = compute();
    const entry: Entry<V> = { value, computedAt: now, costMs: 0, refreshing: true, readAt: now };
    this.entries.set(key, entry);
    value.then(
      () => {
        entry.computedAt = Date.now();
        entry.costMs = entry.computedAt - now;
        entry.refreshing = false;
      },
      () => this.entries.delete(key),
    );
    return value;
  }
}
