import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { testDatabaseUri, uniqueDatabaseName } from '../support/database.ts';
import { gqlData } from '../support/graphqlClient.ts';
import { startLonghaul, TEST_KEYS, type LonghaulProcess } from '../support/longhaulProcess.ts';
import { eventually } from '../support/eventually.ts';

const A = TEST_KEYS.tenantA;
const OPS = TEST_KEYS.operator;

describe.each([
  { inspector: 'on', writtenBy: /through the inspector/ },
  { inspector: 'off', writtenBy: /^supervisor$/ },
])('a worker whose event loop is blocked outright (LONGHAUL_BLOCKED_INSPECTOR=$inspector)', ({ inspector, writtenBy }) => {
  const dbName = uniqueDatabaseName('blocked_loop');
  const dataDir = mkdtempSync(join(tmpdir(), 'longhaul-blocked-'));
  let app: LonghaulProcess;
  let mongo: MongoClient;

  beforeAll(async () => {
    app = await startLonghaul('all', dbName, {
      LONGHAUL_WORKERS: '1',
      LONGHAUL_DATA_DIR: dataDir,
      LONGHAUL_WORKER_HEARTBEAT_MS: '250',
      LONGHAUL_BLOCKED_AFTER_MS: '2000',
      LONGHAUL_REPORT_WAIT_MS: '3000',
      LONGHAUL_BLOCKED_INSPECTOR: inspector,
      // Locks outlive the test: only the zombie detector can bring the job back.
      LONGHAUL_LOCK_LIFETIME_MS: '600000',
    });
    mongo = await MongoClient.connect(testDatabaseUri(dbName));
  });
  afterAll(async () => {
    await app?.stop();
    await mongo?.db(dbName).dropDatabase().catch(() => undefined);
    await mongo?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("should be reported and restarted by its supervisor, its job resumed from its checkpoint", async () => {
    const job = (await gqlData(app.url, A, 'mutation { createJob(input: { type: "demo.block", input: { seconds: 120 } }) { id } }')).createJob;
    const blocked = await eventually(
      'the job to run with a checkpoint',
      async () => (await gqlData(app.url, A, 'query($id: ID!) { job(id: $id) { state workerId checkpoint } }', { id: job.id })).job,
      (j: any) => j.state === 'RUNNING' && j.checkpoint !== null,
    );
    const blockedPid = Number(blocked.workerId.split(':')[1]);

    const done = await eventually(
      'the job to end',
      async () => (await gqlData(app.url, A, 'query($id: ID!) { job(id: $id) { state attempts workerId result errors { code attempt } } }', { id: job.id })).job,
      (j: any) => ['SUCCEEDED', 'FAILED', 'DEBUG'].includes(j.state),
    );
    expect(done).toMatchObject({ state: 'SUCCEEDED', attempts: 2, result: { attempts: 2, resumed: true } });
    expect(done.workerId).not.toBe(blocked.workerId);
    expect(done.errors).toEqual([{ code: 'WORKER_LOST', attempt: 1 }]);
    expect(() => process.kill(blockedPid, 0)).toThrow();

    // The supervisor's report, stored as a diagnostic of the job's worker and linked to the job.
    const diagnostics = await eventually(
      'the blocked-loop report of the job\'s worker',
      async () => (await gqlData(app.url, OPS, 'query($w: ID!) { monitoring { diagnostics(workerId: $w) { id kind reason jobId url eventLoopDelayMs } } }', { w: blocked.workerId })).monitoring.diagnostics,
      (d: any[]) => d.length > 0,
      { timeoutMs: 10_000 },
    );
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ kind: 'REPORT', reason: 'event loop blocked', jobId: job.id });
    expect(diagnostics[0].eventLoopDelayMs).toBeGreaterThanOrEqual(2000);
    const res = await fetch(new URL(diagnostics[0].url, app.url), { headers: { authorization: `Bearer ${OPS}` } });
    expect(res.status).toBe(200);
    const report = (await res.json()) as Record<string, any>;
    expect(report.header).toMatchObject({ processId: blockedPid });
    expect(report.javascriptStack).toBeDefined();
    expect(report.longhaul).toMatchObject({ workerId: blocked.workerId, reason: 'event loop blocked', writtenBy: expect.stringMatching(writtenBy) });
    if (inspector === 'on') {
      // Written from inside the blocking code: its stack is the report's JavaScript stack.
      expect(JSON.stringify(report.javascriptStack.stack)).toContain('blockJob.ts');
      expect(report.longhaul.blockedStack[0]).toMatchObject({ url: expect.stringContaining('blockJob.ts') });
    } else {
      expect(report.longhaul.process).toMatchObject({ State: expect.stringMatching(/^R/) });
    }
    // The tenant sees the report on its job.
    expect((await gqlData(app.url, A, 'query($id: ID!) { job(id: $id) { diagnostics { id reason } } }', { id: job.id })).job.diagnostics).toEqual([{ id: diagnostics[0].id, reason: 'event loop blocked' }]);

    // The job's zombie (its worker was lost) carries the report too.
    const zombies = (await gqlData(app.url, A, '{ monitoring { zombies(includeResolved: true) { reason workerId action job { id } diagnostics { id } } } }')).monitoring.zombies;
    expect(zombies).toEqual([{ reason: 'WORKER_LOST', workerId: blocked.workerId, action: 'REQUEUED', job: { id: job.id }, diagnostics: [{ id: diagnostics[0].id }] }]);
    // No report file is left behind in the reports folder.
    expect(readdirSync(join(dataDir, 'reports')).filter((f) => f.includes(`.${blockedPid}.`))).toEqual([]);
  });
});
