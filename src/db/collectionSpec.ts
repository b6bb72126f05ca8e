/**
 * One index a store's queries rely on: a plain ascending/descending key, optionally unique (no partial, TTL
 * or sparse indexes: they must work on FerretDB and DocumentDB).
 */
export interface IndexSpec {
  /** The index's name (stable: {@link import('./ensureIndexes.ts').ensureIndexes} finds it by it). */
  name: string;
  /** Fields and directions, in order. */
  key: Readonly<Record<string, 1 | -1>>;
  /** Whether two documents may not share the key; default false. */
  unique?: boolean;
}

/**
 * A collection as its owner declares it: its name and the indexes its queries use. Every store exports
 * one (`static readonly collection`); the composition root hands them all to one `ensureIndexes` at start.
 */
export interface CollectionSpec {
  /** The collection's name; for a GridFS bucket, the bucket's (`<name>.files`, `<name>.chunks`). */
  name: string;
  /** What one document or file is, in a few words (for the map of collections). */
  holds: string;
  /** Indexes beyond `_id`; empty when every query reads by `_id` (all FerretDB's SQLite backend indexes). */
  indexes: readonly IndexSpec[];
  /** A GridFS bucket rather than one collection; its own indexes are the driver's business. Default false. */
  bucket?: boolean;
  /** A capped collection of this size, created before its indexes; default: a plain one, created on first write. */
  capped?: { sizeBytes: number; maxDocuments: number };
}
