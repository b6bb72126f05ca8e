/** Sizes of a bench run. Every field can be overridden by the environment variable named in its doc. */
export interface BenchOptions {
  /** Longhaul jobs created one at a time for latency (`BENCH_LATENCY_JOBS`, default 30). */
  latencyJobs: number;
  /** Plain Agenda latency jobs (`BENCH_PLAIN_LATENCY_JOBS`, default 20). */
  plainLatencyJobs: number;
  /** Spacing of plain Agenda latency jobs, ms (`BENCH_PLAIN_SPACING_MS`, default 700). */
  plainSpacingMs: number;
  /** Jobs of each throughput burst, both systems (`BENCH_THROUGHPUT_JOBS`, default 200). */
  throughputJobs: number;
  /** Create calls in flight during a burst (`BENCH_CREATE_CONCURRENCY`, default 32). */
  createConcurrency: number;
  /** Subscriber counts of the progress phase, comma-separated (`BENCH_SUBSCRIBERS`, default `100,1000`). */
  subscriberCounts: number[];
  /** Subscribers per child process (`BENCH_SUBSCRIBERS_PER_PROCESS`, default 500). */
  subscribersPerProcess: number;
}

/** Error for a `BENCH_*` variable that is not a positive integer. */
export class BenchOptionsError extends Error {
  override readonly name = 'BenchOptionsError';
}

/** A `BENCH_*` variable as a positive integer, or `fallback` when unset. */
export function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new BenchOptionsError(`${name} must be an integer >= 1, got "${raw}"`);
  return value;
}

/** Resolves {@link BenchOptions} from the environment, with the defaults documented there. */
export function loadBenchOptions(env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const counts = (env.BENCH_SUBSCRIBERS ?? '100,1000').split(',').map((part) => part.trim()).filter((part) => part !== '');
  const subscriberCounts = counts.map((part) => positiveInt({ BENCH_SUBSCRIBERS: part }, 'BENCH_SUBSCRIBERS', 1));
  return {
    latencyJobs: positiveInt(env, 'BENCH_LATENCY_JOBS', 30),
    plainLatencyJobs: positiveInt(env, 'BENCH_PLAIN_LATENCY_JOBS', 20),
    plainSpacingMs: positiveInt(env, 'BENCH_PLAIN_SPACING_MS', 700),
    throughputJobs: positiveInt(env, 'BENCH_THROUGHPUT_JOBS', 200),
    createConcurrency: positiveInt(env, 'BENCH_CREATE_CONCURRENCY', 32),
    subscriberCounts,
    subscribersPerProcess: positiveInt(env, 'BENCH_SUBSCRIBERS_PER_PROCESS', 500),
  };
}
