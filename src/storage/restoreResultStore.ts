import type { Collection, Db } from 'mongodb';
import type { CollectionSpec } from '../db/collectionSpec.ts';
import { insertOrReplace } from './insertOrReplace.ts';
import { deleteMatching, type DeleteBatches } from '../db/deleteBatches.ts';

/** What happened to one record. */
export const RestoreOutcome = { Created: 'CREATED', Updated: 'UPDATED', Failed: 'FAILED', Skipped: 'SKIPPED' } as const;
export type RestoreOutcome = (typeof RestoreOutcome)[keyof typeof RestoreOutcome];

/** The result of one record of a restore (one per pass: the second pass fills deferred lookups). */
export interface RestoreResult {
  object: string;
  sourceId: string;
  /** The record's Id in the target org; `null` when it could not be created. */
  targetId: string | null;
  outcome: RestoreOutcome;
  /** 1: the record itself; 2: its deferred lookups. */
  pass: number;
  /** Salesforce's errors (`FAILED`), or why it was skipped (`SKIPPED`, code `EXISTS`/`MISSING`). */
  errors: { code: string; message: string; fields: string[] }[];
  at: Date;
}

interface RestoreResultDocument extends RestoreResult {
  _id: string;
  /** The restore's tenant (absent on results written before tenants were recorded). */
  tenantId?: string;
  restoreId: string;
}

/** Which results to read. */
export interface RestoreResultFilter {
  outcome?: RestoreOutcome;
  object?: string;
  /** Results after this cursor (a result's `cursor`). */
  after?: string;
  /** At most this many; default 100, at most 1000. */
  first?: number;
}

/**
 * Per-record results of restores. A result's `_id` is `<restoreId>:<object>:<sourceId>:<pass>`, so a
 * batch written again after a crash replaces its results instead of adding to them. Every call takes
 * the restore's tenant: another tenant's results are not found.
 */
export class RestoreResultStore {
  /** The `restoreResults` collection and the index of a restore's results in `_id` order. */
  static readonly collection: CollectionSpec = {
    name: 'restoreResults',
    holds: 'the result of one record of a restore, `_id` `<restoreId>:<object>:<sourceId>:<pass>`',
    indexes: [{ name: 'restore_id', key: { restoreId: 1, _id: 1 } }],
  };

  private readonly results: Collection<RestoreResultDocument>;

  constructor(db: Db) {
    this.results = db.collection<RestoreResultDocument>(RestoreResultStore.collection.name);
  }

  /** Stores (or replaces) results of one batch. */
  async record(tenantId: string, restoreId: string, results: readonly RestoreResult[]): Promise<void> {
    if (results.length === 0) return;
    const docs = results.map((r) => ({ _id: `${restoreId}:${r.object}:${r.sourceId}:${r.pass}`, tenantId, restoreId, ...r }));
    await insertOrReplace(this.results, docs);
  }

  /** Results of a restore in cursor order, filtered. */
  async list(tenantId: string, restoreId: string, filter: RestoreResultFilter = {}): Promise<RestoreResultView[]> {
    const query: Record<string, unknown> = { restoreId, tenantId: { $in: [tenantId, null] } };
    if (filter.outcome !== undefined) query.outcome = filter.outcome;
    if (filter.object !== undefined) query.object = filter.object;
    if (filter.after !== undefined) query._id = { $gt: filter.after };
    const limit = Math.min(Math.max(filter.first ?? 100, 1), 1000);
    const docs = await this.results.find(query as never).sort({ _id: 1 }).limit(limit).toArray();
    return docs.map(({ _id, restoreId: _r, tenantId: _t, ...rest }) => ({ ...rest, cursor: _id }));
  }

  /** Deletes every result of restores `restoreIds` (any tenant's: the retention sweep's), in batches. */
  deleteForRestores(restoreIds: readonly string[], batches: DeleteBatches): Promise<number> {
    return restoreIds.length === 0 ? Promise.resolve(0) : deleteMatching(this.results, { restoreId: { $in: [...restoreIds] } }, batches);
  }
}

/** A result as the API hands it out, with its cursor. */
export type RestoreResultView = RestoreResult & { cursor: string };
