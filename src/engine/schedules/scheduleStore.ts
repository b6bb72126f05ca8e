import type { Collection, Db, Filter } from 'mongodb';
import type { CollectionSpec } from '../../db/collectionSpec.ts';
import type { TenantScope } from '../jobRepository.ts';
import type { ScheduleDocument } from './scheduleDocument.ts';

/** Filter of a schedule list. */
export interface ScheduleListFilter {
  enabled?: boolean | null;
  jobTypes?: string[] | null;
  /** `true`: only owned schedules; `false`: only the tenant's own. */
  owned?: boolean | null;
}

/** Where a schedule stands in a list: newest first, by `createdAt` then `_id`, both descending. */
export interface ScheduleListPosition {
  createdAt: Date;
  id: string;
}

/**
 * The `schedules` collection. Reads take a {@link TenantScope} (a tenant, or `ANY_TENANT` named by the caller:
 * operators and tickers); writes that advance a schedule are compare-and-set on `_id` and `nextRunAt`, so of
 * many tickers reading the same due schedule exactly one claims each occurrence.
 */
export class ScheduleStore {
  /** The `schedules` collection; due schedules are few, and the tickers' query reads them by `nextRunAt`. */
  static readonly collection: CollectionSpec = {
    name: 'schedules',
    holds: 'a recurring job: cron or period, zone, job type and input, next occurrence',
    indexes: [
      { name: 'tenant_created', key: { tenantId: 1, createdAt: -1 } },
      { name: 'enabled_next', key: { enabled: 1, nextRunAt: 1 } },
    ],
  };

  private readonly schedules: Collection<ScheduleDocument>;

  constructor(db: Db) {
    this.schedules = db.collection<ScheduleDocument>(ScheduleStore.collection.name);
  }

  async insert(doc: ScheduleDocument): Promise<void> {
    await this.schedules.insertOne(doc);
  }

  /** Replaces an owned schedule's definition, or inserts it (its claims and last run stay); returns it as written. */
  async upsertOwned(doc: ScheduleDocument): Promise<ScheduleDocument> {
    const { _id, createdAt, pending, pendingSince, lastRun, ...definition } = doc;
    await this.schedules.updateOne({ _id, tenantId: doc.tenantId }, { $set: definition, $setOnInsert: { createdAt, pending, pendingSince, lastRun } }, { upsert: true });
    return (await this.schedules.findOne({ _id }))!;
  }

  /** The schedule in the scope, or `null`. */
  get(scope: TenantScope, id: string): Promise<ScheduleDocument | null> {
    return this.schedules.findOne(scope === null ? { _id: id } : { _id: id, tenantId: scope });
  }

  /** A page of the scope's schedules, newest first. */
  async list(scope: TenantScope, filter: ScheduleListFilter, first: number, after: ScheduleListPosition | null): Promise<{ docs: ScheduleDocument[]; hasNextPage: boolean }> {
    const query: Filter<ScheduleDocument> = {};
    if (scope !== null) query.tenantId = scope;
    if (filter.enabled !== undefined && filter.enabled !== null) query.enabled = filter.enabled;
    if (filter.jobTypes !== undefined && filter.jobTypes !== null) query.jobType = { $in: filter.jobTypes };
    if (filter.owned === true) query.owner = { $ne: null };
    if (filter.owned === false) query.owner = null;
    if (after !== null) query.$or = [{ createdAt: { $lt: after.createdAt } }, { createdAt: after.createdAt, _id: { $lt: after.id } }];
    const docs = await this.schedules.find(query).sort({ createdAt: -1, _id: -1 }).limit(first + 1).toArray();
    return { docs: docs.slice(0, first), hasNextPage: docs.length > first };
  }

  /** Enabled schedules due at `now`, and any schedule with an occurrence claimed before `staleBefore` and not confirmed. */
  due(now: Date, staleBefore: Date, limit: number): Promise<ScheduleDocument[]> {
    return this.schedules
      .find({ $or: [{ enabled: true, nextRunAt: { $lte: now } }, { pendingSince: { $lte: staleBefore } }] })
      .limit(limit)
      .toArray();
  }

  /** Sets the fields of the schedule in the scope; returns it as written, or `null` when it is not there. */
  async update(scope: TenantScope, id: string, set: Partial<Omit<ScheduleDocument, '_id' | 'tenantId'>>): Promise<ScheduleDocument | null> {
    return this.schedules.findOneAndUpdate(scope === null ? { _id: id } : { _id: id, tenantId: scope }, { $set: set }, { returnDocument: 'after' });
  }

  /**
   * Claims the occurrences up to the schedule's `nextRunAt` (`expectedNext`): advances it to `next` and records
   * `claimed` as pending (since `now`), only if no other ticker did first (and the schedule is still enabled).
   * Says whether it won.
   */
  async claim(id: string, expectedNext: Date, next: Date | null, claimed: Date[], now: Date): Promise<boolean> {
    const set: Record<string, unknown> = { nextRunAt: next, updatedAt: now };
    if (claimed.length > 0) set.pendingSince = now;
    for (const at of claimed) set[`pending.${at.getTime()}`] = now;
    const result = await this.schedules.updateOne({ _id: id, enabled: true, nextRunAt: expectedNext }, { $set: set });
    return result.modifiedCount === 1;
  }

  /** Marks the occurrence at `at` done: no longer pending, and the last run if it is the latest one. */
  async confirm(id: string, at: Date, jobId: string | null): Promise<void> {
    await this.schedules.updateOne({ _id: id }, { $unset: { [`pending.${at.getTime()}`]: '' } });
    if (jobId !== null) {
      await this.schedules.updateOne({ _id: id, $or: [{ lastRun: null }, { 'lastRun.occurrenceAt': { $lt: at } }] }, { $set: { lastRun: { occurrenceAt: at, jobId } } });
    }
  }

  /** Ends the claim made at `since` once all its occurrences are confirmed (a later claim keeps its own time). */
  async settle(id: string, since: Date): Promise<void> {
    await this.schedules.updateOne({ _id: id, pendingSince: since }, { $set: { pendingSince: null } });
  }

  /** Deletes the schedule in the scope; says whether it was there. */
  async delete(scope: TenantScope, id: string): Promise<boolean> {
    const result = await this.schedules.deleteOne(scope === null ? { _id: id } : { _id: id, tenantId: scope });
    return result.deletedCount === 1;
  }
}
