/**
 * `npm run bench`: longhaul against plain Agenda on one database server, then progress push
 * latency to 100 and 1,000 WebSocket subscribers of one `serve` process. Prints one report
 * (see `report.ts`); progress goes to stderr. Every process started is killed at the end.
 */
import { cpus, loadavg } from 'node:os';
import { loadBenchOptions } from './benchOptions.ts';
import { runEnqueuePhase } from './enqueuePhase.ts';
import { TRIVIAL_JOB } from './longhaulEnqueue.ts';
import { runProgressPhase } from './progressPhase.ts';
import { renderReport } from './report.ts';
import { openBenchDatabase, type BenchDatabase } from './support/benchDatabase.ts';
import { BenchProcess } from './support/benchProcess.ts';
import { loadBackupBenchOptions, renderBackupReport, runBackupBench } from './backupBench.ts';
import { loadExportBenchOptions, renderExportReport, runExportBench } from './exportBench.ts';
import { loadRestoreBenchOptions, renderRestoreReport, runRestoreBench } from './restoreBench.ts';
import { loadIdLookupBenchOptions, renderIdLookupReport, runIdLookupBench } from './idLookupBench.ts';
import { renderBusIdleReport, runBusIdleBench } from './busIdle.ts';
import { loadPruneBenchOptions, renderPruneReport, runPruneBench } from './pruneBench.ts';
import { runEngineBench } from './engine/engineBench.ts';

const started = Date.now();
const status = (message: string): void => {
  process.stderr.write(`[bench +${((Date.now() - started) / 1000).toFixed(1)}s] ${message}\n`);
};
const formatLoad = (): string =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
const loadAtStart = formatLoad();

process.on('exit', () => BenchProcess.killAll());
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    status(`${signal}: killing started processes`);
    BenchProcess.killAll();
    process.exit(130);
  });
}

/**
 * `npm run bench -- backup` (or `export`, `restore`, `prune`, several) runs only those Salesforce parts; no argument runs every part.
 * `npm run bench -- idlookup` compares `_id` lookups on the FerretDB build with the previous build (its own servers).
 * `npm run bench -- busidle` measures the bus idle (FerretDB CPU, commands/s) and its cross-process latency (its own servers).
 * `npm run bench -- engine` runs issue 14's engine figures side by side with BullMQ/Redis and plain Agenda (`engine/engineBench.ts`).
 */
const parts = process.argv.slice(2);

async function main(): Promise<void> {
  const options = loadBenchOptions();
  let database: BenchDatabase | undefined;
  if (parts.length === 1 && parts[0] === 'idlookup') {
    const idLookup = await runIdLookupBench(loadIdLookupBenchOptions(), status);
    process.stdout.write(`machine: ${cpus().length} CPU(s) (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}; load average at start ${loadAtStart}, at end ${formatLoad()}\n${renderIdLookupReport(idLookup)}`);
    return;
  }
  if (parts.length === 1 && parts[0] === 'busidle') {
    const busIdle = await runBusIdleBench(status);
    process.stdout.write(`machine: ${cpus().length} CPU(s) (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}; load average at start ${loadAtStart}, at end ${formatLoad()}\n${renderBusIdleReport(busIdle)}`);
    return;
  }
  const machine = (): string => `machine: ${cpus().length} CPU(s) (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}; load average at start ${loadAtStart}, at end ${formatLoad()}`;
  if (parts.length === 1 && parts[0] === 'engine') {
    try {
      status('starting the database (with debug metrics)');
      database = await openBenchDatabase({ debugMetrics: true });
      status(`database: ${database.description} at ${database.serverUri}`);
      process.stdout.write(await runEngineBench(database, status, machine));
    } finally {
      status('stopping processes');
      BenchProcess.killAll();
      await database?.close().catch((error: unknown) => status(`database close failed: ${String(error)}`));
    }
    return;
  }
  try {
    status('starting the database');
    database = await openBenchDatabase();
    status(`database: ${database.description} at ${database.serverUri}`);
    if (parts.length > 0 && !parts.every((p) => ['backup', 'export', 'restore', 'prune', 'idlookup'].includes(p))) throw new Error(`unknown bench part(s) ${parts.join(' ')}; known: backup, export, restore, prune, idlookup, engine (alone)`);
    const wanted = (part: string): boolean => parts.length === 0 || parts.includes(part);
    let backupReport = '';
    if (wanted('backup')) {
      const backup = await runBackupBench(database, loadBackupBenchOptions(), status);
      backupReport = `${backup.setup.join('\n')}\n${renderBackupReport(backup)}`;
    }
    if (wanted('export')) {
      const exportOptions = loadExportBenchOptions();
      backupReport += renderExportReport(await runExportBench(database, exportOptions, status), exportOptions);
    }
    if (wanted('restore')) backupReport += renderRestoreReport(await runRestoreBench(database, loadRestoreBenchOptions(), status));
    if (wanted('prune')) backupReport += renderPruneReport(await runPruneBench(database, loadPruneBenchOptions(), status));
    if (wanted('idlookup')) backupReport += renderIdLookupReport(await runIdLookupBench(loadIdLookupBenchOptions(), status));
    if (parts.length > 0) {
      process.stdout.write(`machine: ${cpus().length} CPU(s) (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}; load average at start ${loadAtStart}, at end ${formatLoad()}\n${backupReport}`);
      return;
    }
    const enqueue = await runEnqueuePhase(database, options, status);
    const progress = await runProgressPhase(database, options, status);
    const env = (name: string, fallback: string): string => `${name}=${process.env[name] ?? `${fallback} (default)`}`;
    const setup = [
      `machine: ${cpus().length} CPU(s) (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}; load average at start ${loadAtStart}, at end ${formatLoad()}`,
      `database server: ${database.description}; plain Agenda on ${enqueue.databases.plain}, longhaul part 1 on ${enqueue.databases.longhaul}, part 2 on ${progress.database}`,
      `longhaul: 1 serve + 1 work, ${[
        env('LONGHAUL_WORKERS', '1'),
        env('LONGHAUL_CONCURRENCY', '20'),
        env('LONGHAUL_PROCESS_EVERY_MS', '2000'),
        env('LONGHAUL_PROGRESS_INTERVAL_MS', '100'),
        env('LONGHAUL_BUS_MAX_EVENTS', '5000'),
      ].join(', ')}`,
      'plain Agenda: Agenda 6 + MongoBackend defaults (processEvery 5 s, maxConcurrency 20, defaultConcurrency 5), in the bench process',
      `trivial job: ${TRIVIAL_JOB.type} ${JSON.stringify(TRIVIAL_JOB.input)} (longhaul), an empty async function (plain Agenda)`,
    ];
    process.stdout.write(renderReport({ setup, enqueue, progress: progress.results, elapsedMs: Date.now() - started }));
    process.stdout.write(backupReport);
  } finally {
    status('stopping processes');
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
