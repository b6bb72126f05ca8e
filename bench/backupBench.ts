import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFreePort } from '../src/db/freePort.ts';
import type { BenchDatabase } from './support/benchDatabase.ts';
import { BenchProcess } from './support/benchProcess.ts';
import { GraphqlHttpClient } from './support/graphqlHttpClient.ts';
import { BENCH_API_KEY, BENCH_API_KEYS, REPO_ROOT, startServe, startWork } from './support/longhaulService.ts';
import { renderTable } from './support/textTable.ts';
import { peakRss, workerPid } from './support/workerProcess.ts';
import { positiveInt } from './benchOptions.ts';
import { rawBulkRead, rawGridFs, rawRestRead, sandboxLogin } from './sandboxLimits.ts';

/** Sizes of the backup bench (`BENCH_BACKUP_SMALL`, default 20,000; `BENCH_BACKUP_LARGE`, default 200,000). */
export interface BackupBenchOptions {
  small: number;
  large: number;
  /**
   * `BENCH_BACKUP_CPU_PROF`: a directory where each `longhaul work` process (supervisor and worker) writes a V8
   * CPU profile (`--cpu-prof`) when it stops; default `null`, no profile.
   */
  cpuProfileDir: string | null;
}

/** One backup the bench ran. */
export interface BackupBenchRun {
  method: 'BULK' | 'REST';
  records: number;
  /** Backup duration (startedAt to finishedAt), ms. */
  durationMs: number;
  recordsPerSecond: number;
  /** Peak resident memory of the worker process that ran it (`VmHWM`), bytes. */
  peakRssBytes: number;
  bytesStored: number;
  /** What the sandbox alone serves the same way at this size (raw HTTP reads, same objects, fields and pages), records/s. */
  rawRecordsPerSecond: number;
}

/** What the backup bench measured. */
export interface BackupBenchResult {
  runs: BackupBenchRun[];
  /** Peak RSS of a worker process that ran no job, bytes. */
  idleWorkerRssBytes: number;
  /** GridFS alone, writing and reading back the bytes the largest backup stored (incompressible), bytes/s. */
  storage: { bytes: number; writePerSecond: number; readPerSecond: number } | null;
  setup: string[];
}

const CPU_PROFILE_PRELOAD = new URL('./support/cpuProfilePreload.mjs', import.meta.url).href;
const SANDBOX_MAIN = fileURLToPath(new URL('../src/sandbox/main.ts', import.meta.url));
const DEMO = { username: 'demo@sandbox.longhaul', password: 'demo' };
const BACKUP_QUERY = 'query($orgId: ID!) { backups(orgId: $orgId) { id status records bytes durationMs job { id state } objects { name } } }';

/** Reads {@link BackupBenchOptions} from the environment. */
export function loadBackupBenchOptions(): BackupBenchOptions {
  const cpuProfileDir = process.env.BENCH_BACKUP_CPU_PROF;
  return {
    small: positiveInt(process.env, 'BENCH_BACKUP_SMALL', 20_000),
    large: positiveInt(process.env, 'BENCH_BACKUP_LARGE', 200_000),
    cpuProfileDir: cpuProfileDir === undefined || cpuProfileDir === '' ? null : cpuProfileDir,
  };
}

/**
 * Backs up the sandbox's demo org (all five business objects plus users) with every object going
 * through Bulk 2.0, then through REST paging, at `small` and at `large` records. Each backup runs
 * in a fresh `longhaul work` process, whose worker's peak RSS is read from `/proc` when it is done:
 * memory that does not grow with the record count stays near the same peak at both sizes.
 */
export async function runBackupBench(database: BenchDatabase, options: BackupBenchOptions, status: (message: string) => void): Promise<BackupBenchResult> {
  const dbName = database.newDatabaseName('bench_backup');
  const secretEnv = { LONGHAUL_SECRET_KEYS: `b1:${randomBytes(32).toString('base64')}` };
  const port = await findFreePort();
  const adminToken = randomBytes(24).toString('base64url');
  const sandbox = BenchProcess.spawn({
    name: 'sandbox',
    args: ['--import', 'tsx', SANDBOX_MAIN],
    env: { ...process.env, LONGHAUL_SANDBOX_ADMIN_TOKEN: adminToken, LONGHAUL_SANDBOX_PORT: String(port), LONGHAUL_SANDBOX_RECORDS: String(options.small), LOG_LEVEL: 'warn' },
    cwd: REPO_ROOT,
  });
  const sandboxUrl = `http://127.0.0.1:${port}`;
  await sandbox.waitForOutput(/sandbox org ready/, 60_000);
  const serve = await startServe({ mongoUri: database.serverUri, dbName, apiKeys: BENCH_API_KEYS, env: secretEnv });
  const gql = new GraphqlHttpClient({ url: serve.httpUrl, apiKey: BENCH_API_KEY, timeoutMs: 120_000 });
  const runs: BackupBenchRun[] = [];
  let idleWorkerRssBytes = 0;
  let storage: BackupBenchResult['storage'] = null;
  try {
    const input = { name: 'bench', loginUrl: sandboxUrl, username: DEMO.username, password: DEMO.password, clientId: 'bench', clientSecret: 'bench' };
    const { connectOrg } = await gql.request<{ connectOrg: { id: string } }>('mutation($input: ConnectOrgInput!) { connectOrg(input: $input) { id } }', { input });
    const orgId = connectOrg.id;
    for (const size of [options.small, options.large]) {
      if (size !== options.small) {
        status(`backup: reseeding the sandbox org with ${size} records`);
        const response = await fetch(`${sandboxUrl}/__admin/orgs/${DEMO.username}/seed`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` }, body: JSON.stringify({ size }) });
        if (!response.ok) throw new Error(`reseed failed: HTTP ${response.status} ${await response.text()}`);
      }
      // The daily allowance is not what is measured here.
      await fetch(`${sandboxUrl}/__admin/orgs/${DEMO.username}`, { method: 'PATCH', headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` }, body: JSON.stringify({ apiRequestsUsed: 0, dailyApiRequests: 10_000_000 }) });
      const raw = { BULK: 0, REST: 0 };
      for (const method of ['BULK', 'REST'] as const) {
        const threshold = method === 'BULK' ? '0' : String(Number.MAX_SAFE_INTEGER);
        const work = await startWork({ mongoUri: database.serverUri, dbName, apiKeys: BENCH_API_KEYS, env: { ...secretEnv, ...cpuProfileEnv(options), LONGHAUL_WORKERS: '1', LONGHAUL_BACKUP_BULK_THRESHOLD: threshold, LONGHAUL_BACKUP_BULK_POLL_MS: '200' } });
        try {
          const pid = await workerPid(work);
          await work.waitForOutput(/longhaul worker \S+: running/, 60_000);
          if (idleWorkerRssBytes === 0) idleWorkerRssBytes = await peakRss(pid);
          status(`backup: ${size} records through ${method}`);
          const { startBackup } = await gql.request<{ startBackup: { id: string } }>('mutation($orgId: ID!) { startBackup(orgId: $orgId) { id } }', { orgId });
          const backup = await waitForBackup(gql, orgId, startBackup.id);
          if (raw[method] === 0) {
            status(`backup: what the sandbox alone serves through ${method} (${backup.objects.join(', ')})`);
            const session = await sandboxLogin(sandboxUrl, DEMO.username, DEMO.password);
            raw[method] = (method === 'BULK' ? await rawBulkRead(session, backup.objects, 5000, 200) : await rawRestRead(session, backup.objects, 2000)).perSecond;
          }
          const run: BackupBenchRun = {
            method,
            records: backup.records,
            durationMs: backup.durationMs,
            recordsPerSecond: backup.records / (backup.durationMs / 1000),
            peakRssBytes: await peakRss(pid),
            bytesStored: backup.bytes,
            rawRecordsPerSecond: raw[method],
          };
          runs.push(run);
          status(`backup: ${run.records} records through ${method} in ${(run.durationMs / 1000).toFixed(1)} s (${Math.round(run.recordsPerSecond)}/s), worker peak RSS ${mib(run.peakRssBytes)}`);
        } finally {
          await work.stop();
        }
      }
    }
    const largest = runs.reduce<BackupBenchRun | undefined>((a, r) => (a === undefined || r.bytesStored > a.bytesStored ? r : a), undefined);
    if (largest !== undefined) {
      status(`backup: GridFS alone, ${mib(largest.bytesStored)} written and read back`);
      storage = await rawGridFs(database.serverUri, dbName, Math.max(1, Math.round(largest.bytesStored)));
    }
  } finally {
    await serve.process.stop();
    await sandbox.stop();
  }
  const setup = [
    `backup: sandbox demo org (tsx src/sandbox/main.ts, its own process) at ${options.small} and ${options.large} records (Account 20%, Contact 30%, Opportunity 20%, Case 15%, Invoice__c 15%, + 5 users); every object through one method per run`,
    'backup: 1 serve + 1 work (LONGHAUL_WORKERS=1, a fresh work process per run); Bulk pages of LONGHAUL_BACKUP_BULK_PAGE_SIZE (default 5,000) records, REST pages of 2,000; peak RSS = VmHWM of the worker process',
  ];
  setup.push('backup: raw = the sandbox alone, over plain HTTP after each longhaul run: the same objects and fields, Bulk 2.0 jobs with pages of 5,000 and 200 ms polls, REST pages of 2,000, answers read whole and dropped');
  return { runs, idleWorkerRssBytes, storage, setup };
}

/** Environment that makes a work process's worker write a CPU profile into `options.cpuProfileDir` (see `cpuProfilePreload.mjs`); none without one. */
function cpuProfileEnv(options: BackupBenchOptions): NodeJS.ProcessEnv {
  if (options.cpuProfileDir === null) return {};
  const inherited = process.env.NODE_OPTIONS ?? '';
  return { NODE_OPTIONS: `${inherited} --import=${CPU_PROFILE_PRELOAD}`.trim(), LONGHAUL_BENCH_CPU_PROF_DIR: resolve(options.cpuProfileDir) };
}

async function waitForBackup(gql: GraphqlHttpClient, orgId: string, jobId: string): Promise<{ records: number; bytes: number; durationMs: number; objects: string[] }> {
  for (;;) {
    const { backups } = await gql.request<{ backups: { status: string; records: number; bytes: number; durationMs: number | null; job: { id: string; state: string }; objects: { name: string }[] }[] }>(BACKUP_QUERY, { orgId });
    const backup = backups.find((b) => b.job.id === jobId);
    if (backup !== undefined && (backup.job.state === 'SUCCEEDED' || backup.job.state === 'FAILED')) {
      if (backup.status !== 'SUCCEEDED' || backup.durationMs === null) throw new Error(`backup ended ${backup.status} (job ${backup.job.state})`);
      return { records: backup.records, bytes: backup.bytes, durationMs: backup.durationMs, objects: backup.objects.map((o) => o.name) };
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** The backup part of the report: throughput and peak memory, with the ratios side by side. */
export function renderBackupReport(result: BackupBenchResult): string {
  const find = (method: string, records: number) => result.runs.find((r) => r.method === method && r.records === records);
  const sizes = [...new Set(result.runs.map((r) => r.records))].sort((a, b) => a - b);
  const share = (r: BackupBenchRun): number => r.recordsPerSecond / r.rawRecordsPerSecond;
  const rows = result.runs.map((r) => [
    r.method,
    r.records.toLocaleString('en-US'),
    `${(r.durationMs / 1000).toFixed(1)} s`,
    Math.round(r.recordsPerSecond).toLocaleString('en-US'),
    Math.round(r.rawRecordsPerSecond).toLocaleString('en-US'),
    `${(share(r) * 100).toFixed(0)}%`,
    share(r) >= 0.7 ? 'met' : 'NOT MET',
    mib(r.peakRssBytes),
    mib(r.bytesStored),
  ]);
  let out = `\nSalesforce backup (idle worker peak RSS ${mib(result.idleWorkerRssBytes)}; goal: at least 70% of what the sandbox alone serves)\n`;
  out += renderTable(['method', 'records', 'duration', 'records/s', 'sandbox alone/s', 'share', '>= 70%', 'worker peak RSS', 'stored (gzip)'], rows);
  if (result.storage !== null) {
    const s = result.storage;
    out += `\nGridFS alone, ${mib(s.bytes)} of incompressible bytes: write ${mib(s.writePerSecond)}/s, read ${mib(s.readPerSecond)}/s\n`;
    for (const r of result.runs) {
      const perRecord = r.bytesStored / r.records;
      if (r === result.runs.at(-1)) out += `  as records (${perRecord.toFixed(0)} stored bytes each, ${r.method} ${r.records.toLocaleString('en-US')}): write ${Math.round(s.writePerSecond / perRecord).toLocaleString('en-US')} records/s, read ${Math.round(s.readPerSecond / perRecord).toLocaleString('en-US')} records/s\n`;
    }
  }
  const [small, large] = [sizes[0], sizes.at(-1)];
  if (small !== undefined && large !== undefined && small !== large) {
    const ratioRows = (['BULK', 'REST'] as const).map((method) => {
      const s = find(method, small);
      const l = find(method, large);
      const memory = s && l ? l.peakRssBytes / s.peakRssBytes : Number.NaN;
      return [method, `${memory.toFixed(2)}x`, memory <= 1.2 ? 'met' : 'NOT MET', s && l ? `${(l.recordsPerSecond / s.recordsPerSecond).toFixed(2)}x` : 'n/a'];
    });
    out += `\npeak RSS at ${large.toLocaleString('en-US')} / at ${small.toLocaleString('en-US')} records (goal: within 20%), and records/s the same way\n`;
    out += renderTable(['method', 'peak RSS ratio', 'within 20%', 'records/s ratio'], ratioRows);
    const bulk = find('BULK', large);
    const rest = find('REST', large);
    if (bulk && rest) out += `\nBulk 2.0 / REST at ${large.toLocaleString('en-US')} records: ${(bulk.recordsPerSecond / rest.recordsPerSecond).toFixed(2)}x records/s, ${(bulk.peakRssBytes / rest.peakRssBytes).toFixed(2)}x peak RSS\n`;
  }
  return out;
}
