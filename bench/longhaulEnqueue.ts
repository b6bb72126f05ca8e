import { ObjectId, type Db } from 'mongodb';
import { runBounded } from './support/boundedConcurrency.ts';
import type { GraphqlHttpClient } from './support/graphqlHttpClient.ts';
import type { JobOutcomeWatcher } from './support/jobOutcomeWatcher.ts';
import type { EnqueueResult } from './enqueueResult.ts';
import { summarize, throughputOf } from './stats.ts';

/** Options of {@link measureLonghaulEnqueue}. */
export interface LonghaulEnqueueOptions {
  /** GraphQL client of the `serve` process. Required. */
  http: GraphqlHttpClient;
  /** Follows job outcomes over graphql-ws. Required. */
  watcher: JobOutcomeWatcher;
  /** Longhaul's database (read for `createdAt`, `startedAt`, `finishedAt`). Required. */
  db: Db;
  /** Jobs created one after the other for the latency figures. Default: 30. */
  latencyJobs?: number;
  /** Jobs created as fast as possible for the throughput figure. Default: 200. */
  throughputJobs?: number;
  /** Create requests in flight during the burst. Default: 32. */
  createConcurrency?: number;
  /** Time bound of the latency phase. Default: 60 000 ms. */
  latencyPhaseTimeoutMs?: number;
  /** Time bound of the throughput phase. Default: 120 000 ms. */
  throughputPhaseTimeoutMs?: number;
}

/** The trivial job: `demo.count` to 0 starts, reports once and succeeds. */
export const TRIVIAL_JOB = { type: 'demo.count', input: { to: 0 } } as const;

interface TimedJob {
  createdAt?: Date;
  startedAt?: Date | null;
  finishedAt?: Date | null;
  state?: string;
}

/**
 * Longhaul's enqueue-to-start latency (`startedAt - createdAt` of the job document; one job at a
 * time, each waited for until it ended) and throughput (a burst of jobs created over GraphQL,
 * timed from the first request to the last `finishedAt`).
 */
export async function measureLonghaulEnqueue(options: LonghaulEnqueueOptions): Promise<EnqueueResult> {
  const { http, watcher, db } = options;
  const latencyJobs = options.latencyJobs ?? 30;
  const throughputJobs = options.throughputJobs ?? 200;
  const notes: string[] = [];
  const jobs = db.collection<TimedJob & { _id: ObjectId }>('agendaJobs');
  const read = async (ids: string[]) => jobs.find({ _id: { $in: ids.map((id) => new ObjectId(id)) } }).toArray();

  const latencyDeadline = Date.now() + (options.latencyPhaseTimeoutMs ?? 60_000);
  const sequential: string[] = [];
  for (let i = 0; i < latencyJobs && Date.now() < latencyDeadline; i++) {
    const id = await http.createJob(TRIVIAL_JOB.type, TRIVIAL_JOB.input);
    sequential.push(id);
    const outcome = await watcher.waitForAll([id], Math.max(1, latencyDeadline - Date.now()));
    if (!outcome.has(id)) notes.push(`latency job ${id} had not ended when the phase's time bound passed`);
  }
  if (sequential.length < latencyJobs) notes.push(`latency phase stopped at its time bound after ${sequential.length} of ${latencyJobs} jobs`);
  const sequentialDocs = await read(sequential);
  const latencySamples = startLatencies(sequentialDocs);
  if (latencySamples.length < sequential.length) notes.push(`${sequential.length - latencySamples.length} latency job(s) never started`);

  const started = Date.now();
  const burst = await runBounded(throughputJobs, options.createConcurrency ?? 32, () => http.createJob(TRIVIAL_JOB.type, TRIVIAL_JOB.input));
  const outcomes = await watcher.waitForAll(burst, options.throughputPhaseTimeoutMs ?? 120_000);
  const burstDocs = await read(burst);
  const succeeded = burstDocs.filter((d) => d.state === 'SUCCEEDED' && d.finishedAt instanceof Date);
  const lastFinish = Math.max(...succeeded.map((d) => d.finishedAt!.getTime()));
  const throughput = throughputOf(succeeded.length, throughputJobs, succeeded.length === 0 ? Number.NaN : lastFinish - started);
  if (outcomes.size < throughputJobs) notes.push(`throughput phase hit its time bound: ${outcomes.size} of ${throughputJobs} jobs ended`);
  const failed = burstDocs.filter((d) => d.state !== 'SUCCEEDED').length;
  if (failed > 0) notes.push(`${failed} burst job(s) did not succeed`);

  return {
    system: 'longhaul',
    latency: summarize(latencySamples),
    latencyMethod: 'one at a time over GraphQL; startedAt - createdAt of the job document',
    throughput,
    burstLatency: summarize(startLatencies(burstDocs)),
    notes,
  };
}

function startLatencies(docs: TimedJob[]): number[] {
  return docs
    .filter((d) => d.createdAt instanceof Date && d.startedAt instanceof Date)
    .map((d) => d.startedAt!.getTime() - d.createdAt!.getTime());
}
