import type { BenchOptions } from './benchOptions.ts';
import { failedProgressResult, measureProgressLatency, type ProgressLatencyResult } from './progressLatency.ts';
import type { BenchDatabase } from './support/benchDatabase.ts';
import { takeBusSnapshot } from './support/busSnapshot.ts';
import { GraphqlHttpClient } from './support/graphqlHttpClient.ts';
import { BENCH_API_KEY, BENCH_API_KEYS, startServe, startWork, type ServeProcess } from './support/longhaulService.ts';
import { describePinoWarnings } from './support/pinoWarnings.ts';

/** Progress-to-subscriber figures at each subscriber count, and where they were taken. */
export interface ProgressPhaseResult {
  /** One result per subscriber count, in the order measured. */
  results: ProgressLatencyResult[];
  /** Database of the phase. */
  database: string;
}

/**
 * Part 2: one `serve` process on a database of its own (part 1's leftovers cannot slow it),
 * and for each subscriber count a job, its subscribers, and a fresh `work` process to run it.
 */
export async function runProgressPhase(database: BenchDatabase, options: BenchOptions, status: (message: string) => void): Promise<ProgressPhaseResult> {
  const dbName = database.newDatabaseName('bench_progress');
  const db = database.db(dbName);
  const service = { mongoUri: database.serverUri, dbName, apiKeys: BENCH_API_KEYS };
  let serve: ServeProcess | undefined;
  const results: ProgressLatencyResult[] = [];
  try {
    serve = await startServe(service);
    status(`progress phase: serve at ${serve.httpUrl} (pid ${serve.process.pid}) on database ${dbName}`);
    const http = new GraphqlHttpClient({ url: serve.httpUrl, apiKey: BENCH_API_KEY });
    const servePid = serve.process.pid;
    for (const subscribers of options.subscriberCounts) {
      const busBefore = await takeBusSnapshot(db);
      status(`progress: ${subscribers} subscribers on one serve process (bus holds ${busBefore.events} events)`);
      let result: ProgressLatencyResult;
      try {
        result = await measureProgressLatency({
          http,
          wsUrl: serve.wsUrl,
          apiKey: BENCH_API_KEY,
          startWorker: () => startWork(service),
          subscribers,
          perProcess: options.subscribersPerProcess,
          busHead: async () => (await db.collection<{ seq: number }>('events').find({}).sort({ seq: -1 }).limit(1).next())?.seq ?? 0,
          cpuSubjects: [
            { label: 'database', pid: () => database.pid },
            { label: 'serve', pid: () => servePid },
          ],
        });
      } catch (error) {
        status(`progress ${subscribers}: failed: ${error instanceof Error ? error.message : String(error)}`);
        result = failedProgressResult(subscribers, error);
      }
      result.notes.push(`the bus collection held ${busBefore.events} events when the phase started`);
      status(`progress ${subscribers}: p50 ${result.progress.p50} ms, p99 ${result.progress.p99} ms over ${result.progress.count} events`);
      results.push(result);
    }
    const warnings = describePinoWarnings(serve.process.tail(Number.MAX_SAFE_INTEGER));
    if (warnings !== undefined) results.at(-1)?.notes.push(`serve process warnings: ${warnings}`);
    return { results, database: dbName };
  } finally {
    await serve?.process.stop();
  }
}
