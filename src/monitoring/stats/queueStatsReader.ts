import type { JobRepository } from '../../engine/jobRepository.ts';
import { JobState } from '../../engine/jobState.ts';
import type { FailureRate, QueueStats, StateCount, ThroughputBucket, TypeStateCount } from './queueStats.ts';
import { TtlCache } from './ttlCache.ts';
import { CostSpacedCache } from './costSpacedCache.ts';
import type { FinishBucketStore, FinishCounts } from './finishBucketStore.ts';

/** Options of {@link QueueStatsReader}. */
export interface QueueStatsReaderOptions {
  jobs: JobRepository;
  /** Jobs ended per minute (throughput and failure rates are read there, never from the job history). */
  finishes: FinishBucketStore;
  /** How long an answer is reused for the same tenant and window, in ms (default 1000; 0 reads every time). */
  cacheMs?: number;
  /**
   * Largest share of the time spent counting the job history for one scope (default 0.05): the history count is
   * reused for at least `cacheMs` and at least 1/share of its last duration. With 50,000 ended jobs on the embedded
   * database one count takes about 5 s, so it is then refreshed about every 100 s, in the background.
   */
  historyShare?: number;
}

/** Every job state, in the SDL's order (states with no job still get a zero count). */
export const ALL_JOB_STATES: readonly JobState[] = Object.values(JobState);

/** Longest window the statistics accept, in minutes (one day). */
export const MAX_WINDOW_MINUTES = 1440;

/**
 * Queue statistics, scoped to one tenant or (`tenantId: null`) all: counts by type and state and the oldest due job
 * from the job repository; throughput and failure rates from the per-minute finish buckets (by `_id`: their cost
 * does not grow with the job history). A finish counts in the minute the job ended, as it ended then: SUCCEEDED, or
 * failed (FAILED, or parked in the debug queue); a job requeued and run again counts again when it ends again.
 */
export class QueueStatsReader {
  private readonly jobs: JobRepository;
  private readonly finishes: FinishBucketStore;
  private readonly cache: TtlCache<unknown>;
  private readonly ended: CostSpacedCache<TypeStateCount[]>;

  constructor(options: QueueStatsReaderOptions) {
    this.jobs = options.jobs;
    this.finishes = options.finishes;
    const cacheMs = options.cacheMs ?? 1000;
    this.cache = new TtlCache(cacheMs);
    this.ended = new CostSpacedCache({ minMs: cacheMs, share: options.historyShare ?? 0.05, inlineMs: 100 });
  }

  /**
   * Jobs per type and state (zero counts left out): the live jobs as of at most `cacheMs` ago; the ended ones from a
   * count of the history spaced by its cost (see {@link QueueStatsReaderOptions.historyShare}), so with a large
   * history the ended states lag by up to 20 times that count's duration while the live ones stay current.
   */
  countByTypeAndState(tenantId: string | null): Promise<TypeStateCount[]> {
    return this.cached(['types', tenantId], async () => {
      const [live, ended] = await Promise.all([this.jobs.countByTypeAndState(tenantId, 'live'), this.ended.get(JSON.stringify(tenantId), () => this.jobs.countByTypeAndState(tenantId, 'ended'))]);
      const counts = new Map<string, TypeStateCount>();
      for (const row of [...live, ...ended]) {
        const key = `${row.type}\u0000${row.state}`;
        const known = counts.get(key);
        if (known === undefined) counts.set(key, { ...row });
        else known.count += row.count;
      }
      return [...counts.values()].sort((a, b) => a.type.localeCompare(b.type) || a.state.localeCompare(b.state));
    });
  }

  /** Age in seconds of the oldest QUEUED job that is due (`runAt <= now`), or `null`. */
  oldestQueuedAgeSeconds(tenantId: string | null): Promise<number | null> {
    return this.cached(['oldest', tenantId], async () => {
      const now = new Date();
      const oldest = await this.jobs.oldestDueQueuedRunAt(tenantId, now);
      return oldest === null ? null : Math.max(0, (now.getTime() - oldest.getTime()) / 1000);
    });
  }

  /** Counts per state and type, the oldest due job's age, and per-minute throughput over `windowMinutes`. */
  async queueStats(tenantId: string | null, windowMinutes: number): Promise<QueueStats> {
    const [byType, oldestQueuedAgeSeconds, throughput] = await Promise.all([
      this.countByTypeAndState(tenantId),
      this.oldestQueuedAgeSeconds(tenantId),
      this.throughput(tenantId, windowMinutes),
    ]);
    const perState = new Map<JobState, number>(ALL_JOB_STATES.map((s) => [s, 0]));
    for (const row of byType) perState.set(row.state, (perState.get(row.state) ?? 0) + row.count);
    const byState: StateCount[] = [...perState].map(([state, count]) => ({ state, count }));
    return { byState, byType, oldestQueuedAgeSeconds, throughput };
  }

  /** Finished jobs per minute over the last `windowMinutes` (the current, partial minute last). */
  async throughput(tenantId: string | null, windowMinutes: number): Promise<ThroughputBucket[]> {
    const first = Math.floor(Date.now() / 60_000) * 60_000 - (windowMinutes - 1) * 60_000;
    const byMinute = new Map((await this.finishedPerMinute(tenantId, first, windowMinutes)).map((c) => [c.minuteMs, c]));
    return Array.from({ length: windowMinutes }, (_, i) => {
      const start = first + i * 60_000;
      const counts = byMinute.get(start);
      return { start: new Date(start), succeeded: counts?.succeeded ?? 0, failed: counts?.failed ?? 0 };
    });
  }

  /**
   * Failed (FAILED or parked in DEBUG) over finished jobs in the last `windowMinutes`: the minutes that began in the
   * window, and the one the window starts in (the figure is per minute, so a window can reach up to a minute further).
   */
  async failureRate(tenantId: string | null, windowMinutes: number): Promise<FailureRate> {
    const first = Math.floor((Date.now() - windowMinutes * 60_000) / 60_000) * 60_000;
    const counts = await this.finishedPerMinute(tenantId, first, windowMinutes + 1);
    const failed = counts.reduce((n, c) => n + c.failed, 0);
    const finished = counts.reduce((n, c) => n + c.succeeded + c.failed, 0);
    return { windowMinutes, finished, failed, rate: finished === 0 ? 0 : failed / finished };
  }

  /**
   * Not cached: a read by `_id` is cheap, and every process must see a flush as soon as it landed. A cached read
   * from before it made a second API process resolve the failure-rate incident the first had just fired on the
   * flushed counts (and fire it again a round later).
   */
  private finishedPerMinute(tenantId: string | null, firstMinuteMs: number, minutes: number): Promise<FinishCounts[]> {
    return this.finishes.read(
      tenantId,
      Array.from({ length: minutes }, (_, i) => firstMinuteMs + i * 60_000),
    );
  }

  private cached<V>(key: unknown[], compute: () => Promise<V>): Promise<V> {
    return this.cache.get(JSON.stringify(key), compute) as Promise<V>;
  }
}
