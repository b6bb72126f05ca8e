import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient, type Db } from 'mongodb';
import { testDatabaseUri, uniqueDatabaseName } from '../support/database.ts';
import { environmentTracesIn, KEYED_ENV, KEYED_SECRETS, secretsIn, storedDiagnostic } from '../support/diagnostics.ts';
import { gqlData } from '../support/graphqlClient.ts';
import { startLonghaul, TEST_KEYS, type LonghaulProcess } from '../support/longhaulProcess.ts';
import { eventually } from '../support/eventually.ts';

const A = TEST_KEYS.tenantA;
const OPS = TEST_KEYS.operator;

describe.each([
  // Paused inside the blocking code, `process.report.getReport()` evaluated there (environment dropped before it leaves).
  { path: 'inspector', inspector: 'on', seconds: 60, reportWaitMs: 5000, writtenBy: /through the inspector/, envRemovedByStore: false },
  // The loop comes free within the wait: Node itself writes the report file on SIGUSR2 (environment and all).
  { path: 'signal', inspector: 'off', seconds: 5, reportWaitMs: 30_000, writtenBy: /^worker \(report on signal\)$/, envRemovedByStore: true },
  // Neither: the supervisor's own report from /proc.
  { path: '/proc', inspector: 'off', seconds: 60, reportWaitMs: 1000, writtenBy: /^supervisor$/, envRemovedByStore: false },
])('the report of a blocked worker, by the $path path, with known keys configured', ({ inspector, seconds, reportWaitMs, writtenBy, envRemovedByStore }) => {
  const dbName = uniqueDatabaseName('blocked_secrets');
  const dataDir = mkdtempSync(join(tmpdir(), 'longhaul-blocked-secrets-'));
  let app: LonghaulProcess;
  let mongo: MongoClient;
  let db: Db;

  beforeAll(async () => {
    app = await startLonghaul('all', dbName, {
      ...KEYED_ENV,
      LONGHAUL_WORKERS: '1',
      LONGHAUL_DATA_DIR: dataDir,
      LONGHAUL_WORKER_HEARTBEAT_MS: '250',
      LONGHAUL_BLOCKED_AFTER_MS: '1500',
      LONGHAUL_REPORT_WAIT_MS: String(reportWaitMs),
      LONGHAUL_BLOCKED_INSPECTOR: inspector,
    });
    mongo = await MongoClient.connect(testDatabaseUri(dbName));
    db = mongo.db(dbName);
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    await db?.dropDatabase().catch(() => undefined);
    await mongo?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('should store it without environment, command line or any key, and leave no report file on disk', async () => {
    const job = (await gqlData(app.url, A, `mutation { createJob(input: { type: "demo.block", input: { seconds: ${seconds} } }) { id } }`)).createJob;
    const blocked = await eventually(
      'the job to run with a checkpoint',
      async () => (await gqlData(app.url, A, 'query($id: ID!) { job(id: $id) { state workerId checkpoint } }', { id: job.id })).job,
      (j: any) => j.state === 'RUNNING' && j.checkpoint !== null,
    );
    const diagnostics = await eventually(
      'the blocked-loop report',
      async () => (await gqlData(app.url, OPS, 'query($w: ID!) { monitoring { diagnostics(workerId: $w) { id reason } } }', { w: blocked.workerId })).monitoring.diagnostics,
      (d: any[]) => d.some((x) => x.reason === 'event loop blocked'),
      { timeoutMs: 90_000, intervalMs: 250 },
    );
    const diagnostic = diagnostics.find((d: any) => d.reason === 'event loop blocked');
    expect(diagnostic).toBeDefined();

    const bytes = await storedDiagnostic(db, diagnostic.id);
    expect(secretsIn(bytes, KEYED_SECRETS)).toEqual([]);
    expect(environmentTracesIn(bytes)).toEqual([]);
    const report = JSON.parse(bytes.toString('utf8')) as Record<string, any>;
    expect(report.longhaul).toMatchObject({ workerId: blocked.workerId, writtenBy: expect.stringMatching(writtenBy) });
    // Where the environment was removed: by the store for a report Node wrote, before it left the worker through the inspector.
    expect(report.longhaul.redaction.removed.some((path: string) => path.endsWith('environmentVariables'))).toBe(envRemovedByStore);

    // Node's own report files (whole environment) are private to the service and removed once read, or once the worker is gone.
    const reports = join(dataDir, 'reports');
    expect(statSync(reports).mode & 0o777).toBe(0o700);
    const pid = Number(blocked.workerId.split(':')[1]);
    const left = await eventually(
      'the report files to be removed and the worker gone',
      async () => readdirSync(reports).filter((f) => f.startsWith('report.')),
      (files) => files.length === 0 && !isAlive(pid),
      { timeoutMs: 30_000 },
    );
    expect(left).toEqual([]);
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
