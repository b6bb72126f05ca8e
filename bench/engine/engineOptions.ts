import { positiveInt } from '../benchOptions.ts';

/**
 * Sizes of `npm run bench -- engine`. Every field can be overridden by the environment variable named in its doc;
 * the defaults fit a full run in about 20 minutes on a 2-core machine. A quick run:
 * `BENCH_ENGINE_BURSTS=200 BENCH_ENGINE_PLAIN_BURSTS=100 BENCH_ENGINE_PRELOAD=2000 BENCH_ENGINE_LATENCY_JOBS=20
 * BENCH_ENGINE_IDLE_S=10 BENCH_ENGINE_BURST_TIMEOUT_S=30 BENCH_ENGINE_SUBSCRIBERS=100,300 npm run bench -- engine`.
 */
export interface EngineBenchOptions {
  /** Burst sizes of longhaul and BullMQ; the first is the one the goals use (`BENCH_ENGINE_BURSTS`, default `1000,10000`). */
  bursts: number[];
  /** Burst sizes of both plain Agenda runs (`BENCH_ENGINE_PLAIN_BURSTS`, default `1000`: at a few jobs/s a larger one only hits its bound). */
  plainBursts: number[];
  /** Time bound of one burst, creation included, of the sequential latency phase and of the `jobs` timing, seconds (`BENCH_ENGINE_BURST_TIMEOUT_S`, default 90: a 10,000-job burst at the goal rate takes about 60 s). */
  burstTimeoutS: number;
  /** Finished jobs stored before the second longhaul burst (`BENCH_ENGINE_PRELOAD`, default 50000). */
  preload: number;
  /** Sequential jobs of the enqueue-to-start figures, longhaul and BullMQ (`BENCH_ENGINE_LATENCY_JOBS`, default 100). */
  latencyJobs: number;
  /** Timed `jobs(first: 50, filter: { states: [RUNNING] })` queries per database size (`BENCH_ENGINE_QUERY_SAMPLES`, default 10). */
  querySamples: number;
  /** Length of the idle window of `longhaul all`, seconds (`BENCH_ENGINE_IDLE_S`, default 30). */
  idleS: number;
  /** `createJob` calls in flight when the schema has no `createJobs` (`BENCH_CREATE_CONCURRENCY`, default 32; also `agenda.now()` calls). */
  createConcurrency: number;
  /** Subscriber counts of the progress fan-out (`BENCH_ENGINE_SUBSCRIBERS`, default `1000,5000`). */
  subscriberCounts: number[];
  /** Subscribers per child process (`BENCH_SUBSCRIBERS_PER_PROCESS`, default 1000). */
  subscribersPerProcess: number;
}

function positiveList(env: NodeJS.ProcessEnv, name: string, fallback: string): number[] {
  const parts = (env[name] ?? fallback).split(',').map((part) => part.trim()).filter((part) => part !== '');
  return parts.map((part) => positiveInt({ [name]: part }, name, 1));
}

/** Resolves {@link EngineBenchOptions} from the environment, with the defaults documented there. */
export function loadEngineBenchOptions(env: NodeJS.ProcessEnv = process.env): EngineBenchOptions {
  return {
    bursts: positiveList(env, 'BENCH_ENGINE_BURSTS', '1000,10000'),
    plainBursts: positiveList(env, 'BENCH_ENGINE_PLAIN_BURSTS', '1000'),
    burstTimeoutS: positiveInt(env, 'BENCH_ENGINE_BURST_TIMEOUT_S', 90),
    preload: positiveInt(env, 'BENCH_ENGINE_PRELOAD', 50_000),
    latencyJobs: positiveInt(env, 'BENCH_ENGINE_LATENCY_JOBS', 100),
    querySamples: positiveInt(env, 'BENCH_ENGINE_QUERY_SAMPLES', 10),
    idleS: positiveInt(env, 'BENCH_ENGINE_IDLE_S', 30),
    createConcurrency: positiveInt(env, 'BENCH_CREATE_CONCURRENCY', 32),
    subscriberCounts: positiveList(env, 'BENCH_ENGINE_SUBSCRIBERS', '1000,5000'),
    subscribersPerProcess: positiveInt(env, 'BENCH_SUBSCRIBERS_PER_PROCESS', 1000),
  };
}
