import { ObjectId, type Db } from 'mongodb';
import type { BenchOptions } from './benchOptions.ts';
import type { EnqueueResult } from './enqueueResult.ts';
import { measureLonghaulEnqueue, TRIVIAL_JOB } from './longhaulEnqueue.ts';
import { measurePlainAgendaEnqueue } from './plainAgendaEnqueue.ts';
import type { BenchDatabase } from './support/benchDatabase.ts';
import type { BenchProcess } from './support/benchProcess.ts';
import { takeBusSnapshot } from './support/busSnapshot.ts';
import { CpuMeter, type CpuUse } from './support/cpuMeter.ts';
import { GraphqlHttpClient } from './support/graphqlHttpClient.ts';
import { JobOutcomeWatcher } from './support/jobOutcomeWatcher.ts';
import { BENCH_API_KEY, BENCH_API_KEYS, startServe, startWork, type ServeProcess } from './support/longhaulService.ts';
import { describePinoWarnings } from './support/pinoWarnings.ts';
import { findJobDocuments } from './support/jobDocuments.ts';

/** Both systems' enqueue-to-start figures, and the CPU they cost. */
export interface EnqueuePhaseResult {
  /** Plain Agenda's figures. */
  plain: EnqueueResult;
  /** Longhaul's figures. */
  longhaul: EnqueueResult;
  /** CPU use during each system's measurement, % of one core, by process group. */
  cpu: { plain: CpuUse; longhaul: CpuUse };
  /** Databases used: plain Agenda's and longhaul's. */
  databases: { plain: string; longhaul: string };
}

const WARM_UP_JOBS = 5;

function statesFrom(db: Db): (ids: string[]) => Promise<Map<string, string>> {
  return async (ids) => {
    const docs = await findJobDocuments<{ _id: ObjectId; state: string }>(db, { _id: { $in: ids.map((id) => new ObjectId(id)) } }, { state: 1 });
    return new Map(docs.map((d) => [d._id.toHexString(), d.state]));
  };
}

/**
 * Part 1: plain Agenda (its own database, in this process), then longhaul (`serve` + `work` on
 * another database of the same server). Stops the longhaul processes before returning.
 */
export async function runEnqueuePhase(database: BenchDatabase, options: BenchOptions, status: (message: string) => void): Promise<EnqueuePhaseResult> {
  const ferretdb = { label: 'database', pid: () => database.pid };

  const plainDbName = database.newDatabaseName('bench_agenda');
  status(`plain Agenda on database ${plainDbName}: ${options.plainLatencyJobs} paced latency jobs, then ${options.throughputJobs} burst jobs`);
  const plainMeter = new CpuMeter([ferretdb, { label: 'bench (plain Agenda)', pid: () => process.pid, tree: false }]);
  const plain = await measurePlainAgendaEnqueue({
    db: database.db(plainDbName),
    latencyJobs: options.plainLatencyJobs,
    latencySpacingMs: options.plainSpacingMs,
    throughputJobs: options.throughputJobs,
    createConcurrency: options.createConcurrency,
  });
  const plainCpu = plainMeter.read();
  status(`plain Agenda: p50 ${plain.latency.p50} ms, ${plain.throughput.perSecond.toFixed(1)} jobs/s`);

  const longhaulDbName = database.newDatabaseName('bench_longhaul');
  const longhaulDb = database.db(longhaulDbName);
  const service = { mongoUri: database.serverUri, dbName: longhaulDbName, apiKeys: BENCH_API_KEYS };
  status(`longhaul serve + work on database ${longhaulDbName}`);
  let serve: ServeProcess | undefined;
  let work: BenchProcess | undefined;
  try {
    [serve, work] = await Promise.all([startServe(service), startWork(service)]);
    status(`serve at ${serve.httpUrl} (pid ${serve.process.pid}); work pid ${work.pid}`);
    const http = new GraphqlHttpClient({ url: serve.httpUrl, apiKey: BENCH_API_KEY });
    const watcher = await JobOutcomeWatcher.open({ wsUrl: serve.wsUrl, apiKey: BENCH_API_KEY, types: [TRIVIAL_JOB.type], poll: statesFrom(longhaulDb) });
    let longhaul: EnqueueResult;
    let longhaulCpu: CpuUse;
    try {
      status(`warm-up: ${WARM_UP_JOBS} jobs (also waits for the worker process to be up)`);
      const warmUp: string[] = [];
      for (let i = 0; i < WARM_UP_JOBS; i++) warmUp.push(await http.createJob(TRIVIAL_JOB.type, TRIVIAL_JOB.input));
      const warmed = await watcher.waitForAll(warmUp, 60_000);
      if (warmed.ended.size < warmUp.length) {
        throw new Error(`only ${warmed.ended.size} of ${warmUp.length} warm-up jobs ended within 60 s; work output:\n${work.tail()}\nserve output:\n${serve.process.tail()}`);
      }
      status(`longhaul: ${options.latencyJobs} sequential latency jobs, then ${options.throughputJobs} burst jobs`);
      const running = { serve, work };
      const meter = new CpuMeter([ferretdb, { label: 'serve', pid: () => running.serve.process.pid }, { label: 'work', pid: () => running.work.pid }]);
      longhaul = await measureLonghaulEnqueue({
        http,
        watcher,
        db: longhaulDb,
        latencyJobs: options.latencyJobs,
        throughputJobs: options.throughputJobs,
        createConcurrency: options.createConcurrency,
      });
      longhaulCpu = meter.read();
      if (watcher.error !== undefined) longhaul.notes.push(`outcome subscription ended early: ${watcher.error.message}`);
    } finally {
      await watcher.close();
    }
    status(`longhaul: p50 ${longhaul.latency.p50} ms, ${longhaul.throughput.perSecond.toFixed(1)} jobs/s`);
    const bus = await takeBusSnapshot(longhaulDb);
    longhaul.notes.push(`bus collection holds ${bus.events} events after the phase, ${bus.duplicated} of them on a position another event already has`);
    const workExit = await work.stop();
    if (workExit !== 0) longhaul.notes.push(`work process exited with ${workExit} on SIGTERM`);
    for (const [name, proc] of [['work', work], ['serve', serve.process]] as const) {
      const warnings = describePinoWarnings(proc.tail(Number.MAX_SAFE_INTEGER));
      if (warnings !== undefined) longhaul.notes.push(`${name} process warnings: ${warnings}`);
    }
    return { plain, longhaul, cpu: { plain: plainCpu, longhaul: longhaulCpu }, databases: { plain: plainDbName, longhaul: longhaulDbName } };
  } finally {
    await work?.stop();
    await serve?.process.stop();
  }
}
