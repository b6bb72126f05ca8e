import type { QueryExecution } from './queryExecution.ts';

/** A REST query cursor: the execution and where each delivered count resumes. */
export interface QueryCursor {
  readonly id: string;
  readonly execution: QueryExecution;
  readonly pageSize: number;
  /** Delivered-record count → scan position to resume from (kept so a page can be fetched again after a failure). */
  readonly checkpoints: Map<number, number>;
  lastUsedMs: number;
}

/**
 * Open REST query cursors of one org, addressed by `nextRecordsUrl` locators
 * `<cursorId>-<delivered>`. Cursors idle longer than the TTL (Salesforce:
 * 15 minutes) and the oldest ones beyond `maxCursors` are dropped, after
 * which their locators answer `INVALID_QUERY_LOCATOR`.
 */
export class QueryCursorRegistry {
  private readonly cursors = new Map<string, QueryCursor>();
  private readonly ttlMs: number;
  private readonly maxCursors: number;
  private readonly clock: () => number;
  private readonly newId: () => string;

  constructor(options: { ttlMs: number; maxCursors: number; clock: () => number; newId: () => string }) {
    this.ttlMs = options.ttlMs;
    this.maxCursors = options.maxCursors;
    this.clock = options.clock;
    this.newId = options.newId;
  }

  /** Opens a cursor over `execution`. */
  open(execution: QueryExecution, pageSize: number): QueryCursor {
    this.evict();
    const cursor: QueryCursor = { id: this.newId(), execution, pageSize, checkpoints: new Map(), lastUsedMs: this.clock() };
    this.cursors.set(cursor.id, cursor);
    while (this.cursors.size > this.maxCursors) {
      const oldest = this.cursors.keys().next().value;
      if (oldest === undefined) break;
      this.cursors.delete(oldest);
    }
    return cursor;
  }

  /** The live cursor `id`, refreshed, or undefined. */
  get(id: string): QueryCursor | undefined {
    this.evict();
    const cursor = this.cursors.get(id);
    if (cursor) {
      cursor.lastUsedMs = this.clock();
      this.cursors.delete(id);
      this.cursors.set(id, cursor);
    }
    return cursor;
  }

  /** Number of open cursors. */
  get size(): number {
    return this.cursors.size;
  }

  private evict(): void {
    const now = this.clock();
    for (const [id, cursor] of this.cursors) {
      if (now - cursor.lastUsedMs > this.ttlMs) this.cursors.delete(id);
    }
  }
}
