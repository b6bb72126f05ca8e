import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import jsforce from 'jsforce';
import { startSandbox } from '../src/sandbox/index.ts';
import { BackupFileStore, BackupObjectStatus, BackupStatus, BackupStore } from '../src/storage/index.ts';
import type { BenchDatabase } from './support/benchDatabase.ts';
import { REPO_ROOT } from './support/longhaulService.ts';
import { renderTable } from './support/textTable.ts';
import { positiveInt } from './benchOptions.ts';

/** Sizes of the export bench (`BENCH_EXPORT_SMALL`, default 100,000; `BENCH_EXPORT_LARGE`, default 1,000,000 records). */
export interface ExportBenchOptions {
  small: number;
  large: number;
}

/** One measured export. */
export interface ExportBenchRun {
  mode: 'streaming' | 'in-memory';
  records: number;
  rows: number;
  bytes: number;
  sha256: string;
  durationMs: number;
  peakRssBytes: number;
}

/** What the export bench measured. */
export interface ExportBenchResult {
  runs: ExportBenchRun[];
  /** Peak RSS of the same child process doing nothing (node, tsx, the MongoDB driver). */
  idleRssBytes: number;
  /** Time to store each synthetic backup, ms. */
  seedMs: Record<number, number>;
}

const CHILD = fileURLToPath(new URL('./exportBenchChild.ts', import.meta.url));
const PART = 10_000;

/** Reads {@link ExportBenchOptions} from the environment. */
export function loadExportBenchOptions(): ExportBenchOptions {
  return { small: positiveInt(process.env, 'BENCH_EXPORT_SMALL', 100_000), large: positiveInt(process.env, 'BENCH_EXPORT_LARGE', 1_000_000) };
}

/**
 * Stores a FULL backup of `size` generated Contacts (tricky text included) the way the backup job
 * does (gzip NDJSON parts of 10,000 plus the describe), straight from an in-process sandbox org.
 */
async function seedBackup(database: BenchDatabase, dbName: string, size: number): Promise<string> {
  const sandbox = await startSandbox({ orgs: [] });
  try {
    const org = sandbox.addOrg({ username: `export${size}@bench.test`, password: 'pw', size: { Account: 1000, Contact: size }, seed: 12, trickyRate: 0.05 });
    const conn = new jsforce.Connection({ loginUrl: sandbox.url, version: '59.0', oauth2: { clientId: 'bench', clientSecret: 'bench', loginUrl: sandbox.url } });
    await conn.login(org.username, 'pw');
    const describe = await conn.sobject('Contact').describe();
    const db = database.db(dbName);
    const backups = new BackupStore(db);
    const files = new BackupFileStore(db);
    const backup = await backups.create({ tenantId: 'bench', orgId: '0'.repeat(24), mode: 'FULL', objects: ['Contact'] });
    await files.writeSchema('bench', backup.id, 'Contact', describe);
    let part = 0;
    let records = 0;
    let bytes = 0;
    let batch: Record<string, unknown>[] = [];
    const flush = async () => {
      const stored = await files.writePart('bench', backup.id, 'Contact', part++, batch);
      records += stored.records;
      bytes += stored.bytes;
      batch = [];
    };
    for (const { attributes: _a, ...record } of org.records('Contact')) {
      batch.push(record);
      if (batch.length >= PART) await flush();
    }
    if (batch.length > 0) await flush();
    const now = new Date();
    await backups.update('bench', backup.id, {
      status: BackupStatus.Succeeded,
      startedAt: now,
      finishedAt: now,
      objects: [{ name: 'Contact', status: BackupObjectStatus.Succeeded, estimatedRecords: records, records, bytes, parts: part, sha256: null, error: null, startedAt: now, finishedAt: now }],
    });
    return backup.id;
  } finally {
    await sandbox.stop();
  }
}

async function runChild(mode: string, database: BenchDatabase, dbName: string, backupId: string): Promise<Omit<ExportBenchRun, 'mode' | 'records'>> {
  // BENCH_EXPORT_CPU_PROF=<dir> writes a V8 CPU profile of each run there (for `--cpu-prof` readers such as Chrome's DevTools).
  const profile = process.env.BENCH_EXPORT_CPU_PROF === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_EXPORT_CPU_PROF];
  // Only the in-memory run, which holds every row, gets a larger heap: the streaming export runs with Node's defaults,
  // as a worker does (the memory goal is for default heap settings).
  const heap = mode === 'in-memory' ? ['--max-old-space-size=8192'] : [];
  const child = spawn(process.execPath, [...heap, ...profile, '--import', 'tsx', CHILD, mode, database.serverUri, dbName, backupId], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`export bench child (${mode}) exited ${code}: ${stderr.slice(-2000)}`);
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Omit<ExportBenchRun, 'mode' | 'records'>;
}

/**
 * Exports a Contact backup of `small` and of `large` records to CSV in GridFS twice each, in fresh
 * child processes: through the export job's streaming code, and by building the whole CSV in memory
 * with the same library. Both must produce the same file (same sha256).
 */
export async function runExportBench(database: BenchDatabase, options: ExportBenchOptions, status: (message: string) => void): Promise<ExportBenchResult> {
  const dbName = database.newDatabaseName('bench_export');
  const runs: ExportBenchRun[] = [];
  const seedMs: Record<number, number> = {};
  let idleRssBytes = 0;
  for (const size of [options.small, options.large]) {
    status(`export: storing a backup of ${size} contacts`);
    const seedStarted = Date.now();
    const backupId = await seedBackup(database, dbName, size);
    seedMs[size] = Date.now() - seedStarted;
    if (idleRssBytes === 0) idleRssBytes = (await runChild('idle', database, dbName, backupId)).peakRssBytes;
    for (const mode of ['streaming', 'in-memory'] as const) {
      status(`export: ${size} records, ${mode}`);
      const run = { mode, records: size, ...(await runChild(mode, database, dbName, backupId)) };
      runs.push(run);
      status(`export: ${size} records ${mode}: ${(run.durationMs / 1000).toFixed(1)} s, ${Math.round(run.rows / (run.durationMs / 1000))} rows/s, peak RSS ${mib(run.peakRssBytes)}`);
    }
    const [streaming, inMemory] = runs.slice(-2);
    if (streaming!.sha256 !== inMemory!.sha256) throw new Error(`export bench: streaming and in-memory CSV differ at ${size} records`);
  }
  return { runs, idleRssBytes, seedMs };
}

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** The export part of the report. */
export function renderExportReport(result: ExportBenchResult, options: ExportBenchOptions): string {
  const rows = result.runs.map((r) => [r.mode, r.records.toLocaleString('en-US'), `${(r.durationMs / 1000).toFixed(1)} s`, Math.round(r.rows / (r.durationMs / 1000)).toLocaleString('en-US'), mib(r.bytes), mib(r.peakRssBytes), mib(r.peakRssBytes - result.idleRssBytes)]);
  let out = `\nCSV export of a Contact backup (child process per run; idle child peak RSS ${mib(result.idleRssBytes)}; same sha256 both ways)\n`;
  out += renderTable(['mode', 'records', 'duration', 'rows/s', 'CSV size', 'peak RSS', 'above idle'], rows);
  const find = (mode: string, records: number) => result.runs.find((r) => r.mode === mode && r.records === records)!;
  const ratioRows = [options.small, options.large].map((size) => {
    const s = find('streaming', size);
    const m = find('in-memory', size);
    const ratio = m.peakRssBytes / s.peakRssBytes;
    return [size.toLocaleString('en-US'), `${ratio.toFixed(1)}x`, ratio >= 5 ? 'yes' : 'NO', `${((m.peakRssBytes - result.idleRssBytes) / Math.max(1, s.peakRssBytes - result.idleRssBytes)).toFixed(1)}x`];
  });
  out += `\nin-memory / streaming peak RSS (goal: at least 5x lower when streaming)\n`;
  out += renderTable(['records', 'ratio', '>= 5x', 'ratio above idle'], ratioRows);
  const growth = find('streaming', options.large).peakRssBytes / find('streaming', options.small).peakRssBytes;
  out += `\nstreaming peak RSS at ${options.large.toLocaleString('en-US')} / at ${options.small.toLocaleString('en-US')} records: ${growth.toFixed(2)}x (goal: within 20%: ${growth <= 1.2 ? 'yes' : 'NO'})\n`;
  const streamingLarge = find('streaming', options.large);
  const rowsPerSecond = streamingLarge.rows / (streamingLarge.durationMs / 1000);
  out += `streaming export at ${options.large.toLocaleString('en-US')} records: ${Math.round(rowsPerSecond).toLocaleString('en-US')} rows/s (goal: at least 100,000 rows/s: ${rowsPerSecond >= 100_000 ? 'met' : 'NOT MET'})\n`;
  out += `backups stored for the bench (not measured): ${Object.entries(result.seedMs).map(([n, ms]) => `${Number(n).toLocaleString('en-US')} in ${(ms / 1000).toFixed(0)} s`).join(', ')}\n`;
  return out;
}
