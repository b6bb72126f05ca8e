import type { AnyBulkWriteOperation, Collection, Db } from 'mongodb';
import type { CollectionSpec } from '../../db/collectionSpec.ts';

/** The job counters kept for the whole deployment. */
export type JobCounterMetric = 'created' | 'attempts' | 'retries' | 'finished' | 'duration';

/**
 * One counter of the `jobCounters` collection. `_id` is `metric|type|outcome` (outcome empty when the metric
 * has none); `value` counts events, and a `duration` counter also holds its histogram: `sum` in seconds and
 * `b0`…`b14`, the observations of each bucket of {@link import('./jobCounterLedger.ts').DURATION_BUCKETS_SECONDS} (not cumulative; the
 * last bucket `bInf` holds those above a day).
 */
export type JobCounterDocument = {
  _id: string;
  metric: JobCounterMetric;
  type: string;
  outcome: string;
  value: number;
  sum?: number;
} & { [bucket in `b${number}` | 'bInf']?: number };

/** Counts to add to one counter (created when missing). */
export interface JobCounterIncrement {
  /** `metric|type|outcome`. */
  id: string;
  metric: JobCounterMetric;
  type: string;
  outcome: string;
  /** Amount per field (`value`, `sum`, `b<n>`, `bInf`). */
  inc: Record<string, number>;
}

/** The `jobCounters` collection: every write an `$inc` by `_id`, every read the whole (small) collection. */
export class JobCounterStore {
  /** The `jobCounters` collection: one small document per metric, type and outcome. */
  static readonly collection: CollectionSpec = {
    name: 'jobCounters',
    holds: 'a deployment-wide job counter for `/metrics`, `_id` `<metric>|<type>|<outcome>`',
    indexes: [],
  };

  private readonly counters: Collection<JobCounterDocument>;

  constructor(db: Db) {
    this.counters = db.collection<JobCounterDocument>(JobCounterStore.collection.name);
  }

  /** Adds counts in one unordered bulk of upserts (a partly applied bulk rejects: some counts may be applied). */
  async add(increments: readonly JobCounterIncrement[]): Promise<void> {
    if (increments.length === 0) return;
    const ops: AnyBulkWriteOperation<JobCounterDocument>[] = increments.map((c) => ({
      updateOne: { filter: { _id: c.id }, update: { $setOnInsert: { metric: c.metric, type: c.type, outcome: c.outcome }, $inc: c.inc }, upsert: true },
    }));
    await this.counters.bulkWrite(ops, { ordered: false });
  }

  /** Every counter (one small collection: metrics × types × outcomes). */
  async all(): Promise<JobCounterDocument[]> {
    return this.counters.find({}).limit(10_000).toArray();
  }
}
