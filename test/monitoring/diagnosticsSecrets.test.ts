import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from 'mongodb';
import type { Sandbox } from '../../src/sandbox/index.ts';
import { diagnosticLeftovers, environmentTracesIn, KEYED_ENV, KEYED_SECRETS, secretsIn, storedDiagnostic } from '../support/diagnostics.ts';
import { gql, gqlData } from '../support/graphqlClient.ts';
import { TEST_KEYS, type LonghaulProcess } from '../support/longhaulProcess.ts';
import { SalesforceStack } from '../support/salesforceStack.ts';
import { eventually } from '../support/eventually.ts';
import { backupAndWait, connectSandboxOrg } from '../support/salesforceFlow.ts';
import { addTestOrg } from '../support/sandboxConnection.ts';

const A = TEST_KEYS.tenantA;
const OPS = TEST_KEYS.operator;

const SECRETS = KEYED_SECRETS;

const WORKERS = '{ monitoring { workers { id role } } }';
const CAPTURE = 'mutation($id: ID!, $kind: DiagnosticKind!) { captureDiagnostics(workerId: $id, kind: $kind) { id kind bytes url createdAt expiresAt } }';
const pidOf = (processId: string) => Number(processId.split(':')[1]);

/** Asserts a stored report holds no configured key and no environment block or command line; returns it parsed. */
function expectRedactedReport(bytes: Buffer): Record<string, any> {
  expect(secretsIn(bytes, SECRETS)).toEqual([]);
  expect(environmentTracesIn(bytes)).toEqual([]);
  return JSON.parse(bytes.toString('utf8')) as Record<string, any>;
}

describe('diagnostics of a deployment with known keys', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'longhaul-diag-'));
  let stack: SalesforceStack;
  let sandbox: Sandbox;
  let app: LonghaulProcess;
  let db: Db;
  let processes: { id: string; role: string }[];

  beforeAll(async () => {
    stack = await SalesforceStack.start({ name: 'diag_secrets', role: 'all', env: { ...KEYED_ENV, LONGHAUL_WORKERS: '1', LONGHAUL_DATA_DIR: dataDir } });
    ({ sandbox, api: app, db } = stack);
    processes = await eventually(
      'an api and a worker process to be listed',
      async () => (await gqlData(app.url, OPS, WORKERS)).monitoring.workers as { id: string; role: string }[],
      (list) => list.some((w) => w.role === 'worker') && list.some((w) => w.role === 'api'),
    );
  }, 120_000);
  afterAll(async () => {
    await stack?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.runIf(existsSync('/proc/self/environ'))('should start workers whose environment holds no API key, encryption key or database URI', () => {
    const worker = processes.find((p) => p.role === 'worker')!;
    const environ = readFileSync(`/proc/${pidOf(worker.id)}/environ`, 'utf8');
    const names = environ.split('\0').map((entry) => entry.slice(0, entry.indexOf('=')));
    expect(secretsIn(environ, SECRETS)).toEqual([]);
    expect(names).not.toContain('LONGHAUL_API_KEYS');
    expect(names).not.toContain('LONGHAUL_SECRET_KEYS');
    expect(names).not.toContain('MONGODB_URI');
    expect(names).toContain('LONGHAUL_SUPERVISED');
    // The process that started them does hold the keys in its environment: the check above can fail.
    expect(secretsIn(readFileSync(`/proc/${app.child.pid}/environ`, 'utf8'), SECRETS)).not.toEqual([]);
  });

  it('should store reports taken on demand, of the API process and of a worker, without environment, command line or any key', async () => {
    for (const role of ['api', 'worker']) {
      const target = processes.find((p) => p.role === role)!;
      const captured = (await gqlData(app.url, OPS, CAPTURE, { id: target.id, kind: 'REPORT' })).captureDiagnostics;
      const report = expectRedactedReport(await storedDiagnostic(db, captured.id));
      expect(report.header).toMatchObject({ processId: pidOf(target.id) });
      expect(report.javascriptStack).toBeDefined();
      expect(report.longhaul.redaction.removed).toEqual(expect.arrayContaining(['environmentVariables', 'header.commandLine']));
      // The download serves the same redacted bytes.
      const res = await fetch(new URL(captured.url, app.url), { headers: { authorization: `Bearer ${OPS}` } });
      expect(res.status).toBe(200);
      expectRedactedReport(Buffer.from(await res.arrayBuffer()));
      // Kept for LONGHAUL_DIAGNOSTICS_TTL_MS (default 7 days).
      expect(Date.parse(captured.expiresAt) - Date.parse(captured.createdAt)).toBe(7 * 86_400_000);
    }
  });

  it('should store the report of a hung job without environment, command line or any key', async () => {
    const hung = (await gqlData(app.url, A, 'mutation { createJob(input: { type: "demo.hang", input: {} }) { id } }')).createJob;
    const zombie = await eventually(
      'the hung job\'s zombie',
      async () => (await gqlData(app.url, A, '{ monitoring { zombies(includeResolved: true) { job { id } diagnostics { id reason } } } }')).monitoring.zombies.find((z: any) => z.job.id === hung.id),
      (z: any) => z?.diagnostics.length > 0,
    );
    expect(zombie.diagnostics).toEqual([{ id: expect.any(String), reason: 'job hung: NO_PROGRESS' }]);
    const report = expectRedactedReport(await storedDiagnostic(db, zombie.diagnostics[0].id));
    expect(report.longhaul).toMatchObject({ jobId: hung.id, redaction: { removed: expect.arrayContaining(['environmentVariables']) } });
  });

  it('should refuse a heap snapshot by default, even to an operator, while a worker holds decrypted org credentials', async () => {
    const org = addTestOrg(sandbox, { size: 5 });
    const orgId = await connectSandboxOrg(app.url, A, sandbox, org);
    // The worker opens the org's credentials sealed by the API process: it got LONGHAUL_SECRET_KEYS over IPC.
    await backupAndWait(app.url, A, orgId, ['Account']);
    const worker = processes.find((p) => p.role === 'worker')!;
    const refused = await gql(app.url, OPS, CAPTURE, { id: worker.id, kind: 'HEAP_SNAPSHOT' });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'HEAP_SNAPSHOTS_DISABLED' });
    expect(refused.data?.captureDiagnostics ?? null).toBeNull();
    const tenant = await gql(app.url, A, CAPTURE, { id: worker.id, kind: 'HEAP_SNAPSHOT' });
    expect(tenant.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await db.collection('diagnostics').countDocuments({ kind: 'HEAP_SNAPSHOT' })).toBe(0);
    expect(await db.collection('diagnostics.files').countDocuments({ filename: /heapsnapshot$/ })).toBe(0);
  });
});

describe('heap snapshots turned on, and diagnostics that expire', () => {
  const REPORT_TTL_MS = 30_000;
  const SNAPSHOT_TTL_MS = 25_000;
  let stack: SalesforceStack;
  let sandbox: Sandbox;
  let app: LonghaulProcess;
  let db: Db;

  beforeAll(async () => {
    const env = {
      ...KEYED_ENV,
      LONGHAUL_WORKERS: '1',
      LONGHAUL_HEAP_SNAPSHOTS: 'on',
      LONGHAUL_DIAGNOSTICS_TTL_MS: String(REPORT_TTL_MS),
      LONGHAUL_HEAP_SNAPSHOT_TTL_MS: String(SNAPSHOT_TTL_MS),
      LONGHAUL_RETAIN_SWEEP_EVERY: '5s',
    };
    stack = await SalesforceStack.start({ name: 'diag_expiry', role: 'all', env });
    ({ sandbox, api: app, db } = stack);
  }, 120_000);
  afterAll(async () => {
    await stack?.dispose();
  });

  const download = (url: string, key: string) => fetch(new URL(url, app.url), { headers: { authorization: `Bearer ${key}` } });

  it('should take a heap snapshot for an operator only, without configured keys, and delete it and reports once they expire', async () => {
    const orgId = await connectSandboxOrg(app.url, A, sandbox, addTestOrg(sandbox, { size: 5 }));
    await backupAndWait(app.url, A, orgId, ['Account']);
    const worker = (await gqlData(app.url, OPS, WORKERS)).monitoring.workers.find((w: any) => w.role === 'worker');

    const tenant = await gql(app.url, A, CAPTURE, { id: worker.id, kind: 'HEAP_SNAPSHOT' });
    expect(tenant.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const snapshot = (await gqlData(app.url, OPS, CAPTURE, { id: worker.id, kind: 'HEAP_SNAPSHOT' })).captureDiagnostics;
    expect(snapshot.kind).toBe('HEAP_SNAPSHOT');
    expect(Date.parse(snapshot.expiresAt) - Date.parse(snapshot.createdAt)).toBe(SNAPSHOT_TTL_MS);
    const report = (await gqlData(app.url, OPS, CAPTURE, { id: worker.id, kind: 'REPORT' })).captureDiagnostics;
    expect(Date.parse(report.expiresAt) - Date.parse(report.createdAt)).toBe(REPORT_TTL_MS);

    // The worker holds the encryption key in memory; the stored snapshot has it replaced.
    const bytes = await storedDiagnostic(db, snapshot.id);
    expect(bytes.length).toBe(snapshot.bytes);
    expect(bytes.toString('utf8', 0, 20)).toContain('{"snapshot"');
    expect(secretsIn(bytes, SECRETS)).toEqual([]);
    expect((await download(snapshot.url, A)).status).toBe(403);
    expect((await download(snapshot.url, OPS)).status).toBe(200);
    expect((await gqlData(app.url, A, '{ monitoring { diagnostics { id } } }')).monitoring.diagnostics).toEqual([]);

    // Past their time: not served any more (410 until swept, 404 after), then swept, record and file.
    for (const diagnostic of [snapshot, report]) {
      const status = await eventually(
        'the diagnostic to stop being served',
        async () => (await download(diagnostic.url, OPS)).status,
        (s) => s !== 200,
        { timeoutMs: REPORT_TTL_MS + 30_000, intervalMs: 500 },
      );
      expect([404, 410]).toContain(status);
      const left = await eventually(
        'the expired diagnostic to be swept',
        () => diagnosticLeftovers(db, diagnostic.id),
        (l) => l.record + l.file + l.chunks === 0,
        { timeoutMs: 30_000, intervalMs: 500 },
      );
      expect(left).toEqual({ record: 0, file: 0, chunks: 0 });
      expect((await download(diagnostic.url, OPS)).status).toBe(404);
    }
    expect((await gqlData(app.url, OPS, '{ monitoring { diagnostics { id } } }')).monitoring.diagnostics).toEqual([]);
  }, 180_000);
});
