import type { JobProgressRecord } from './jobRecord.ts';
import type { ProgressUpdate } from './jobContext.ts';

/**
 * Keeps the latest progress of a run and writes it at most once per `intervalMs`:
 * a job reporting 10,000 times a second costs a few writes a second. One write is in flight at a time.
 */
export class ProgressCoalescer {
  private latest: JobProgressRecord;
  private dirty = false;
  private lastWrite = 0;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;

  constructor(
    initial: JobProgressRecord,
    private readonly intervalMs: number,
    private readonly write: (progress: JobProgressRecord) => Promise<void>,
  ) {
    this.latest = initial;
  }

  /** The newest progress reported. */
  get current(): JobProgressRecord {
    return this.latest;
  }

  report(update: ProgressUpdate): void {
    this.latest = {
      processed: update.processed,
      total: update.total === undefined ? this.latest.total : update.total,
      message: update.message === undefined ? this.latest.message : update.message,
    };
    this.dirty = true;
    this.schedule();
  }

  /** Writes pending progress now and waits for it. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.inFlight;
    if (this.dirty) await this.writeNow();
  }

  /** Waits for a write in flight and drops what is pending (the caller writes the latest progress itself). */
  async settle(): Promise<void> {
    this.close();
    await this.inFlight;
  }

  /** Drops pending progress and stops the timer. */
  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.dirty = false;
  }

  private schedule(): void {
    if (this.timer !== undefined || this.inFlight !== undefined) return;
    const wait = Math.max(0, this.lastWrite + this.intervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.writeNow();
    }, wait);
  }

  private writeNow(): Promise<void> {
    this.dirty = false;
    this.lastWrite = Date.now();
    const snapshot = this.latest;
    this.inFlight = this.write(snapshot).finally(() => {
      this.inFlight = undefined;
      if (this.dirty) this.schedule();
    });
    return this.inFlight;
  }
}
