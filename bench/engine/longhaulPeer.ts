import { performance } from 'node:perf_hooks';
import { ObjectId, type Db } from 'mongodb';
import { runBounded } from '../support/boundedConcurrency.ts';
import type { BenchDatabase } from '../support/benchDatabase.ts';
import { cpuSecondsOf } from '../support/cpuMeter.ts';
import { GraphqlHttpClient } from '../support/graphqlHttpClient.ts';
import { JobOutcomeWatcher } from '../support/jobOutcomeWatcher.ts';
import { BENCH_API_KEY, BENCH_API_KEYS, startServe, startWork, type ServeProcess } from '../support/longhaulService.ts';
import type { BenchProcess } from '../support/benchProcess.ts';
import { describePinoWarnings } from '../support/pinoWarnings.ts';
import { summarize, type LatencySummary } from '../stats.ts';
import { TRIVIAL_JOB } from '../longhaulEnqueue.ts';
import { burstRate, type BurstFigure, type SequentialLatency } from './burstFigure.ts';
import { CommandCounter, type CommandSource } from './commandCounter.ts';
import type { EngineBenchOptions } from './engineOptions.ts';
import { preloadFinishedJobs, readFinishedJobTemplate } from './preloadFinishedJobs.ts';
import { findJobDocuments } from '../support/jobDocuments.ts';

/** What the longhaul part measured. */
export interface LonghaulResult {
  /** `one createJobs call` or `createJob calls, N in flight` (and why). */
  createMethod: string;
  /** Bursts on an empty database, one per size. */
  bursts: BurstFigure[];
  /** The first burst size again with {@link preloaded} finished jobs stored. */
  preloadedBurst: BurstFigure | undefined;
  /** Finished jobs stored before {@link preloadedBurst}, and how long inserting them took. */
  preloaded: { jobs: number; ms: number };
  /** Sequential enqueue-to-start over GraphQL. */
  latency: SequentialLatency;
  /** `jobs(first: 50, filter: { states: [RUNNING] })` round trips, ms: on the (nearly) empty database and with the preload. */
  query: { empty: LatencySummary; preloaded: LatencySummary | undefined };
  /** Anything odd seen. */
  notes: string[];
}

/** Environment of the bench's longhaul processes: the issue's setting, 1 worker process running 20 jobs at once. */
export const LONGHAUL_ENGINE_ENV = {
  LONGHAUL_WORKERS: '1',
  LONGHAUL_CONCURRENCY: '20',
  // A burst is one tenant's: the per-tenant admission limits (600 creates a minute, 1,000 queued) are not what the
  // engine bench measures, and a batch larger than them would be refused whole.
  LONGHAUL_TENANT_CREATES_PER_MINUTE: '0',
  LONGHAUL_TENANT_MAX_QUEUED: '0',
  LONGHAUL_CREATE_JOBS_MAX: '100000',
} as const;

/** Untimed `jobs` queries before the timed ones, on each database. */
const QUERY_WARM_UPS = 5;
const JOBS_QUERY = 'query Running { jobs(first: 50, filter: { states: [RUNNING] }) { nodes { id state } } }';
const CREATE_JOBS = 'mutation CreateJobs($inputs: [CreateJobInput!]!) { createJobs(inputs: $inputs) { id } }';
const HAS_CREATE_JOBS = '{ __type(name: "Mutation") { fields { name } } }';
const WARM_UP_JOBS = 5;
const WARM_UP_TIMEOUT_MS = 60_000;
/** How long one sequential job may take to end before the next is created. */
const LATENCY_JOB_TIMEOUT_MS = 15_000;

interface Service {
  serve: ServeProcess;
  work: BenchProcess;
  http: GraphqlHttpClient;
  watcher: JobOutcomeWatcher;
  db: Db;
}

/**
 * Longhaul, `serve` + `work` (1 worker process, concurrency 20), trivial `demo.count {to: 0}` jobs over GraphQL. On a fresh
 * database: the first burst, the `jobs` query, sequential latency, the other bursts. Then on a second database holding
 * `preload` finished jobs (copies of a real finished job): the `jobs` query and the first burst again.
 */
export async function measureLonghaul(
  database: BenchDatabase,
  options: EngineBenchOptions,
  commands: CommandSource | undefined,
  status: (message: string) => void,
): Promise<LonghaulResult> {
  const notes: string[] = [];
  const timeoutMs = options.burstTimeoutS * 1000;
  let createMethod = '';
  let bulk = false;

  const emptyName = database.newDatabaseName('bench_engine_longhaul');
  // Latency first, on a queue with nothing else in it; a burst that hits its bound leaves jobs behind, so each
  // further burst size gets a fresh database and service of its own.
  const empty = await withService(emptyName, async (service) => {
    bulk = await hasCreateJobs(service.http);
    createMethod = bulk ? 'one createJobs call' : `createJob calls, ${options.createConcurrency} in flight (the schema has no createJobs)`;
    status(`longhaul: ${createMethod}`);
    // The query first, right after the warm-up: at the same point of a service's life as on the preloaded database
    // below (timed after the sequential jobs, it ran on a process warmed by a hundred more requests than there).
    const query = await timeQuery(service);
    status(`longhaul: ${options.latencyJobs} sequential jobs`);
    const latency = await sequential(service);
    const finishedId = [...service.warmUp, ...latency.ids].find((id) => service.watcher.outcome(id) === 'SUCCEEDED');
    const template = finishedId === undefined ? undefined : await readFinishedJobTemplate(service.db, finishedId);
    status(`longhaul: burst of ${options.bursts[0]} on an empty database`);
    const figure = await burst(service, options.bursts[0]!);
    status(`longhaul: ${figure.perSecond.toFixed(1)} jobs/s (${figure.finished}/${figure.size})`);
    return { bursts: [figure], query, latency, template };
  });
  await database.db(emptyName).dropDatabase().catch(() => undefined);
  for (const size of options.bursts.slice(1)) {
    const dbName = database.newDatabaseName('bench_engine_longhaul');
    try {
      empty.bursts.push(
        await withService(dbName, async (service) => {
          status(`longhaul: burst of ${size} on an empty database`);
          const figure = await burst(service, size);
          status(`longhaul: ${figure.perSecond.toFixed(1)} jobs/s (${figure.finished}/${size})`);
          return figure;
        }),
      );
    } catch (error) {
      notes.push(`the burst of ${size} failed: ${(error instanceof Error ? error.message : String(error)).slice(0, 1000)}`);
    }
    await database.db(dbName).dropDatabase().catch(() => undefined);
  }

  const preloadName = database.newDatabaseName('bench_engine_preloaded');
  const preloaded = { jobs: options.preload, ms: Number.NaN };
  let loaded: { query: LatencySummary; figure: BurstFigure } | undefined;
  try {
    if (empty.template === undefined) throw new Error('no job had succeeded to copy');
    status(`longhaul: inserting ${options.preload} finished jobs (copies of job ${empty.template.id} from ${[...empty.template.documents.keys()].join(', ')})`);
    const preloadStarted = Date.now();
    await preloadFinishedJobs(database.db(preloadName), empty.template, options.preload);
    preloaded.ms = Date.now() - preloadStarted;
    loaded = await withService(preloadName, async (service) => {
      const query = await timeQuery(service);
      status(`longhaul: burst of ${options.bursts[0]} with ${options.preload} finished jobs stored`);
      const figure = await burst(service, options.bursts[0]!);
      status(`longhaul: ${figure.perSecond.toFixed(1)} jobs/s (${figure.finished}/${figure.size})`);
      return { query, figure };
    });
  } catch (error) {
    status(`longhaul with ${options.preload} stored FAILED: ${error instanceof Error ? error.message : String(error)}`);
    notes.push(`the part with ${options.preload} finished jobs stored failed: ${(error instanceof Error ? error.message : String(error)).slice(0, 1000)}`);
  }
  await database.db(preloadName).dropDatabase().catch(() => undefined);

  return {
    createMethod,
    bursts: empty.bursts,
    preloadedBurst: loaded?.figure,
    preloaded,
    latency: empty.latency,
    query: { empty: empty.query, preloaded: loaded?.query },
    notes,
  };

  async function withService<T>(dbName: string, body: (service: Service & { warmUp: string[] }) => Promise<T>): Promise<T> {
    const config = { mongoUri: database.serverUri, dbName, apiKeys: BENCH_API_KEYS, env: LONGHAUL_ENGINE_ENV, startTimeoutMs: 300_000 };
    let serve: ServeProcess | undefined;
    let work: BenchProcess | undefined;
    try {
      [serve, work] = await Promise.all([startServe(config), startWork(config)]);
      const db = database.db(dbName);
      const http = new GraphqlHttpClient({ url: serve.httpUrl, apiKey: BENCH_API_KEY, timeoutMs: Math.max(60_000, timeoutMs) });
      const watcher = await JobOutcomeWatcher.open({
        wsUrl: serve.wsUrl,
        apiKey: BENCH_API_KEY,
        types: [TRIVIAL_JOB.type],
        poll: statesFrom(db),
        // A safety net only: a frequent poll would count in the database figures.
        pollEveryMs: 10_000,
      });
      try {
        const warmUp: string[] = [];
        for (let i = 0; i < WARM_UP_JOBS; i++) warmUp.push(await http.createJob(TRIVIAL_JOB.type, TRIVIAL_JOB.input));
        const warmed = await watcher.waitForAll(warmUp, WARM_UP_TIMEOUT_MS);
        if (warmed.ended.size < warmUp.length) notes.push(`${dbName}: only ${warmed.ended.size} of ${warmUp.length} warm-up jobs ended within ${WARM_UP_TIMEOUT_MS / 1000} s; measured anyway`);
        return await body({ serve, work, http, watcher, db, warmUp });
      } finally {
        await watcher.close();
      }
    } finally {
      await work?.stop();
      await serve?.process.stop();
      for (const [name, proc] of [['work', work], ['serve', serve?.process]] as const) {
        const warnings = proc === undefined ? undefined : describePinoWarnings(proc.tail(Number.MAX_SAFE_INTEGER));
        if (warnings !== undefined) notes.push(`${name} process warnings (${dbName}): ${warnings.slice(0, 500)}`);
      }
    }
  }

  async function burst(service: Service, size: number): Promise<BurstFigure> {
    const burstNotes: string[] = [];
    const counter = await CommandCounter.start(commands);
    const cpuBefore = database.pid === undefined ? undefined : cpuSecondsOf(database.pid);
    const startedAt = Date.now();
    const deadline = startedAt + timeoutMs;
    let ids: string[] | undefined;
    let method = createMethod;
    if (bulk) {
      try {
        const inputs = Array.from({ length: size }, () => ({ type: TRIVIAL_JOB.type, input: TRIVIAL_JOB.input }));
        ids = (await service.http.request<{ createJobs: { id: string }[] }>(CREATE_JOBS, { inputs })).createJobs.map((j) => j.id);
      } catch (error) {
        method = `createJob calls, ${options.createConcurrency} in flight (createJobs failed: ${error instanceof Error ? error.message.slice(0, 200) : String(error)})`;
      }
    }
    if (ids === undefined) {
      const failures = new Map<string, number>();
      const created = await runBounded(size, options.createConcurrency, async () => {
        if (Date.now() >= deadline) return undefined;
        try {
          return await service.http.createJob(TRIVIAL_JOB.type, TRIVIAL_JOB.input);
        } catch (error) {
          const message = error instanceof Error ? error.message.slice(0, 200) : String(error);
          failures.set(message, (failures.get(message) ?? 0) + 1);
          return undefined;
        }
      });
      ids = created.filter((id): id is string => id !== undefined);
      if (failures.size > 0) burstNotes.push(`failed creates: ${[...failures].map(([m, n]) => `${n}x "${m}"`).join(', ')}`);
    }
    burstNotes.push(`creating ${ids.length} took ${Date.now() - startedAt} ms`);
    const wait = await service.watcher.waitForAll(ids, Math.max(1, deadline - Date.now()), 30_000);
    const cpuAfter = database.pid === undefined ? undefined : cpuSecondsOf(database.pid);
    const counts = await counter?.read().catch(() => undefined);
    if (wait.stoppedBy !== 'all-ended') {
      const states = new Map<string, number>();
      for (const state of (await statesFrom(service.db)(ids)).values()) states.set(state, (states.get(state) ?? 0) + 1);
      const byState = [...states].map(([state, n]) => `${state} ${n}`).join(', ');
      burstNotes.push(`${wait.stoppedBy === 'stalled' ? 'no job ended for 30 s' : 'time bound hit'}: ${wait.ended.size} of ${size} ended; states then: ${byState}`);
    }
    const finishes = await finishTimes(service, [...wait.ended].filter(([, state]) => state === 'SUCCEEDED').map(([id]) => id));
    const failed = [...wait.ended.values()].filter((state) => state !== 'SUCCEEDED').length;
    if (failed > 0) burstNotes.push(`${failed} job(s) did not succeed`);
    return {
      ...burstRate(size, ids.length, finishes, startedAt),
      createMethod: method,
      dbCpuSeconds: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
      commands: counts,
      notes: burstNotes,
    };
  }

  /** Terminal event times, from the subscription, else the job's `finishedAt`. */
  async function finishTimes(service: Service, ids: string[]): Promise<number[]> {
    const times: number[] = [];
    const missing: string[] = [];
    for (const id of ids) {
      const at = service.watcher.ended(id);
      if (at === undefined) missing.push(id);
      else times.push(at);
    }
    for (let i = 0; i < missing.length; i += 1000) {
      const docs = await findJobDocuments<{ _id: ObjectId; finishedAt?: Date | null }>(service.db, { _id: { $in: missing.slice(i, i + 1000).map((id) => new ObjectId(id)) } }, { finishedAt: 1 });
      for (const doc of docs) if (doc.finishedAt instanceof Date) times.push(doc.finishedAt.getTime());
    }
    return times;
  }

  async function sequential(service: Service): Promise<SequentialLatency & { ids: string[] }> {
    const samples: number[] = [];
    const ids: string[] = [];
    const latencyNotes: string[] = [];
    let unended = 0;
    const deadline = Date.now() + timeoutMs;
    for (let i = 0; i < options.latencyJobs && Date.now() < deadline; i++) {
      const requestedAt = Date.now();
      const id = await service.http.createJob(TRIVIAL_JOB.type, TRIVIAL_JOB.input);
      ids.push(id);
      const wait = await service.watcher.waitForAll([id], LATENCY_JOB_TIMEOUT_MS);
      if (wait.ended.size === 0) unended++;
      const started = service.watcher.started(id);
      if (started !== undefined) samples.push(started - requestedAt);
    }
    if (unended > 0) latencyNotes.push(`${unended} job(s) had not ended ${LATENCY_JOB_TIMEOUT_MS / 1000} s after creation`);
    if (samples.length < options.latencyJobs) latencyNotes.push(`${samples.length} of ${options.latencyJobs} jobs measured (the phase is bound by BENCH_ENGINE_BURST_TIMEOUT_S; the rest never started or were not created)`);
    return { ids, summary: summarize(samples), method: 'createJob over GraphQL one at a time, each waited for; STARTED event `at` - time before the request', notes: latencyNotes };
  }

  /**
   * Times the `jobs` query, {@link QUERY_WARM_UPS} warm-ups then up to `querySamples`, all within one burst bound; a
   * query that outlives the bound counts as the bound (a lower bound) and ends the sampling.
   */
  async function timeQuery(service: Service): Promise<LatencySummary> {
    const deadline = Date.now() + timeoutMs;
    const samples: number[] = [];
    for (let i = 0; i < QUERY_WARM_UPS + options.querySamples && Date.now() < deadline; i++) {
      const client = new GraphqlHttpClient({ url: service.serve.httpUrl, apiKey: BENCH_API_KEY, timeoutMs: Math.max(1000, deadline - Date.now()) });
      const t0 = performance.now();
      try {
        await client.request(JOBS_QUERY);
      } catch (error) {
        notes.push(`a jobs(RUNNING) query on ${service.db.databaseName} failed or outlived the bound after ${Math.round(performance.now() - t0)} ms (counted as that): ${error instanceof Error ? error.message.slice(0, 200) : String(error)}`);
        samples.push(performance.now() - t0);
        break;
      }
      if (i >= QUERY_WARM_UPS) samples.push(performance.now() - t0);
    }
    if (samples.length < options.querySamples) notes.push(`${samples.length} of ${options.querySamples} jobs(RUNNING) queries timed on ${service.db.databaseName} within the bound`);
    return summarize(samples);
  }
}

async function hasCreateJobs(http: GraphqlHttpClient): Promise<boolean> {
  try {
    const data = await http.request<{ __type: { fields: { name: string }[] } | null }>(HAS_CREATE_JOBS);
    return data.__type?.fields.some((f) => f.name === 'createJobs') ?? false;
  } catch {
    return false;
  }
}

function statesFrom(db: Db): (ids: string[]) => Promise<Map<string, string>> {
  return async (ids) => {
    const states = new Map<string, string>();
    for (let i = 0; i < ids.length; i += 1000) {
      const docs = await findJobDocuments<{ _id: ObjectId; state: string }>(db, { _id: { $in: ids.slice(i, i + 1000).map((id) => new ObjectId(id)) } }, { state: 1 });
      for (const doc of docs) states.set(doc._id.toHexString(), doc.state);
    }
    return states;
  };
}
