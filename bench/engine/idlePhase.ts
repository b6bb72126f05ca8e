import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchDatabase } from '../support/benchDatabase.ts';
import { CpuMeter, type CpuUse } from '../support/cpuMeter.ts';
import { BENCH_API_KEYS, startAll } from '../support/longhaulService.ts';
import { workerPid } from '../support/workerProcess.ts';
import { CommandCounter, type CommandCounts, type CommandSource } from './commandCounter.ts';
import { LONGHAUL_ENGINE_ENV } from './longhaulPeer.ts';

/** What an idle `longhaul all` cost over the window. */
export interface IdleResult {
  /** Window length, s. */
  seconds: number;
  /** CPU by `database` and `longhaul all` (its workers included), % of one core. */
  cpu: CpuUse;
  /** Database commands over the window by name; `undefined` when not measurable. */
  commands: CommandCounts | undefined;
  /** Anything odd seen. */
  notes: string[];
}

/** Time given to `longhaul all` once its worker process exists (it connects, builds indexes) before measuring. */
const SETTLE_MS = 10_000;

/** Starts `longhaul all` on a fresh database, lets it settle, then measures `seconds` of doing nothing. */
export async function measureIdle(database: BenchDatabase, seconds: number, commands: CommandSource | undefined, status: (message: string) => void): Promise<IdleResult> {
  const dbName = database.newDatabaseName('bench_engine_idle');
  const notes: string[] = [];
  const all = await startAll({ mongoUri: database.serverUri, dbName, apiKeys: BENCH_API_KEYS, env: LONGHAUL_ENGINE_ENV });
  try {
    await workerPid(all.process).catch(() => notes.push('`longhaul all` had no worker process after 30 s'));
    await sleep(SETTLE_MS);
    status(`idle: measuring \`longhaul all\` (pid ${all.process.pid}) for ${seconds} s`);
    const counter = await CommandCounter.start(commands);
    const meter = new CpuMeter([
      { label: 'database', pid: () => database.pid, tree: false },
      { label: 'longhaul all', pid: () => all.process.pid },
    ]);
    await sleep(seconds * 1000);
    const cpu = meter.read();
    const counts = await counter?.read().catch(() => undefined);
    return { seconds, cpu, commands: counts, notes };
  } finally {
    await all.process.stop();
    await database.db(dbName).dropDatabase().catch(() => undefined);
  }
}
