import type { ObjectId } from 'mongodb';

/** A job one scan found due (or with an expired lock): a hint, which the claim checks again when it locks it by `_id`. */
export interface ClaimCandidate {
  _id: ObjectId;
  name: string;
}

/**
 * Most of its time the claim path may spend scanning: a scan's findings answer claims for at least its duration divided
 * by this share (and at least the age limit). A scan of a queue of 10,000 jobs on FerretDB's SQLite backend decodes
 * every row; one per second would keep the database busy scanning instead of running the jobs it found.
 */
const MAX_SCAN_SHARE = 0.1;

/** What one type has in the cache: the ids left to try, whether its scan saw every due job of the type, and when. */
interface TypeCandidates {
  ids: ObjectId[];
  complete: boolean;
  at: number;
}

/**
 * The due jobs one scan found, by type, for the claims that follow it: Agenda asks for the next job once per
 * registered type per poll (and again after every lock), and one scan of every type's due jobs answers all those
 * calls with `_id` lookups. A type with no candidate left has nothing due ("exhausted") while the scan that said so
 * is fresh and saw all of the type's due jobs (it returned fewer than its limit); a wake-up for a type ends that.
 */
export class ClaimCandidates {
  private readonly byType = new Map<string, TypeCandidates>();
  private scannedAt = Number.NEGATIVE_INFINITY;
  /** Whether the last general scan saw every due job of every type. */
  private completeAll = false;
  /** How long the last scan took. */
  private scanMs = 0;

  /**
   * @param maxAgeMs how long a scan's findings answer claims (a new scan after that); the scheduler's poll interval
   *   or less, so that every poll sees jobs that became due meanwhile. Longer after a slow scan (see
   *   {@link MAX_SCAN_SHARE}).
   */
  constructor(private readonly maxAgeMs: number) {}

  /** Whether the last general scan is too old to answer claims. */
  get stale(): boolean {
    return !this.fresh(this.scannedAt);
  }

  /** Types that have candidates left (the worker looks for them when a run ends). */
  get typesWithCandidates(): string[] {
    return [...this.byType.entries()].filter(([, c]) => c.ids.length > 0).map(([name]) => name);
  }

  /** Replaces everything by a general scan's findings (`complete`: it returned fewer than its limit; it took `tookMs`). */
  replace(found: readonly ClaimCandidate[], complete: boolean, tookMs = 0): void {
    const at = Date.now();
    this.scanMs = tookMs;
    this.byType.clear();
    for (const doc of found) {
      let entry = this.byType.get(doc.name);
      if (entry === undefined) this.byType.set(doc.name, (entry = { ids: [], complete, at }));
      entry.ids.push(doc._id);
    }
    this.completeAll = complete;
    this.scannedAt = at;
  }

  /** Replaces one type's candidates by a scan of that type alone. */
  replaceType(name: string, found: readonly ClaimCandidate[], complete: boolean): void {
    this.byType.set(name, { ids: found.map((doc) => doc._id), complete, at: Date.now() });
  }

  /** Puts `ids` (taken, not used) back at the front of a type's candidates, in their order. */
  putBack(name: string, ids: readonly ObjectId[]): void {
    if (ids.length === 0) return;
    const entry = this.byType.get(name);
    if (entry !== undefined) entry.ids.unshift(...ids);
    else this.byType.set(name, { ids: [...ids], complete: false, at: Number.NEGATIVE_INFINITY });
  }

  /** Makes `id` the candidate of a type that has none left (a wake-up for a due job); else leaves it to the scans. */
  offer(name: string, id: ObjectId): void {
    const entry = this.byType.get(name);
    if (entry !== undefined && entry.ids.length === 0) entry.ids.push(id);
  }

    /** The next candidate of a type, removed from the cache; `undefined` when none is left. */
  take(name: string): ObjectId | undefined {
    return this.byType.get(name)?.ids.shift();
  }

  /** Whether a type with no candidate left has no due job (as of a fresh scan that saw all of them). */
  exhausted(name: string): boolean {
    const entry = this.byType.get(name);
    if (entry === undefined) return this.completeAll && this.fresh(this.scannedAt);
    return entry.ids.length === 0 && entry.complete && this.fresh(entry.at);
  }

  /** Whether a scan of the type alone is worth it: none since the last wake-up for it, or none within the age limit. */
  typeScanDue(name: string): boolean {
    const entry = this.byType.get(name);
    return entry === undefined || !this.fresh(entry.at);
  }

  /** A job of the type may have become due since the scan (a wake-up): the next claim that finds none scans again. */
  touch(name: string): void {
    const entry = this.byType.get(name);
    if (entry !== undefined) Object.assign(entry, { complete: false, at: Number.NEGATIVE_INFINITY });
    else this.byType.set(name, { ids: [], complete: false, at: Number.NEGATIVE_INFINITY });
  }

  private fresh(at: number): boolean {
    return Date.now() - at <= Math.max(this.maxAgeMs, this.scanMs / MAX_SCAN_SHARE);
  }
}
