/** Distribution of a set of latency samples, in milliseconds. */
export interface LatencySummary {
  /** Samples summarised. */
  count: number;
  /** Median (nearest-rank); `NaN` without samples. */
  p50: number;
  /** 99th percentile (nearest-rank); `NaN` without samples. */
  p99: number;
  /** Largest sample; `NaN` without samples. */
  max: number;
  /** Arithmetic mean; `NaN` without samples. */
  mean: number;
}

/** Jobs finished per second over a measured span. */
export interface Throughput {
  /** Jobs that finished within the span. */
  jobs: number;
  /** Jobs asked for. */
  requested: number;
  /** From the first create call to the last job's finish, in ms. */
  spanMs: number;
  /** `jobs / spanMs * 1000`. */
  perSecond: number;
  /** False when the phase hit its time bound before every job finished. */
  complete: boolean;
}

/** Nearest-rank percentile `p` (0..100) of already sorted samples; `NaN` when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Summarises latency samples (any order; the input is not modified). */
export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.length === 0 ? Number.NaN : sorted[sorted.length - 1]!,
    mean: sorted.length === 0 ? Number.NaN : sum / sorted.length,
  };
}

/** Builds a {@link Throughput} from a finished count and a span. */
export function throughputOf(jobs: number, requested: number, spanMs: number): Throughput {
  return { jobs, requested, spanMs, perSecond: spanMs > 0 ? (jobs / spanMs) * 1000 : Number.NaN, complete: jobs === requested };
}
