/**
 * `npm run bench`: longhaul against plain Agenda on one database server, then progress push
 * latency to 100 and 1,000 WebSocket subscribers. Prints one report; see `report.ts`.
 */
import { cpus } from 'node:os';
import { ObjectId, type Db } from 'mongodb';
import { loadBenchOptions } from './benchOptions.ts';
import type { EnqueueResult } from './enqueueResult.ts';
import { measureLonghaulEnqueue, TRIVIAL_JOB } from './longhaulEnqueue.ts';
import { measurePlainAgendaEnqueue } from './plainAgendaEnqueue.ts';
import { measureProgressLatency, type ProgressLatencyResult } from './progressLatency.ts';
import { renderReport } from './report.ts';
import { openBenchDatabase, type BenchDatabase } from './support/benchDatabase.ts';
import { BenchProcess } from './support/benchProcess.ts';
import { GraphqlHttpClient } from './support/graphqlHttpClient.ts';
import { JobOutcomeWatcher } from './support/jobOutcomeWatcher.ts';
import { startServe, startWork, type LonghaulServiceOptions, type ServeProcess } from './support/longhaulService.ts';

const API_KEY = 'benchkey123';
const WARM_UP_JOBS = 5;

const started = Date.now();
const status = (message: string): void => {
  process.stderr.write(`[bench +${((Date.now() - started) / 1000).toFixed(1)}s] ${message}\n`);
};

process.on('exit', () => BenchProcess.killAll());
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    status(`${signal}: killing started processes`);
    BenchProcess.killAll();
    process.exit(130);
  });
}

function statesFrom(db: Db): (ids: string[]) => Promise<Map<string, string>> {
  return async (ids) => {
    const docs = await db
      .collection<{ _id: ObjectId; state: string }>('agendaJobs')
      .find({ _id: { $in: ids.map((id) => new ObjectId(id)) } }, { projection: { state: 1 } })
      .toArray();
    return new Map(docs.map((d) => [d._id.toHexString(), d.state]));
  };
}

async function main(): Promise<void> {
  const options = loadBenchOptions();
  let database: BenchDatabase | undefined;
  let serve: ServeProcess | undefined;
  let work: BenchProcess | undefined;
  try {
    status('starting the database');
    database = await openBenchDatabase();
    status(`database: ${database.description} at ${database.serverUri}`);

    const plainDbName = database.newDatabaseName('bench_agenda');
    status(`plain Agenda on database ${plainDbName}: ${options.plainLatencyJobs} paced latency jobs, then ${options.throughputJobs} burst jobs`);
    const plain: EnqueueResult = await measurePlainAgendaEnqueue({
      db: database.db(plainDbName),
      latencyJobs: options.plainLatencyJobs,
      latencySpacingMs: options.plainSpacingMs,
      throughputJobs: options.throughputJobs,
      createConcurrency: options.createConcurrency,
    });
    status(`plain Agenda: p50 ${plain.latency.p50} ms, ${plain.throughput.perSecond.toFixed(1)} jobs/s`);

    const longhaulDbName = database.newDatabaseName('bench_longhaul');
    const service: LonghaulServiceOptions = { mongoUri: database.serverUri, dbName: longhaulDbName, apiKeys: `${API_KEY}=bench` };
    status(`longhaul serve + work on database ${longhaulDbName}`);
    [serve, work] = await Promise.all([startServe(service), startWork(service)]);
    status(`serve at ${serve.httpUrl} (pid ${serve.process.pid}); work pid ${work.pid}`);
    const http = new GraphqlHttpClient({ url: serve.httpUrl, apiKey: API_KEY });
    const watcher = await JobOutcomeWatcher.open({
      wsUrl: serve.wsUrl,
      apiKey: API_KEY,
      types: [TRIVIAL_JOB.type],
      poll: statesFrom(database.db(longhaulDbName)),
    });
    let longhaul: EnqueueResult;
    try {
      status(`warm-up: ${WARM_UP_JOBS} jobs (also waits for the worker process to be up)`);
      const warmUp: string[] = [];
      for (let i = 0; i < WARM_UP_JOBS; i++) warmUp.push(await http.createJob(TRIVIAL_JOB.type, TRIVIAL_JOB.input));
      const warmed = await watcher.waitForAll(warmUp, 60_000);
      if (warmed.size < warmUp.length) {
        throw new Error(`only ${warmed.size} of ${warmUp.length} warm-up jobs ended within 60 s; work output:\n${work.tail()}\nserve output:\n${serve.process.tail()}`);
      }
      status(`longhaul: ${options.latencyJobs} sequential latency jobs, then ${options.throughputJobs} burst jobs`);
      longhaul = await measureLonghaulEnqueue({
        http,
        watcher,
        db: database.db(longhaulDbName),
        latencyJobs: options.latencyJobs,
        throughputJobs: options.throughputJobs,
        createConcurrency: options.createConcurrency,
      });
      if (watcher.error !== undefined) longhaul.notes.push(`outcome subscription ended early: ${watcher.error.message}`);
    } finally {
      await watcher.close();
    }
    status(`longhaul: p50 ${longhaul.latency.p50} ms, ${longhaul.throughput.perSecond.toFixed(1)} jobs/s`);
    // The progress phase starts its own workers, once its subscribers are in place.
    const workExit = await work.stop();
    if (workExit !== 0) longhaul.notes.push(`work process exited with ${workExit} on SIGTERM`);
    work = undefined;

    const progress: ProgressLatencyResult[] = [];
    for (const subscribers of options.subscriberCounts) {
      status(`progress: ${subscribers} subscribers on one serve process`);
      const result = await measureProgressLatency({
        http,
        wsUrl: serve.wsUrl,
        apiKey: API_KEY,
        startWorker: () => startWork(service),
        subscribers,
        perProcess: options.subscribersPerProcess,
      });
      status(`progress ${subscribers}: p50 ${result.progress.p50} ms, p99 ${result.progress.p99} ms over ${result.progress.count} events`);
      progress.push(result);
    }

    const setup = [
      `machine: ${cpus().length} CPU(s) (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}`,
      `database: ${database.description}; longhaul on ${longhaulDbName}, plain Agenda on ${plainDbName}`,
      `longhaul: 1 serve + 1 work; LONGHAUL_WORKERS=${process.env.LONGHAUL_WORKERS ?? '1 (default)'}, LONGHAUL_CONCURRENCY=${process.env.LONGHAUL_CONCURRENCY ?? '20 (default)'}, ` +
        `LONGHAUL_PROCESS_EVERY_MS=${process.env.LONGHAUL_PROCESS_EVERY_MS ?? '2000 (default)'}, LONGHAUL_PROGRESS_INTERVAL_MS=${process.env.LONGHAUL_PROGRESS_INTERVAL_MS ?? '100 (default)'}`,
      'plain Agenda: Agenda 6 + MongoBackend defaults (processEvery 5 s, maxConcurrency 20, defaultConcurrency 5), in the bench process',
      `trivial job: ${TRIVIAL_JOB.type} ${JSON.stringify(TRIVIAL_JOB.input)} (longhaul), an empty async function (plain Agenda)`,
    ];
    process.stdout.write(renderReport({ setup, longhaul, plain, progress, elapsedMs: Date.now() - started }));
  } finally {
    status('stopping processes');
    await work?.stop().catch(() => undefined);
    await serve?.process.stop().catch(() => undefined);
    BenchProcess.killAll();
    await database?.close().catch((error: unknown) => status(`database close failed: ${String(error)}`));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    status(`FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    BenchProcess.killAll();
    process.exit(1);
  },
);
