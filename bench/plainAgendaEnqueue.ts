import { setTimeout as sleep } from 'node:timers/promises';
import { Agenda, type Job } from 'agenda';
import { MongoBackend } from '@agendajs/mongo-backend';
import { ObjectId, type Db } from 'mongodb';
import { runBounded } from './support/boundedConcurrency.ts';
import type { EnqueueResult } from './enqueueResult.ts';
import { summarize, throughputOf } from './stats.ts';

/** Options of {@link measurePlainAgendaEnqueue}. */
export interface PlainAgendaEnqueueOptions {
  /** A database of its own on the same server as longhaul's. Required. */
  db: Db;
  /** Jobs for the latency figures. Default: 20. */
  latencyJobs?: number;
  /**
   * Time between two latency jobs' creation. Default: 700 ms. Not a divisor of the 5 s poll, so
   * creations fall at every phase of it; waiting for each job before the next would instead
   * always create right after a poll and measure the worst case.
   */
  latencySpacingMs?: number;
  /** Jobs created as fast as possible for the throughput figure. Default: 200. */
  throughputJobs?: number;
  /** `now()` calls in flight during the burst. Default: 32. */
  createConcurrency?: number;
  /** Time bound of the throughput phase. Default: 60 000 ms. */
  throughputPhaseTimeoutMs?: number;
}

const JOB_NAME = 'noop';
/** Agenda's default `processEvery`, left untouched: it bounds every wait below. */
const AGENDA_DEFAULT_PROCESS_EVERY_MS = 5000;

interface AgendaJobTimes {
  _id: ObjectId;
  lastRunAt?: Date;
  lastFinishedAt?: Date;
}

/**
 * Plain Agenda 6 with its defaults (`processEvery` 5 s, `maxConcurrency` 20, `defaultConcurrency` 5,
 * no notification channel) running a no-op job in this process. Latency is `lastRunAt` minus the
 * time taken just before `agenda.now()`; throughput is a burst timed from the first `now()` to the
 * last `lastFinishedAt`.
 */
export async function measurePlainAgendaEnqueue(options: PlainAgendaEnqueueOptions): Promise<EnqueueResult> {
  const latencyJobs = options.latencyJobs ?? 20;
  const spacingMs = options.latencySpacingMs ?? 700;
  const throughputJobs = options.throughputJobs ?? 200;
  const notes: string[] = [];
  const collection = options.db.collection<AgendaJobTimes>('agendaJobs');

  const agenda = new Agenda({ backend: new MongoBackend({ mongo: options.db }) });
  const completed = new Set<string>();
  const runs = new Map<string, number>();
  agenda.on(`start:${JOB_NAME}`, (job: Job) => {
    const id = String(job.attrs._id);
    runs.set(id, (runs.get(id) ?? 0) + 1);
  });
  const waiters = new Set<() => void>();
  agenda.on(`complete:${JOB_NAME}`, (job: Job) => {
    completed.add(String(job.attrs._id));
    for (const waiter of waiters) waiter();
  });
  agenda.on('error', (error: Error) => notes.push(`agenda error: ${error.message}`));
  agenda.define(JOB_NAME, async () => undefined);
  const waitForAll = async (ids: string[], timeoutMs: number): Promise<number> => {
    const deadline = Date.now() + timeoutMs;
    const done = (): number => ids.filter((id) => completed.has(id)).length;
    while (done() < ids.length && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, Math.max(1, deadline - Date.now()));
        waiters.add(wake);
      });
    }
    return done();
  };
  let createFailures = 0;
  const create = async (): Promise<{ id: string; requestedAt: number }[]> => {
    const requestedAt = Date.now();
    try {
      const job = await agenda.now(JOB_NAME);
      return [{ id: String(job.attrs._id), requestedAt }];
    } catch (error) {
      if (createFailures++ === 0) notes.push(`agenda.now() failed: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  };

  await agenda.start();
  try {
    const paced: { id: string; requestedAt: number }[] = [];
    const phaseStart = Date.now();
    for (let i = 0; i < latencyJobs; i++) {
      const wait = phaseStart + i * spacingMs - Date.now();
      if (wait > 0) await sleep(wait);
      paced.push(...(await create()));
    }
    const pacedDone = await waitForAll(paced.map((p) => p.id), 2 * AGENDA_DEFAULT_PROCESS_EVERY_MS + 10_000);
    if (pacedDone < paced.length) notes.push(`${paced.length - pacedDone} latency job(s) had not completed within two polls`);
    const pacedDocs = new Map((await collection.find({ _id: { $in: paced.map((p) => toObjectId(p.id)) } }).toArray()).map((d) => [String(d._id), d]));
    const latencySamples = paced.flatMap((p) => {
      const runAt = pacedDocs.get(p.id)?.lastRunAt;
      return runAt instanceof Date ? [runAt.getTime() - p.requestedAt] : [];
    });

    const started = Date.now();
    const burst = (await runBounded(throughputJobs, options.createConcurrency ?? 32, create)).flat();
    const createdIn = Date.now() - started;
    notes.push(`creating the ${throughputJobs} burst jobs took ${createdIn} ms (${((throughputJobs / createdIn) * 1000).toFixed(1)} creates/s)`);
    const burstDone = await waitForAll(burst.map((b) => b.id), options.throughputPhaseTimeoutMs ?? 60_000);
    if (burstDone < burst.length) notes.push(`throughput phase hit its time bound: ${burstDone} of ${burst.length} jobs completed`);
    const burstDocs = new Map((await collection.find({ _id: { $in: burst.map((b) => toObjectId(b.id)) } }).toArray()).map((d) => [String(d._id), d]));
    const finishes = [...burstDocs.values()].flatMap((d) => (d.lastFinishedAt instanceof Date ? [d.lastFinishedAt.getTime()] : []));
    const throughput = throughputOf(finishes.length, throughputJobs, finishes.length === 0 ? Number.NaN : Math.max(...finishes) - started);
    const burstLatency = burst.flatMap((b) => {
      const runAt = burstDocs.get(b.id)?.lastRunAt;
      return runAt instanceof Date ? [runAt.getTime() - b.requestedAt] : [];
    });

    if (createFailures > 0) notes.push(`${createFailures} agenda.now() call(s) failed in all`);
    const rerun = [...runs.values()].filter((n) => n > 1).length;
    if (rerun > 0) notes.push(`${rerun} job(s) ran more than once (Agenda's lock was taken twice)`);
    return {
      system: 'plain Agenda',
      latency: summarize(latencySamples),
      latencyMethod: `one every ${spacingMs} ms via agenda.now(); lastRunAt - time before now()`,
      throughput,
      burstLatency: summarize(burstLatency),
      notes,
    };
  } finally {
    await agenda.stop().catch((error: unknown) => notes.push(`agenda stop failed: ${String(error)}`));
  }
}

function toObjectId(id: string): ObjectId {
  return new ObjectId(id);
}
