import type { Collection, Db } from 'mongodb';
import type { CollectionSpec } from '../db/collectionSpec.ts';
import type { EventLoopDelayRecord, WorkerDocument } from './workerDocument.ts';
import type { WorkerLiveness } from './workerLiveness.ts';

/** What one registry heartbeat writes. */
export interface WorkerHeartbeat {
  at: Date;
  runningJobIds: string[];
  eventLoopDelay: EventLoopDelayRecord | null;
  rssBytes: number;
}

/**
 * The `workers` collection. Every write is one update by `_id` (FerretDB's SQLite backend indexes only
 * `_id` equality); reads list the whole registry, which holds one document per process start.
 */
export class WorkerStore {
  /** The `workers` collection: written by `_id`, read whole (one document per process start). */
  static readonly collection: CollectionSpec = { name: 'workers', holds: 'a registered process (worker or API) and its last heartbeat', indexes: [] };

  private readonly workers: Collection<WorkerDocument>;

  constructor(db: Db) {
    this.workers = db.collection<WorkerDocument>(WorkerStore.collection.name);
  }

  /** Registers a process start. */
  async register(doc: WorkerDocument): Promise<void> {
    await this.workers.replaceOne({ _id: doc._id }, doc, { upsert: true });
  }

  async heartbeat(id: string, beat: WorkerHeartbeat): Promise<void> {
    await this.workers.updateOne(
      { _id: id },
      // A worker that heartbeats again after it was declared lost (a long pause) may be lost, and announced, again.
      { $set: { heartbeatAt: beat.at, runningJobIds: beat.runningJobIds, eventLoopDelay: beat.eventLoopDelay, rssBytes: beat.rssBytes, lostAt: null } },
    );
  }

  /** Deregisters a process that stops gracefully. */
  async stop(id: string, at: Date): Promise<void> {
    await this.workers.updateOne({ _id: id }, { $set: { stoppedAt: at, heartbeatAt: at, runningJobIds: [] } });
  }

  /** Marks a worker lost; `true` for the one caller that marked it first. */
  async markLost(id: string, at: Date): Promise<boolean> {
    const res = await this.workers.updateOne({ _id: id, lostAt: null }, { $set: { lostAt: at } });
    return res.modifiedCount === 1;
  }

  /** Removes entries whose last heartbeat is older than `before`. */
  async prune(before: Date): Promise<void> {
    await this.workers.deleteMany({ heartbeatAt: { $lt: before } });
  }

  async get(id: string): Promise<WorkerDocument | null> {
    return this.workers.findOne({ _id: id });
  }

  /** Workers by id, in one round trip. */
  async getMany(ids: readonly string[]): Promise<WorkerDocument[]> {
    if (ids.length === 0) return [];
    return this.workers.find({ _id: { $in: [...ids] } }).toArray();
  }

  /** The event-loop delay each process alive at `now` ({@link WorkerLiveness}) reported last; at most `limit`. */
  async aliveEventLoopDelays(liveness: WorkerLiveness, now: Date, limit = 500): Promise<Pick<WorkerDocument, '_id' | 'eventLoopDelay'>[]> {
    return this.workers.find({ stoppedAt: null, heartbeatAt: { $gte: liveness.oldestAliveHeartbeat(now) } }, { projection: { _id: 1, eventLoopDelay: 1 } }).limit(limit).toArray();
  }

  /** The last heartbeat and stop of every registered process of role `worker` (API processes left out). */
  async workerRoleHeartbeats(): Promise<Pick<WorkerDocument, '_id' | 'stoppedAt' | 'heartbeatAt'>[]> {
    return this.workers.find({ role: 'worker' }, { projection: { stoppedAt: 1, heartbeatAt: 1 } }).toArray();
  }

  /** Every registered process, newest start first; `since` keeps only those that heartbeated after it. */
  async list(since?: Date): Promise<WorkerDocument[]> {
    const docs = await this.workers.find(since === undefined ? {} : { heartbeatAt: { $gte: since } }).toArray();
    return docs.sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
  }
}
