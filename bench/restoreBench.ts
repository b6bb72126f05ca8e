import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { findFreePort } from '../src/db/freePort.ts';
import type { BenchDatabase } from './support/benchDatabase.ts';
import { BenchProcess } from './support/benchProcess.ts';
import { GraphqlHttpClient } from './support/graphqlHttpClient.ts';
import { BENCH_API_KEY, BENCH_API_KEYS, REPO_ROOT, startServe, startWork } from './support/longhaulService.ts';
import { renderTable } from './support/textTable.ts';
import { peakRss, workerPid } from './support/workerProcess.ts';
import { rawBulkWrite, rawCollectionsWrite, sandboxLogin } from './sandboxLimits.ts';

/** Size of the restore bench (`BENCH_RESTORE_RECORDS`, default 10,000 accounts). */
export interface RestoreBenchOptions {
  records: number;
}

/** One measured restore. */
export interface RestoreBenchRun {
  method: 'COLLECTIONS' | 'BULK';
  created: number;
  failed: number;
  /** Restore duration (startedAt to finishedAt), ms. */
  durationMs: number;
  recordsPerSecond: number;
  /** Peak RSS (`VmHWM`) of the worker process that ran it, bytes. */
  peakRssBytes: number;
  /** Why the restore did not succeed (the run still reports). */
  error?: string;
  /** What the sandbox alone takes the same way (raw HTTP writes of as many accounts), records/s; 0 until measured. */
  rawRecordsPerSecond: number;
}

const SANDBOX_MAIN = fileURLToPath(new URL('../src/sandbox/main.ts', import.meta.url));
const DEMO = 'demo@sandbox.longhaul';

/** Reads {@link RestoreBenchOptions} from the environment. */
export function loadRestoreBenchOptions(): RestoreBenchOptions {
  const raw = process.env.BENCH_RESTORE_RECORDS;
  const records = raw === undefined || raw === '' ? 10_000 : Number(raw);
  if (!Number.isInteger(records) || records < 1) throw new Error(`BENCH_RESTORE_RECORDS must be an integer >= 1, got "${raw}"`);
  return { records };
}

async function admin(sandboxUrl: string, adminToken: string, path: string, method: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${sandboxUrl}/__admin${path}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`sandbox admin ${method} ${path}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}

async function waitForJob(gql: GraphqlHttpClient, jobId: string): Promise<{ state: string; result: Record<string, number> | null; input: { restoreId?: string } }> {
  for (;;) {
    const { job } = await gql.request<{ job: { state: string; result: Record<string, number> | null; input: { restoreId?: string } } }>('query($id: ID!) { job(id: $id) { state result input } }', { id: jobId });
    if (['SUCCEEDED', 'FAILED', 'CANCELLED', 'DEBUG'].includes(job.state)) return job;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * Backs up `records` accounts of the sandbox's demo org (its own process), then twice deletes them
 * all and restores them (`INSERT_MISSING`): once through sObject Collections, once through Bulk
 * API 2.0 ingest, each in a fresh `longhaul work` process.
 */
export async function runRestoreBench(database: BenchDatabase, options: RestoreBenchOptions, status: (message: string) => void): Promise<RestoreBenchRun[]> {
  const dbName = database.newDatabaseName('bench_restore');
  const secretEnv = { LONGHAUL_SECRET_KEYS: `r1:${randomBytes(32).toString('base64')}` };
  const port = await findFreePort();
  const adminToken = randomBytes(24).toString('base64url');
  const sandbox = BenchProcess.spawn({ name: 'sandbox', args: ['--import', 'tsx', SANDBOX_MAIN], env: { ...process.env, LONGHAUL_SANDBOX_ADMIN_TOKEN: adminToken, LONGHAUL_SANDBOX_PORT: String(port), LONGHAUL_SANDBOX_RECORDS: '10', LOG_LEVEL: 'warn' }, cwd: REPO_ROOT });
  const sandboxUrl = `http://127.0.0.1:${port}`;
  await sandbox.waitForOutput(/sandbox org ready/, 60_000);
  const serve = await startServe({ mongoUri: database.serverUri, dbName, apiKeys: BENCH_API_KEYS, env: secretEnv });
  const gql = new GraphqlHttpClient({ url: serve.httpUrl, apiKey: BENCH_API_KEY, timeoutMs: 120_000 });
  const runs: RestoreBenchRun[] = [];
  const workEnv = (method: 'COLLECTIONS' | 'BULK') => ({
    ...secretEnv,
    LONGHAUL_WORKERS: '1',
    LONGHAUL_RESTORE_BULK_THRESHOLD: method === 'BULK' ? '0' : String(Number.MAX_SAFE_INTEGER),
    LONGHAUL_RESTORE_BULK_POLL_MS: '200',
  });
  try {
    await admin(sandboxUrl, adminToken, `/orgs/${DEMO}/seed`, 'POST', { size: { Account: options.records } });
    await admin(sandboxUrl, adminToken, `/orgs/${DEMO}`, 'PATCH', { apiRequestsUsed: 0, dailyApiRequests: 10_000_000 });
    const input = { name: 'bench', loginUrl: sandboxUrl, username: DEMO, password: 'demo', clientId: 'bench', clientSecret: 'bench' };
    const { connectOrg } = await gql.request<{ connectOrg: { id: string } }>('mutation($input: ConnectOrgInput!) { connectOrg(input: $input) { id } }', { input });
    const orgId = connectOrg.id;
    let backupId = '';
    for (const method of ['COLLECTIONS', 'BULK'] as const) {
      const work = await startWork({ mongoUri: database.serverUri, dbName, apiKeys: BENCH_API_KEYS, env: workEnv(method) });
      try {
        const pid = await workerPid(work);
        await work.waitForOutput(/longhaul worker \S+: running/, 60_000);
        if (backupId === '') {
          status(`restore: backing up ${options.records} accounts`);
          const { startBackup } = await gql.request<{ startBackup: { id: string } }>('mutation($orgId: ID!) { startBackup(orgId: $orgId, objects: ["Account"]) { id } }', { orgId });
          if ((await waitForJob(gql, startBackup.id)).state !== 'SUCCEEDED') throw new Error('restore bench: the backup failed');
          const { backups } = await gql.request<{ backups: { id: string }[] }>('query($orgId: ID!) { backups(orgId: $orgId) { id } }', { orgId });
          backupId = backups[0]!.id;
        }
        await admin(sandboxUrl, adminToken, `/orgs/${DEMO}/mutate`, 'POST', { object: 'Account', delete: options.records * 2 });
        status(`restore: ${options.records} accounts through ${method}`);
        const { startRestore } = await gql.request<{ startRestore: { id: string } }>('mutation($input: StartRestoreInput!) { startRestore(input: $input) { id } }', {
          input: { backupId, targetOrgId: orgId, objects: ['Account'], mode: 'INSERT_MISSING' },
        });
        const job = await waitForJob(gql, startRestore.id);
        if (job.state !== 'SUCCEEDED') {
          const { job: failed } = await gql.request<{ job: { lastError: { code: string; message: string } | null } }>('query($id: ID!) { job(id: $id) { lastError { code message } } }', { id: startRestore.id });
          runs.push({ method, created: 0, failed: 0, durationMs: 0, recordsPerSecond: 0, peakRssBytes: await peakRss(pid), error: `${job.state}: ${failed.lastError?.code ?? ''} ${failed.lastError?.message ?? ''}`, rawRecordsPerSecond: 0 });
          status(`restore: the ${method} restore ended ${job.state}`);
          continue;
        }
        const { restore } = await gql.request<{ restore: { startedAt: string; finishedAt: string; totals: { created: number; failed: number }; plan: { objects: { method: string }[] } } }>(
          'query($id: ID!) { restore(id: $id) { startedAt finishedAt totals { created failed } plan { objects { method } } } }',
          { id: job.input.restoreId },
        );
        if (restore.plan.objects[0]?.method !== method) throw new Error(`restore bench: expected ${method}, the plan says ${restore.plan.objects[0]?.method}`);
        const durationMs = new Date(restore.finishedAt).getTime() - new Date(restore.startedAt).getTime();
        const run: RestoreBenchRun = { method, created: restore.totals.created, failed: restore.totals.failed, durationMs, recordsPerSecond: restore.totals.created / (durationMs / 1000), peakRssBytes: await peakRss(pid), rawRecordsPerSecond: 0 };
        runs.push(run);
        status(`restore: ${run.created} created through ${method} in ${(durationMs / 1000).toFixed(1)} s (${Math.round(run.recordsPerSecond)}/s)`);
      } finally {
        await work.stop();
      }
    }
    // After longhaul's runs, so that the accounts these write do not change what longhaul restored.
    const session = await sandboxLogin(sandboxUrl, DEMO, 'demo');
    for (const run of runs) {
      status(`restore: what the sandbox alone takes through ${run.method}, ${options.records} accounts`);
      run.rawRecordsPerSecond = (run.method === 'BULK' ? await rawBulkWrite(session, options.records, 200) : await rawCollectionsWrite(session, options.records)).perSecond;
    }
  } finally {
    await serve.process.stop();
    await sandbox.stop();
  }
  return runs;
}

/** The restore part of the report. */
export function renderRestoreReport(runs: readonly RestoreBenchRun[]): string {
  const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  let out = '\nSalesforce restore (INSERT_MISSING of deleted accounts into the sandbox demo org, its own process; 1 serve + 1 work; duration = the restore\'s startedAt..finishedAt, planning included)\n';
  out += 'goal: at least 70% of what the sandbox alone takes (raw HTTP: Collections of 200 records one request at a time; one Bulk 2.0 ingest job of one CSV upload, 200 ms polls)\n';
  out += renderTable(
    ['method', 'created', 'failed', 'duration', 'records/s', 'sandbox alone/s', 'share', '>= 70%', 'worker peak RSS'],
    runs.map((r) => {
      const share = r.rawRecordsPerSecond > 0 ? r.recordsPerSecond / r.rawRecordsPerSecond : Number.NaN;
      return [
        r.method,
        r.created.toLocaleString('en-US'),
        String(r.failed),
        `${(r.durationMs / 1000).toFixed(1)} s`,
        Math.round(r.recordsPerSecond).toLocaleString('en-US'),
        Math.round(r.rawRecordsPerSecond).toLocaleString('en-US'),
        `${(share * 100).toFixed(0)}%`,
        share >= 0.7 ? 'met' : 'NOT MET',
        mib(r.peakRssBytes),
      ];
    }),
  );
  for (const r of runs) if (r.error !== undefined) out += `${r.method} did not succeed: ${r.error}\n`;
  const [collections, bulk] = [runs.find((r) => r.method === 'COLLECTIONS'), runs.find((r) => r.method === 'BULK')];
  if (collections && bulk && collections.error === undefined && bulk.error === undefined) out += `\nBulk ingest / Collections: ${(bulk.recordsPerSecond / collections.recordsPerSecond).toFixed(2)}x records/s\n`;
  return out;
}
