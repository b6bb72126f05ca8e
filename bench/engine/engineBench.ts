/**
 * `npm run bench -- engine`: issue 14's engine figures, side by side on this machine, each with its goal.
 *
 * Peers, one after the other (never at once), each on a database or server of its own:
 * 1. BullMQ (devDependency) on a `redis-server` the bench starts on a free port with no persistence and stops
 *    (missing `redis-server`: the peer is NOT MEASURED and the report says how to install it);
 * 2. plain Agenda 6 + MongoBackend in this process on the bench's embedded FerretDB, with its defaults and with
 *    `processEvery` 100 ms;
 * 3. longhaul, `serve` + `work` (1 worker process, concurrency 20): bursts (one `createJobs` call when the schema has
 *    it, found by introspection, else concurrent `createJob` calls), sequential enqueue-to-start over GraphQL,
 *    `jobs(first: 50, filter: { states: [RUNNING] })`, then the same burst and query on a database holding
 *    `BENCH_ENGINE_PRELOAD` finished jobs (copies of a real one, inserted directly);
 * 4. an idle `longhaul all` for `BENCH_ENGINE_IDLE_S` seconds;
 * 5. progress fan-out to `BENCH_ENGINE_SUBSCRIBERS` WebSocket subscribers of one `serve` (see `progressPhase.ts`).
 * Database CPU comes from `/proc/<pid>/stat` of FerretDB / redis-server; commands per job from FerretDB's debug
 * metrics (`ferretdb_client_requests_total`, the embedded server is started with a debug port) and Redis's
 * `INFO commandstats`. With `MONGODB_URI` set, that server is used and database CPU and commands are not measured.
 *
 * Sizes (environment, defaults for a full run of about 20 minutes): `BENCH_ENGINE_BURSTS` (`1000,10000`),
 * `BENCH_ENGINE_PLAIN_BURSTS` (`1000`), `BENCH_ENGINE_BURST_TIMEOUT_S` (90), `BENCH_ENGINE_PRELOAD` (50000),
 * `BENCH_ENGINE_LATENCY_JOBS` (100), `BENCH_ENGINE_QUERY_SAMPLES` (10), `BENCH_ENGINE_IDLE_S` (30),
 * `BENCH_CREATE_CONCURRENCY` (32), `BENCH_ENGINE_SUBSCRIBERS` (`1000,5000`), `BENCH_SUBSCRIBERS_PER_PROCESS` (1000).
 * `BENCH_ENGINE_PARTS` (default all: `bullmq,agenda,longhaul,idle,progress`) runs only some parts. See docs/performance.md.
 */
import { cpus } from 'node:os';
import { loadBenchOptions } from '../benchOptions.ts';
import { runProgressPhase } from '../progressPhase.ts';
import type { BenchDatabase } from '../support/benchDatabase.ts';
import { measureBullmq } from './bullmqPeer.ts';
import type { BurstFigure, NotMeasured } from './burstFigure.ts';
import { ferretdbCommandSource } from './commandCounter.ts';
import { loadEngineBenchOptions } from './engineOptions.ts';
import { renderEngineReport, type EngineReport } from './engineReport.ts';
import { measureIdle } from './idlePhase.ts';
import { measureLonghaul } from './longhaulPeer.ts';
import { measurePlainAgendaBurst } from './plainAgendaPeer.ts';
import { RedisMissingError, startRedisServer } from './redisServer.ts';

const PARTS = ['bullmq', 'agenda', 'longhaul', 'idle', 'progress'] as const;
type Part = (typeof PARTS)[number];

/** Runs the engine bench on `database` and returns its report as text. */
export async function runEngineBench(database: BenchDatabase, status: (message: string) => void, machine: () => string): Promise<string> {
  const started = Date.now();
  const options = loadEngineBenchOptions();
  const wantedParts = (process.env.BENCH_ENGINE_PARTS ?? PARTS.join(',')).split(',').map((p) => p.trim());
  const unknown = wantedParts.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (unknown.length > 0) throw new Error(`BENCH_ENGINE_PARTS: unknown part(s) ${unknown.join(', ')}; known: ${PARTS.join(', ')}`);
  const wanted = (part: Part): boolean => wantedParts.includes(part);
  const skipped: NotMeasured = { notMeasured: 'left out by BENCH_ENGINE_PARTS' };
  const commands = database.metricsUrl === undefined ? undefined : ferretdbCommandSource(database.metricsUrl);
  const timeoutMs = options.burstTimeoutS * 1000;
  const attempt = async <T extends object>(part: Part, run: () => Promise<T>): Promise<T | NotMeasured> => {
    if (!wanted(part)) return skipped;
    try {
      return await run();
    } catch (error) {
      const message = error instanceof RedisMissingError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
      status(`${part} FAILED: ${message}`);
      return { notMeasured: message.slice(0, 1500) };
    }
  };

  let redisVersion = 'not started';
  const bullmq = await attempt('bullmq', async () => {
    const redis = await startRedisServer();
    redisVersion = `redis-server ${redis.version} pid ${redis.pid}, port ${redis.port}, no persistence`;
    status(`BullMQ peer: ${redisVersion}`);
    try {
      return await measureBullmq({ redis, bursts: options.bursts, latencyJobs: options.latencyJobs, burstTimeoutMs: timeoutMs }, status);
    } finally {
      await redis.stop();
    }
  });

  const plainRun = async (processEveryMs: number | undefined): Promise<BurstFigure[]> => {
    const figures: BurstFigure[] = [];
    for (const size of options.plainBursts) {
      const dbName = database.newDatabaseName('bench_engine_agenda');
      status(`plain Agenda (${processEveryMs === undefined ? 'defaults' : `processEvery ${processEveryMs} ms`}): burst of ${size}`);
      figures.push(
        await measurePlainAgendaBurst({
          db: database.db(dbName),
          size,
          processEveryMs,
          createConcurrency: options.createConcurrency,
          timeoutMs,
          databasePid: database.pid,
          commands,
        }),
      );
      status(`plain Agenda: ${figures.at(-1)!.perSecond.toFixed(1)} jobs/s (${figures.at(-1)!.finished}/${size})`);
      await database.db(dbName).dropDatabase().catch(() => undefined);
    }
    return figures;
  };
  const plainDefaults = await attempt('agenda', () => plainRun(undefined));
  const plainFast = await attempt('agenda', () => plainRun(100));
  const longhaul = await attempt('longhaul', () => measureLonghaul(database, options, commands, status));
  const idle = await attempt('idle', () => measureIdle(database, options.idleS, commands, status));
  const progress = await attempt('progress', async () => {
    const phase = await runProgressPhase(
      database,
      { ...loadBenchOptions(), subscriberCounts: options.subscriberCounts, subscribersPerProcess: options.subscribersPerProcess },
      status,
    );
    return phase.results;
  });

  const report: EngineReport = {
    setup: [
      machine(),
      `database: ${database.description}${commands === undefined ? '' : ', debug metrics on'}; BullMQ peer: ${'notMeasured' in bullmq ? redisVersion : `${bullmq.description} on ${redisVersion}`}`,
      `longhaul: 1 serve + 1 work, LONGHAUL_WORKERS=1, LONGHAUL_CONCURRENCY=20 (demo.count's own type limit applies); trivial job demo.count {"to":0}`,
      'BullMQ: one Worker, concurrency 20, empty processor, in the bench process; plain Agenda: Agenda 6 + MongoBackend, empty job, in the bench process',
      `sizes: bursts ${options.bursts.join(', ')} (plain Agenda ${options.plainBursts.join(', ')}), bound ${options.burstTimeoutS} s each; preload ${options.preload}; ${options.latencyJobs} sequential jobs; ${options.querySamples} queries; idle ${options.idleS} s; subscribers ${options.subscriberCounts.join(', ')}`,
      `CPUs: ${cpus().length}`,
    ],
    longhaul,
    bullmq,
    plainDefaults,
    plainFast,
    idle,
    progress,
    elapsedMs: Date.now() - started,
  };
  return renderEngineReport(report);
}
