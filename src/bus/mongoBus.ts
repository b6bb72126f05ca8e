import type { Collection, Db } from 'mongodb';
import type { Logger } from '../logging/logger.ts';
import type { CollectionSpec } from '../db/collectionSpec.ts';
import { ensureIndexes } from '../db/ensureIndexes.ts';
import type { Bus, BusListener } from './bus.ts';
import type { BusEvent, BusMessage, BusReplay } from './busEvent.ts';
import { ReorderBuffer } from './reorderBuffer.ts';
import { BusReader, type StoredBusEvent } from './busReader.ts';
import { encodePosition } from './busPosition.ts';

/** Options of {@link MongoBus}. */
export interface MongoBusOptions {
  db: Db;
  logger: Logger;
  /** Events the capped collection keeps; default 5000. */
  maxEvents?: number;
  /** Bytes the capped collection may use; default 64 MiB. */
  sizeBytes?: number;
  /** See {@link BusReader}; default `server`. */
  wait?: 'server' | 'client';
  /** See {@link ReorderBuffer}; default 1000 ms. */
  gapTimeoutMs?: number;
}

interface Counter {
  _id: string;
  seq: number;
}

const COUNTER_ID = 'events';

/** Events one write of the bus holds at most (publishes that wait together are written together up to this). */
const MAX_EVENTS_PER_WRITE = 500;

/** A publish waiting for its turn to be written. */
interface PendingPublish {
  messages: BusMessage[];
  resolve: (events: BusEvent[]) => void;
  reject: (error: unknown) => void;
}

/** The named sequence counters (the bus's event positions, `_id` `events`). */
const COUNTERS: CollectionSpec = { name: 'counters', holds: 'a named sequence counter (`events`: the last allocated bus position)', indexes: [] };

/**
 * The default {@link Bus}: a capped MongoDB collection. Positions come from one counter
 * (allocated before the write), so events are re-ordered by position before delivery;
 * one reader per process ({@link BusReader}) feeds every listener.
 */
export class MongoBus implements Bus {
  private readonly events: Collection<StoredBusEvent>;
  private readonly counters: Collection<Counter>;
  private readonly listeners = new Set<BusListener>();
  private reader: BusReader | undefined;
  private buffer: ReorderBuffer | undefined;
  /** Publishes waiting for the write in flight to end (see {@link publish}). */
  private readonly pending: PendingPublish[] = [];
  private writing: Promise<void> | undefined;

  constructor(private readonly options: MongoBusOptions) {
    this.events = options.db.collection<StoredBusEvent>(MongoBus.eventsCollection(options).name);
    this.counters = options.db.collection<Counter>(COUNTERS.name);
  }

  /**
   * The bus's collections: `events` (capped at `maxEvents` and `sizeBytes`; a unique index on `seq`, the
   * position) and `counters`. The bus prepares them itself ({@link ensureCollection}): any process that
   * starts a bus can read and write at once.
   */
  static collections(options: Pick<MongoBusOptions, 'maxEvents' | 'sizeBytes'> = {}): CollectionSpec[] {
    return [MongoBus.eventsCollection(options), COUNTERS];
  }

  private static eventsCollection(options: Pick<MongoBusOptions, 'maxEvents' | 'sizeBytes'>): CollectionSpec {
    const { maxEvents = 5000, sizeBytes = 64 * 1024 * 1024 } = options;
    return {
      name: 'events',
      holds: 'a bus event (job and monitoring events) at its position `seq`',
      capped: { sizeBytes, maxDocuments: maxEvents },
      indexes: [{ name: 'seq_unique', key: { seq: 1 }, unique: true }],
    };
  }

  /** Creates the capped collection, its index and its first event if missing. Safe to call from several processes at once. */
  async ensureCollection(): Promise<void> {
    // A database made by an older version has a plain index on `seq`: ensureIndexes replaces it with the unique one.
    await ensureIndexes(this.options.db, MongoBus.collections(this.options), {
      onReplace: (_collection, index) => this.options.logger.info({ index }, 'replacing the bus index of an older version with a unique one'),
    });
    // A capped collection never empties again once it holds one event: readers always have an anchor.
    if ((await this.events.findOne({}, { projection: { _id: 1 } })) === null) {
      await this.events.insertOne({ _id: encodePosition(0), seq: 0, topic: 'bus.genesis', at: new Date(), payload: null }).catch((error: { code?: number }) => {
        if (error.code !== 11000) throw error;
      });
    }
  }

  async start(): Promise<void> {
    await this.ensureCollection();
    const startAfter = await this.allocated();
    this.buffer = new ReorderBuffer({
      lastDelivered: startAfter,
      gapTimeoutMs: this.options.gapTimeoutMs,
      deliver: (event) => this.fanOut(event),
    });
    const buffer = this.buffer;
    this.reader = new BusReader({
      events: this.events,
      allocated: () => this.allocated(),
      wait: this.options.wait ?? 'server',
      delivered: () => buffer.position,
      onEvent: (event) => buffer.push(event),
      onSkip: (seq) => buffer.skipTo(seq),
      gapTimeoutMs: this.options.gapTimeoutMs,
      logger: this.options.logger,
    });
    this.reader.start();
  }

  async stop(): Promise<void> {
    await this.reader?.stop();
    this.buffer?.close();
    this.reader = undefined;
  }

  /**
   * Writes `messages` as consecutive events. Publishes that arrive while an earlier write of this process is in
   * flight are written together once it ends (group commit): one position allocation and one insert for all of
   * them, in the order they were asked, each caller answered with its own events once they are stored. A
   * process with 20 running jobs then pays two database commands per round of events, not two per event.
   */
  publish(messages: BusMessage | BusMessage[]): Promise<BusEvent[]> {
    const list = Array.isArray(messages) ? messages : [messages];
    if (list.length === 0) return Promise.resolve([]);
    return new Promise<BusEvent[]>((resolve, reject) => {
      this.pending.push({ messages: list, resolve, reject });
      if (this.writing === undefined) this.writing = this.writePending();
    });
  }

  /** Writes what is pending, batch after batch, until nothing is. */
  private async writePending(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch: PendingPublish[] = [];
        let size = 0;
        while (this.pending.length > 0 && (batch.length === 0 || size + this.pending[0]!.messages.length <= MAX_EVENTS_PER_WRITE)) {
          const next = this.pending.shift()!;
          batch.push(next);
          size += next.messages.length;
        }
        try {
          const events = await this.write(batch.flatMap((p) => p.messages));
          let offset = 0;
          for (const p of batch) {
            p.resolve(events.slice(offset, offset + p.messages.length));
            offset += p.messages.length;
          }
        } catch (error) {
          for (const p of batch) p.reject(error);
        }
      }
    } finally {
      this.writing = undefined;
    }
  }

  private async write(list: BusMessage[]): Promise<BusEvent[]> {
    const last = await this.allocate(list.length);
    const at = new Date();
    const events: BusEvent[] = list.map((m, i) => ({ ...m, seq: last - list.length + 1 + i, at }));
    await this.events.insertMany(events.map((e) => ({ _id: encodePosition(e.seq), ...e })), { ordered: true });
    return events;
  }

  /** The last position handed out so far (0 before the first). */
  private async allocated(): Promise<number> {
    return (await this.counters.findOne({ _id: COUNTER_ID }))?.seq ?? 0;
  }

  /** Reserves `count` consecutive positions; returns the last. The unique index on `seq` would refuse a position handed out twice. */
  private async allocate(count: number): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      try {
        const counter = await this.counters.findOneAndUpdate({ _id: COUNTER_ID }, { $inc: { seq: count } }, { upsert: true, returnDocument: 'after' });
        return counter?.seq ?? count;
      } catch (error) {
        // The first two publishers of a new database may both insert the counter: one retries.
        if ((error as { code?: number }).code !== 11000 || attempt >= 3) throw error;
      }
    }
  }

  subscribe(listener: BusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  position(): number {
    return this.buffer?.position ?? 0;
  }

  listenerCount(): number {
    return this.listeners.size;
  }

  async replay(query: { afterSeq: number; jobId?: string }): Promise<BusReplay> {
    const oldest = await this.events.find({}).sort({ seq: 1 }).limit(1).next();
    const complete = oldest !== null && oldest.seq <= query.afterSeq + 1;
    const filter = query.jobId === undefined ? { seq: { $gt: query.afterSeq } } : { seq: { $gt: query.afterSeq }, jobId: query.jobId };
    const events = await this.events.find(filter, { projection: { _id: 0 } }).sort({ seq: 1 }).toArray();
    return { events, complete };
  }

  private fanOut(event: BusEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.options.logger.error({ err: error, topic: event.topic }, 'bus listener threw');
      }
    }
  }
}
