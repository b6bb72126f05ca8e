import { setTimeout as sleep } from 'node:timers/promises';
import type { Collection, FindCursor } from 'mongodb';
import type { Logger } from '../logging/logger.ts';
import type { BusEvent } from './busEvent.ts';

/** Options of {@link BusReader}. */
export interface BusReaderOptions {
  collection: Collection<BusEvent>;
  /** Position to start after (events at or before it are not read). */
  startAfter: number;
  /**
   * `server`: a tailable `awaitData` cursor, the server waits for new events (MongoDB; FerretDB closes
   * such a cursor when its first batch is short, so it would reopen it over and over).
   * `client`: this reader asks for events after the delivered position itself, fast while events flow and
   * slower when idle. For FerretDB: it answers an `awaitData` getMore by re-querying every 10 ms (a core
   * per cursor), and its tailable cursors skip documents whose record order differs from insertion order.
   */
  wait: 'server' | 'client';
  /** Position delivered so far (client mode asks for what comes after it). */
  delivered: () => number;
  /** Called with each event, in the order the store returns them (insertion order). */
  onEvent: (event: BusEvent) => void;
  logger: Logger;
  /** Client-paced wait while events flow; default 5 ms. */
  activeIntervalMs?: number;
  /** Longest client-paced wait once idle; default 100 ms. */
  idleIntervalMs?: number;
}

/**
 * A process's one reader of the bus collection: a tailable cursor (MongoDB) or a position query it paces
 * itself (FerretDB), restarted after errors such as a dropped connection.
 */
export class BusReader {
  private readonly options: Required<BusReaderOptions>;
  private lastSeen: number;
  private running = false;
  private cursor: FindCursor<BusEvent> | undefined;
  private loop: Promise<void> | undefined;
  private lastActivity = Date.now();

  constructor(options: BusReaderOptions) {
    this.options = { activeIntervalMs: 5, idleIntervalMs: 100, ...options };
    this.lastSeen = options.startAfter;
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
        await this.tail();
      } catch (error) {
        if (!this.running) return;
        this.options.logger.warn({ err: error }, 'bus reader lost its cursor; reopening');
        await sleep(200);
      }
    }
  }

  private async poll(): Promise<void> {
    const { collection } = this.options;
    while (this.running) {
      const events = await collection.find({ seq: { $gt: this.options.delivered() } }, { projection: { _id: 0 } }).sort({ seq: 1 }).limit(1000).toArray();
      for (const event of events) {
        if (event.seq > this.lastSeen) {
          this.lastSeen = event.seq;
          this.lastActivity = Date.now();
        }
        this.options.onEvent(event);
      }
      if (events.length < 1000) await sleep(this.pace());
    }
  }

  private async tail(): Promise<void> {
    const { collection, wait } = this.options;
    if (wait === 'client') return this.poll();
    // A tailable cursor scans in insertion order; asking for everything after the delivered position
    // also returns events whose position was allocated earlier but written later.
    const cursor = collection.find({ seq: { $gt: this.options.delivered() } }, { tailable: true, awaitData: true, maxAwaitTimeMS: 1000 });
    this.cursor = cursor;
    try {
      while (this.running) {
        const event = await cursor.tryNext();
        if (event !== null) {
          this.lastActivity = Date.now();
          if (event.seq > this.lastSeen) this.lastSeen = event.seq;
          if (event.seq > this.options.startAfter) this.options.onEvent(event);
          continue;
        }
        if (cursor.closed || cursor.id?.isZero() === true) throw new Error('tailable cursor closed by the server');
      }
    } finally {
      await cursor.close().catch(() => undefined);
    }
  }

  private pace(): number {
    const idleFor = Date.now() - this.lastActivity;
    const { activeIntervalMs, idleIntervalMs } = this.options;
    if (idleFor < 2000) return activeIntervalMs;
    return Math.min(idleIntervalMs, activeIntervalMs * 2 ** Math.floor((idleFor - 2000) / 1000 + 1));
  }
}
