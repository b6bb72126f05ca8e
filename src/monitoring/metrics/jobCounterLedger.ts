import type { BusMessage } from '../../bus/busEvent.ts';
import type { JobRecord } from '../../engine/jobRecord.ts';
import type { JobEventKind } from '../../engine/jobEvent.ts';
import type { Logger } from '../../logging/logger.ts';
import type { JobCounterIncrement, JobCounterMetric, JobCounterStore } from './jobCounterStore.ts';
import type { FinishBucketStore, FinishIncrement } from '../stats/finishBucketStore.ts';

/** Buckets of job durations in seconds: from a tenth of a second to a day (long jobs are the point). */
export const DURATION_BUCKETS_SECONDS = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 1800, 3600, 4 * 3600, 12 * 3600, 24 * 3600];

/** Options of {@link JobCounterLedger}. */
export interface JobCounterLedgerOptions {
  /** The `jobCounters` collection. */
  store: JobCounterStore;
  /** The `jobFinishBuckets` collection (jobs ended per minute and tenant); default none (not counted). */
  finishes?: FinishBucketStore;
  logger: Logger;
  /** How often counts of this process are added to the database, in ms (`LONGHAUL_METRICS_FLUSH_MS`, default 1000). */
  flushMs?: number;
}

interface PendingCount {
  metric: JobCounterMetric;
  type: string;
  outcome: string;
  inc: Record<string, number>;
}

/**
 * Cluster-wide job counters, counted where each event is produced. Every process that publishes job events
 * (API processes create jobs, workers start, retry and end them, zombie detectors end lost ones) counts its
 * own events in memory through {@link companion} and adds them to the `jobCounters` collection every
 * `flushMs` with one bulk of `$inc`s by `_id`. Each event is counted once, by its producer, so the totals are
 * the deployment's: every API process serves the same figures, and they survive restarts (a process killed
 * with SIGKILL loses at most its last `flushMs` of counts).
 */
export class JobCounterLedger {
  private readonly flushMs: number;
  private pending = new Map<string, PendingCount>();
  /** Jobs ended per minute and tenant, keyed `<minute ms>|<tenant>`. */
  private pendingFinishes = new Map<string, FinishIncrement>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly options: JobCounterLedgerOptions) {
    this.flushMs = options.flushMs ?? 1000;
  }

  /** A job-event companion ({@link import('../../engine/jobEventCompanions.ts').JobEventCompanions}) that counts and adds no message. */
  readonly companion = (kind: JobEventKind, doc: JobRecord): BusMessage[] => {
    this.count(kind, doc);
    return [];
  };

  /** Starts adding counts to the database every `flushMs`. */
  start(): void {
    this.timer ??= setInterval(() => void this.flush(), this.flushMs);
    this.timer.unref();
  }

  /** Stops the timer and adds what is pending. */
  async stop(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  /** Adds the pending counts to the database now (one bulk write per collection); kept for the next flush when it fails. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      const batch = this.pending;
      const finishes = this.pendingFinishes;
      this.pending = new Map();
      this.pendingFinishes = new Map();
      const increments: JobCounterIncrement[] = [...batch].map(([id, p]) => ({ id, ...p }));
      try {
        await this.options.store.add(increments);
      } catch (error) {
        // Unapplied counts go back (a partly applied bulk may count some twice: counters stay monotonic).
        for (const [id, p] of batch) this.add(id, p.metric, p.type, p.outcome, p.inc);
        this.options.logger.warn({ err: error }, 'job counters: flush failed; retrying with the next one');
      }
      if (finishes.size === 0 || this.options.finishes === undefined) return;
      try {
        await this.options.finishes.add([...finishes.values()]);
      } catch (error) {
        for (const f of finishes.values()) this.addFinish(f.tenantId, f.minuteMs, f.succeeded, f.failed);
        this.options.logger.warn({ err: error }, 'job finish buckets: flush failed; retrying with the next one');
      }
    });
    return this.flushing;
  }

  private count(kind: JobEventKind, doc: JobRecord): void {
    const type = doc.type;
    switch (kind) {
      case 'CREATED':
        this.add(`created|${type}|`, 'created', type, '', { value: 1 });
        return;
      case 'STARTED':
        this.add(`attempts|${type}|`, 'attempts', type, '', { value: 1 });
        return;
      case 'RETRYING':
        this.add(`retries|${type}|`, 'retries', type, '', { value: 1 });
        return;
      case 'SUCCEEDED':
      case 'FAILED':
      case 'DEBUG':
      case 'CANCELLED': {
        const outcome = kind.toLowerCase();
        this.add(`finished|${type}|${outcome}`, 'finished', type, outcome, { value: 1 });
        // A job discarded from the debug queue was counted as failed when it entered it.
        const discarded = kind === 'FAILED' && doc.debugActions.at(-1)?.kind === 'DISCARDED';
        if (kind !== 'CANCELLED' && !discarded) {
          const minuteMs = Math.floor((doc.finishedAt ?? new Date()).getTime() / 60_000) * 60_000;
          this.addFinish(doc.tenantId, minuteMs, kind === 'SUCCEEDED' ? 1 : 0, kind === 'SUCCEEDED' ? 0 : 1);
        }
        const started = doc.startedAt ?? null;
        const finished = doc.finishedAt ?? null;
        if (kind !== 'CANCELLED' && started !== null && finished !== null) {
          const seconds = Math.max(0, (finished.getTime() - started.getTime()) / 1000);
          const bucket = DURATION_BUCKETS_SECONDS.findIndex((le) => seconds <= le);
          this.add(`duration|${type}|${outcome}`, 'duration', type, outcome, { value: 1, sum: seconds, [bucket === -1 ? 'bInf' : `b${bucket}`]: 1 });
        }
        return;
      }
      case 'SNAPSHOT':
      case 'PROGRESS':
      case 'CHECKPOINT':
      case 'REQUEUED':
        return;
      default: {
        const exhaustive: never = kind;
        return exhaustive;
      }
    }
  }

  private addFinish(tenantId: string, minuteMs: number, succeeded: number, failed: number): void {
    const key = `${minuteMs}|${tenantId}`;
    const entry = this.pendingFinishes.get(key) ?? { tenantId, minuteMs, succeeded: 0, failed: 0 };
    entry.succeeded += succeeded;
    entry.failed += failed;
    this.pendingFinishes.set(key, entry);
  }

  private add(id: string, metric: JobCounterMetric, type: string, outcome: string, inc: Record<string, number>): void {
    const entry = this.pending.get(id) ?? { metric, type, outcome, inc: {} };
    for (const [field, n] of Object.entries(inc)) entry.inc[field] = (entry.inc[field] ?? 0) + n;
    this.pending.set(id, entry);
  }
}
