import type { Collection, Db, Filter } from 'mongodb';
import type { CollectionSpec } from '../../db/collectionSpec.ts';
import type { ScheduleRunDocument } from './scheduleDocument.ts';

/** The `scheduleRuns` collection: which job each occurrence of a schedule created. */
export class ScheduleRunStore {
  /** One document per occurrence that created a job; `_id` `<scheduleId>:<occurrence ms>`. */
  static readonly collection: CollectionSpec = {
    name: 'scheduleRuns',
    holds: 'the job one occurrence of a schedule created, `_id` `<scheduleId>:<occurrence ms>`',
    indexes: [{ name: 'schedule_occurrence', key: { scheduleId: 1, occurrenceAt: -1 } }],
  };

  private readonly runs: Collection<ScheduleRunDocument>;

  constructor(db: Db) {
    this.runs = db.collection<ScheduleRunDocument>(ScheduleRunStore.collection.name);
  }

  /** Records the job of an occurrence (idempotent: the first record of an occurrence stays). */
  async record(run: Omit<ScheduleRunDocument, '_id' | 'createdAt'>, now: Date): Promise<void> {
    const _id = `${run.scheduleId}:${run.occurrenceAt.getTime()}`;
    await this.runs.updateOne({ _id }, { $setOnInsert: { ...run, createdAt: now } }, { upsert: true });
  }

  /** The run of the occurrence at `at`, or `null` (one read by `_id`). */
  get(scheduleId: string, at: Date): Promise<ScheduleRunDocument | null> {
    return this.runs.findOne({ _id: `${scheduleId}:${at.getTime()}` });
  }

  /** A page of the schedule's runs, latest occurrence first, after the occurrence `before` (exclusive) when given. */
  async list(scheduleId: string, first: number, before: Date | null): Promise<{ docs: ScheduleRunDocument[]; hasNextPage: boolean }> {
    const query: Filter<ScheduleRunDocument> = { scheduleId };
    if (before !== null) query.occurrenceAt = { $lt: before };
    const docs = await this.runs.find(query).sort({ occurrenceAt: -1 }).limit(first + 1).toArray();
    return { docs: docs.slice(0, first), hasNextPage: docs.length > first };
  }

  /** Forgets the runs of a deleted schedule (their jobs stay). */
  async deleteFor(scheduleId: string): Promise<void> {
    await this.runs.deleteMany({ scheduleId });
  }
}
