import { setTimeout as sleep } from 'node:timers/promises';
import type { Collection, FindCursor } from 'mongodb';
import type { Logger } from '../logging/logger.ts';
import { OutageLog } from '../db/outageLog.ts';
import type { BusEvent } from './busEvent.ts';
import { encodePosition } from './busPosition.ts';

/** An event as stored: its `_id` is its encoded position. */
export type StoredBusEvent = BusEvent & { _id: string };

/** Options of {@link BusReader}. */
export interface BusReaderOptions {
  events: Collection<StoredBusEvent>;
  /** The last position handed out to a publisher so far. */
  allocated: () => Promise<number>;
  /**
   * `server`: a tailable `awaitData` cursor; the server waits for new events (MongoDB, and longhaul's FerretDB build: `scripts/ferretdb/awaitData.go`).
   * `client`: the reader reads the next `batchSize` positions by `_id`, at once while events flow, every
   * `activeIntervalMs` and backing off to `idleIntervalMs` when idle. For a FerretDB without longhaul's build
   * (`longhaulTailWakeup`), which answers an `awaitData` getMore by re-querying the whole collection every 10 ms
   * and only uses an index for `_id` lookups.
   */
  wait: 'server' | 'client';
  /** Position delivered so far; the reader continues after it. */
  delivered: () => number;
  /** Called with each event read. */
  onEvent: (event: BusEvent) => void;
  /** Called (client mode) when positions up to `seq` will never arrive: a publisher died between allocating and writing, or the bus dropped them. */
  onSkip: (seq: number) => void;
  logger: Logger;
  /** How long an allocated position is waited for; default 1000 ms. */
  gapTimeoutMs?: number;
  /** Client-paced wait while events flow; default 5 ms. */
  activeIntervalMs?: number;
  /** Longest client-paced wait once idle; default 20 ms (each idle poll is one indexed batch read). */
  idleIntervalMs?: number;
  /** Most positions read per client-mode poll (`_id $in`); default 64. */
  batchSize?: number;
  /** Client mode: how often, at most, the allocation counter is read while no event comes; default 1000 ms. */
  counterCheckMs?: number;
}

/**
 * A process's one reader of the bus: a tailable cursor (MongoDB, longhaul's FerretDB build) or batch reads by
 * position it paces itself (other FerretDB builds), restarted after errors such as a dropped connection.
 */
export class BusReader {
  private readonly options: Required<BusReaderOptions>;
  private running = false;
  private cursor: FindCursor<StoredBusEvent> | undefined;
  private loop: Promise<void> | undefined;
  private lastActivity = Date.now();
  /** A database outage is logged once, not at every restart of the reader. */
  private readonly outage: OutageLog;

  constructor(options: BusReaderOptions) {
    this.options = { gapTimeoutMs: 1000, activeIntervalMs: 5, idleIntervalMs: 20, batchSize: 64, counterCheckMs: 1000, ...options };
    this.outage = new OutageLog({ logger: options.logger, what: 'bus reader' });
  }

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.cursor?.close().catch(() => undefined);
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await (this.options.wait === 'client' ? this.poll() : this.tail());
      } catch (error) {
        if (!this.running) return;
        this.outage.failure(error);
        await sleep(200);
      }
    }
  }

  /**
   * Client mode: one indexed read by `_id` per poll: of the next position while idle, of up to
   * {@link BusReaderOptions.batchSize} positions (`_id $in`, twice as many as the last read found) while events flow.
   * While events flow it reads again at once; when a read finds nothing new it waits ({@link pace}). The allocation
   * counter is read only while a read finds nothing, at most once per {@link BusReaderOptions.counterCheckMs}: to
   * tell an allocated position never written (a publisher that died between allocating and writing) from no event.
   */
  private async poll(): Promise<void> {
    const { events, delivered, onEvent, batchSize, counterCheckMs } = this.options;
    let missing: { seq: number; since: number } | undefined;
    let counterCheckedAt = 0;
    /** Positions already read past a gap (held by the reorder buffer): not read again. */
    const ahead = new Set<number>();
    /** Positions the next read asks for: one while idle (the cheapest lookup), growing while events flow. */
    let span = 1;
    while (this.running) {
      const want = delivered() + 1;
      for (const seq of ahead) if (seq < want) ahead.delete(seq);
      const ids: string[] = [];
      for (let seq = want; seq < want + span; seq++) if (!ahead.has(seq)) ids.push(encodePosition(seq));
      const found = ids.length === 1 ? await events.find({ _id: ids[0]! }).toArray() : await events.find({ _id: { $in: ids } }).toArray();
      this.outage.success();
      span = Math.min(batchSize, Math.max(1, found.length * 2));
      for (const { _id, ...rest } of found.sort((a, b) => a.seq - b.seq)) {
        ahead.add(rest.seq);
        onEvent(rest);
      }
      if (delivered() >= want) {
        // Progress: read on at once.
        this.lastActivity = Date.now();
        missing = undefined;
        continue;
      }
      if (found.length > 0) {
        // Later positions came but `want` did not: usually its write is in flight; the reorder buffer skips it after its gap timeout.
        await sleep(1);
        continue;
      }
      if (missing?.seq !== want) {
        missing = undefined;
        if (Date.now() - counterCheckedAt < counterCheckMs) {
          await sleep(this.pace());
          continue;
        }
        counterCheckedAt = Date.now();
        if ((await this.options.allocated()) < want) {
          await sleep(this.pace());
          continue;
        }
        // Allocated but not written yet: usually a write in flight, rarely one that never comes.
        missing = { seq: want, since: Date.now() };
      }
      if (Date.now() - missing.since >= this.options.gapTimeoutMs) {
        await this.skipFrom(want);
        missing = undefined;
      } else {
        await sleep(1);
      }
    }
  }

  /** Skips to just before the next event that exists (one scan; only after a gap timed out). */
  private async skipFrom(want: number): Promise<void> {
    const next = await this.options.events.find({ seq: { $gt: want } }, { projection: { seq: 1 } }).sort({ seq: 1 }).limit(1).next();
    const to = next === null ? want : next.seq - 1;
    this.options.logger.warn({ from: want, to }, 'bus positions never written; skipping them');
    this.options.onSkip(to);
  }

  /**
   * Server mode: a tailable cursor scans in insertion order, so events whose position was allocated earlier but written later still come.
   *
   * The cursor also matches the newest stored event (an anchor; the reorder buffer drops it when already delivered) and asks for
   * an empty first batch. FerretDB 1.24 closes a tailable cursor whose first batch holds every match (MongoDB keeps it open),
   * and FerretDB 1.24 without longhaul's build fails the next `getMore` of one that matched nothing; the reader then restarted
   * every 200 ms, logging a warning each time, instead of waiting on the server.
   *
   * An event read past a gap (a position not delivered yet) makes the reader fetch the missing positions by `_id`
   * ({@link fillGap}): FerretDB's tailable cursor does not return an event whose write committed after a later
   * one was read, so without this a position written by a concurrent publisher was skipped after the gap timeout.
   */
  private async tail(): Promise<void> {
    const delivered = this.options.delivered();
    // Insertion order, newest first: a capped collection keeps it (FerretDB reads it by record id, without sorting every event).
    const newest = await this.options.events.find({}, { projection: { _id: 1 } }).sort({ $natural: -1 }).limit(1).next();
    const filter = newest === null ? { seq: { $gt: delivered } } : { $or: [{ seq: { $gt: delivered } }, { _id: newest._id }] };
    const cursor = this.options.events.find(filter, { tailable: true, awaitData: true, maxAwaitTimeMS: 1000, batchSize: 0 });
    this.cursor = cursor;
    try {
      while (this.running) {
        const event = await cursor.tryNext();
        this.outage.success();
        if (event !== null) {
          const { _id, ...rest } = event;
          this.options.onEvent(rest);
          await this.fillGap(rest.seq);
          continue;
        }
        if (cursor.closed || cursor.id?.isZero() === true) throw new Error('tailable cursor closed by the server');
      }
    } finally {
      await cursor.close().catch(() => undefined);
    }
  }

  /**
   * Server mode: reads the positions still missing before `upTo` (an event already read) by `_id`, waiting for writes in
   * flight, until they are delivered or the reorder buffer gives up on them (its gap timeout moves the position on).
   */
  private async fillGap(upTo: number): Promise<void> {
    const { events, delivered, onEvent } = this.options;
    for (let want = delivered() + 1; want < upTo && this.running; want = delivered() + 1) {
      const event = await events.findOne({ _id: encodePosition(want) });
      if (event === null) {
        await sleep(2);
        continue;
      }
      const { _id, ...rest } = event;
      onEvent(rest);
    }
  }

  private pace(): number {
    const idleFor = Date.now() - this.lastActivity;
    const { activeIntervalMs, idleIntervalMs } = this.options;
    if (idleFor < 2000) return activeIntervalMs;
    return Math.min(idleIntervalMs, activeIntervalMs * 2 ** Math.floor((idleFor - 2000) / 1000 + 1));
  }
}
