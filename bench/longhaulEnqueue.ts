import { ObjectId, type Db } from 'mongodb';
import { runBounded } from './support/boundedConcurrency.ts';
import type { GraphqlHttpClient } from './support/graphqlHttpClient.ts';
import type { JobOutcomeWatcher } from './support/jobOutcomeWatcher.ts';
import type { EnqueueResult } from './enqueueResult.ts';
import { summarize, throughputOf } from './stats.ts';
import { findJobDocuments } from './support/jobDocuments.ts';

/** Options of {@link measureLonghaulEnqueue}. */
export interface LonghaulEnqueueOptions {
  /** GraphQL client of the `serve` process. Required. */
  http: GraphqlHttpClient;
  /** Follows job starts and outcomes over graphql-ws. Required. */
  watcher: JobOutcomeWatcher;
  /** Longhaul's database (read for `createdAt`, `startedAt`, `finishedAt`). Required. */
  db: Db;
  /** Jobs created one after the other for the latency figures. Default: 30. */
  latencyJobs?: number;
  /** How long one latency job may take to end before the phase moves on. Default: 10 000 ms. */
  latencyJobTimeoutMs?: number;
  /** Time bound of the latency phase. Default: 60 000 ms. */
  latencyPhaseTimeoutMs?: number;
  /** Jobs created as fast as possible for the throughput figure. Default: 200. */
  throughputJobs?: number;
  /** Create requests in flight during the burst. Default: 32. */
  createConcurrency?: number;
  /** Time bound of the throughput phase. Default: 75 000 ms. */
  throughputPhaseTimeoutMs?: number;
  /** The burst wait gives up once no job ended for this long (the rest are stuck). Default: 15 000 ms. */
  stallMs?: number;
}

/** The trivial job: `demo.count` to 0 starts, reports once and succeeds. */
export const TRIVIAL_JOB = { type: 'demo.count', input: { to: 0 } } as const;

interface JobTimes {
  _id: ObjectId;
  createdAt?: Date;
  startedAt?: Date | null;
  finishedAt?: Date | null;
  state?: string;
  nextRunAt?: Date | null;
  lockedAt?: Date | null;
  lastFinishedAt?: Date | null;
  lastRunAt?: Date | null;
}

/**
 * Longhaul's enqueue-to-start latency (`startedAt - createdAt` of the job document, or the STARTED
 * event's `at` when `startedAt` is missing; one job at a time, each waited for until it ended) and
 * throughput (a burst created over GraphQL, from the first request to the last `finishedAt`).
 */
export async function measureLonghaulEnqueue(options: LonghaulEnqueueOptions): Promise<EnqueueResult> {
  const { http, watcher, db } = options;
  const latencyJobs = options.latencyJobs ?? 30;
  const throughputJobs = options.throughputJobs ?? 200;
  const notes: string[] = [];
  const read = async (ids: string[]): Promise<JobTimes[]> => findJobDocuments<JobTimes>(db, { _id: { $in: ids.map((id) => new ObjectId(id)) } });
  const startLatencies = (docs: JobTimes[]): { samples: number[]; fromEvent: number } => {
    let fromEvent = 0;
    const samples = docs.flatMap((d) => {
      if (!(d.createdAt instanceof Date)) return [];
      if (d.startedAt instanceof Date) return [d.startedAt.getTime() - d.createdAt.getTime()];
      const eventAt = watcher.started(d._id.toHexString());
      if (eventAt === undefined) return [];
      fromEvent++;
      return [eventAt - d.createdAt.getTime()];
    });
    return { samples, fromEvent };
  };

  const createFailures = new Map<string, number>();
  const tryCreate = async (): Promise<string | undefined> => {
    try {
      return await http.createJob(TRIVIAL_JOB.type, TRIVIAL_JOB.input);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      createFailures.set(message, (createFailures.get(message) ?? 0) + 1);
      return undefined;
    }
  };

  const latencyDeadline = Date.now() + (options.latencyPhaseTimeoutMs ?? 60_000);
  const sequential: string[] = [];
  let unended = 0;
  for (let i = 0; i < latencyJobs && Date.now() < latencyDeadline; i++) {
    const id = await tryCreate();
    if (id === undefined) continue;
    sequential.push(id);
    const wait = await watcher.waitForAll([id], Math.max(1, Math.min(options.latencyJobTimeoutMs ?? 10_000, latencyDeadline - Date.now())));
    if (wait.ended.size === 0) unended++;
  }
  if (sequential.length < latencyJobs) notes.push(`latency phase created ${sequential.length} of ${latencyJobs} jobs (failed creates or its time bound)`);
  if (unended > 0) notes.push(`${unended} latency job(s) had not ended ${((options.latencyJobTimeoutMs ?? 10_000) / 1000).toFixed(0)} s after creation`);
  const sequentialDocs = await read(sequential);
  const latency = startLatencies(sequentialDocs);
  const breakdown = latencyBreakdown(sequentialDocs);
  if (breakdown !== undefined) notes.push(breakdown);
  if (latency.samples.length < sequential.length) notes.push(`${sequential.length - latency.samples.length} latency job(s) never started`);
  if (latency.fromEvent > 0) notes.push(`${latency.fromEvent} latency job(s) had no startedAt in their document; their STARTED event time was used`);

  const started = Date.now();
  const burst = (await runBounded(throughputJobs, options.createConcurrency ?? 32, tryCreate)).filter((id): id is string => id !== undefined);
  const createdIn = Date.now() - started;
  if (createFailures.size > 0) {
    const failed = [...createFailures.values()].reduce((a, b) => a + b, 0);
    notes.push(`${failed} createJob call(s) failed: ${[...createFailures].map(([m, n]) => `${n}x "${m}"`).join(', ')}`);
  }
  const wait = await watcher.waitForAll(burst, options.throughputPhaseTimeoutMs ?? 75_000, options.stallMs ?? 15_000);
  const burstDocs = await read(burst);
  const succeeded = burstDocs.filter((d) => d.state === 'SUCCEEDED' && d.finishedAt instanceof Date);
  const lastFinish = Math.max(...succeeded.map((d) => d.finishedAt!.getTime()));
  const throughput = throughputOf(succeeded.length, throughputJobs, succeeded.length === 0 ? Number.NaN : lastFinish - started);
  notes.push(`creating the ${throughputJobs} burst jobs took ${createdIn} ms (${((throughputJobs / createdIn) * 1000).toFixed(1)} creates/s)`);
  if (wait.stoppedBy !== 'all-ended') {
    const stuck = burstDocs.filter((d) => d.state !== 'SUCCEEDED');
    notes.push(
      `burst wait ${wait.stoppedBy === 'stalled' ? `gave up after no job ended for ${((options.stallMs ?? 15_000) / 1000).toFixed(0)} s` : 'hit its time bound'}: ` +
        `${stuck.length} job(s) unfinished; e.g. ${stuck.slice(0, 2).map(describeStuck).join('; ')}`,
    );
  }
  const burstLatency = startLatencies(burstDocs);

  return {
    system: 'longhaul',
    latency: summarize(latency.samples),
    latencyMethod: 'one at a time over GraphQL, each waited for; startedAt - createdAt of the job document',
    throughput,
    burstLatency: summarize(burstLatency.samples),
    notes,
  };
}

/** Medians of the legs of enqueue-to-start: until Agenda ran the job (`lastRunAt`), then until longhaul claimed it (`startedAt`). */
function latencyBreakdown(docs: JobTimes[]): string | undefined {
  const legs = docs.filter((d) => d.createdAt instanceof Date && d.lastRunAt instanceof Date && d.startedAt instanceof Date);
  if (legs.length === 0) return undefined;
  const median = (values: number[]): number => summarize(values).p50;
  const toAgenda = median(legs.map((d) => d.lastRunAt!.getTime() - d.createdAt!.getTime()));
  const toClaim = median(legs.map((d) => d.startedAt!.getTime() - d.lastRunAt!.getTime()));
  return `latency legs (medians of the sequential jobs): createdAt -> Agenda's lastRunAt ${toAgenda} ms (bus wake-up, lock), lastRunAt -> startedAt ${toClaim} ms (Agenda's run bookkeeping, longhaul's claim)`;
}

function describeStuck(doc: JobTimes): string {
  const iso = (d: Date | null | undefined): string => (d instanceof Date ? d.toISOString().slice(11, 23) : String(d ?? null));
  return `${doc._id.toHexString()} state=${doc.state} nextRunAt=${iso(doc.nextRunAt)} lockedAt=${iso(doc.lockedAt)} agenda lastFinishedAt=${iso(doc.lastFinishedAt)}`;
}
