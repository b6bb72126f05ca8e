import type { Collection, Db, Filter } from 'mongodb';
import { Collections } from '../../db/collections.ts';
import type { JobDocument } from '../../engine/jobDocument.ts';
import { JobState } from '../../engine/jobState.ts';
import type { TypeStateCount } from './queueStats.ts';

/**
 * The statistics queries of monitoring over the engine's jobs collection (read only; the engine's job
 * repository owns the collection and declares it). Every query is scoped to one tenant or (`null`) all.
 * Queries stay simple for FerretDB: one `$group` by type and state, one sorted `find` for the oldest due
 * job, one projected `find` of the finished jobs of a window.
 */
export class JobStatsStore {
  private readonly jobs: Collection<JobDocument>;

  constructor(db: Db) {
    this.jobs = db.collection<JobDocument>(Collections.jobs);
  }

  /** Jobs per type and state (zero counts left out), sorted by type then state. */
  async countByTypeAndState(tenantId: string | null): Promise<TypeStateCount[]> {
    const match: Filter<JobDocument> = tenantId === null ? {} : { tenantId };
    const rows = await this.jobs
      .aggregate<{ _id: { type: string; state: JobState }; count: number }>([{ $match: match }, { $group: { _id: { type: '$name', state: '$state' }, count: { $sum: 1 } } }])
      .toArray();
    return rows.map((r) => ({ type: r._id.type, state: r._id.state, count: r.count })).sort((a, b) => a.type.localeCompare(b.type) || a.state.localeCompare(b.state));
  }

  /** When the oldest QUEUED job due at `now` (`runAt <= now`) was due, or `null` when none is. */
  async oldestDueQueuedRunAt(tenantId: string | null, now: Date): Promise<Date | null> {
    const filter: Filter<JobDocument> = { state: JobState.Queued, runAt: { $lte: now } };
    if (tenantId !== null) filter.tenantId = tenantId;
    const oldest = await this.jobs.find(filter, { projection: { runAt: 1 } }).sort({ runAt: 1 }).limit(1).next();
    return oldest?.runAt ?? null;
  }

  /** State and end of every job in one of `states` that finished at or after `since`. */
  async finishedSince(tenantId: string | null, since: Date, states: readonly JobState[]): Promise<{ state: JobState; finishedAt: Date }[]> {
    const filter: Filter<JobDocument> = { finishedAt: { $gte: since }, state: { $in: [...states] } };
    if (tenantId !== null) filter.tenantId = tenantId;
    const docs = await this.jobs.find(filter, { projection: { _id: 0, state: 1, finishedAt: 1 } }).toArray();
    return docs.filter((d) => d.finishedAt instanceof Date).map((d) => ({ state: d.state, finishedAt: d.finishedAt! }));
  }
}
