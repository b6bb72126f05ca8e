import type { JobRepository } from '../../engine/jobRepository.ts';
import { JobState } from '../../engine/jobState.ts';
import type { FailureRate, QueueStats, StateCount, ThroughputBucket, TypeStateCount } from './queueStats.ts';
import { TtlCache } from './ttlCache.ts';

/** Options of {@link QueueStatsReader}. */
export interface QueueStatsReaderOptions {
  jobs: JobRepository;
  /** How long an answer is reused for the same tenant and window, in ms (default 1000; 0 reads every time). */
  cacheMs?: number;
}

/** Every job state, in the SDL's order (states with no job still get a zero count). */
export const ALL_JOB_STATES: readonly JobState[] = Object.values(JobState);

/** States that count as a failed finish: out of attempts (FAILED) or parked in the debug queue. */
const FAILED_STATES: readonly JobState[] = [JobState.Failed, JobState.Debug];

/** Longest window the statistics accept, in minutes (one day). */
export const MAX_WINDOW_MINUTES = 1440;

/**
 * Queue statistics read from the job repository, scoped to one tenant or (`tenantId: null`) all: counts by type
 * and state, the oldest due job, and the window's finished jobs bucketed in memory.
 */
export class QueueStatsReader {
  private readonly jobs: JobRepository;
  private readonly cache: TtlCache<unknown>;

  constructor(options: QueueStatsReaderOptions) {
    this.jobs = options.jobs;
    this.cache = new TtlCache(options.cacheMs ?? 1000);
  }

  /** Jobs per type and state (zero counts left out). */
  countByTypeAndState(tenantId: string | null): Promise<TypeStateCount[]> {
    return this.cached(['types', tenantId], async () => {
      const rows = await this.jobs.countByTypeAndState(tenantId);
      return rows.sort((a, b) => a.type.localeCompare(b.type) || a.state.localeCompare(b.state));
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
    const now = Date.now();
    const currentMinute = Math.floor(now / 60_000) * 60_000;
    const first = currentMinute - (windowMinutes - 1) * 60_000;
    const buckets: ThroughputBucket[] = Array.from({ length: windowMinutes }, (_, i) => ({ start: new Date(first + i * 60_000), succeeded: 0, failed: 0 }));
    for (const job of await this.finishedSince(tenantId, new Date(first))) {
      const bucket = buckets[Math.floor((job.finishedAt.getTime() - first) / 60_000)];
      if (bucket === undefined) continue;
      if (FAILED_STATES.includes(job.state)) bucket.failed += 1;
      else bucket.succeeded += 1;
    }
    return buckets;
  }

  /** Failed (FAILED or DEBUG) over finished jobs whose `finishedAt` is in the last `windowMinutes`. */
  async failureRate(tenantId: string | null, windowMinutes: number): Promise<FailureRate> {
    const finished = await this.finishedSince(tenantId, new Date(Date.now() - windowMinutes * 60_000));
    const failed = finished.filter((j) => FAILED_STATES.includes(j.state)).length;
    return { windowMinutes, finished: finished.length, failed, rate: finished.length === 0 ? 0 : failed / finished.length };
  }

  private finishedSince(tenantId: string | null, since: Date): Promise<{ state: JobState; finishedAt: Date }[]> {
    return this.cached(['finished', tenantId, since.getTime()], () => this.jobs.finishedSince(tenantId, since));
  }

  private cached<V>(key: unknown[], compute: () => Promise<V>): Promise<V> {
    return this.cache.get(JSON.stringify(key), compute) as Promise<V>;
  }
}
