import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { testDatabaseUri, uniqueDatabaseName } from '../support/database.ts';
import { gql, gqlData } from '../support/graphqlClient.ts';
import { startLonghaul, TEST_KEYS, type LonghaulProcess } from '../support/longhaulProcess.ts';
import { eventually } from '../support/eventually.ts';

const A = TEST_KEYS.tenantA;
const B = TEST_KEYS.tenantB;
const OPS = TEST_KEYS.operator;

describe('hung jobs and diagnostics', () => {
  const dbName = uniqueDatabaseName('hang_diag');
  let app: LonghaulProcess;
  let mongo: MongoClient;

  beforeAll(async () => {
    app = await startLonghaul('all', dbName, { LONGHAUL_WORKERS: '1', LONGHAUL_WORKER_HEARTBEAT_MS: '250', LONGHAUL_HEAP_SNAPSHOTS: 'on' });
    mongo = await MongoClient.connect(testDatabaseUri(dbName));
  });
  afterAll(async () => {
    await app?.stop();
    await mongo?.db(dbName).dropDatabase().catch(() => undefined);
    await mongo?.close();
  });

  const download = (path: string, key: string | null) => fetch(new URL(path, app.url), { headers: key === null ? {} : { authorization: `Bearer ${key}` } });

  it('should declare demo.hang NO_PROGRESS, write a readable report without stopping the process, abort the job, and serve the next job', async () => {
    const hung = (await gqlData(app.url, A, 'mutation { createJob(input: { type: "demo.hang", input: {} }) { id } }')).createJob;
    const zombie = await eventually(
      'the hung job\'s zombie to be resolved',
      async () => (await gqlData(app.url, A, '{ monitoring { zombies(includeResolved: true) { id reason action resolvedAt workerId job { id } diagnostics { id kind reason url jobId workerId bytes eventLoopDelayMs } } } }')).monitoring.zombies.find((z: any) => z.job.id === hung.id),
      (z: any) => z?.resolvedAt != null,
    );
    expect(zombie).toMatchObject({ reason: 'NO_PROGRESS', action: 'ABORTED' });
    expect(zombie.diagnostics).toHaveLength(1);
    const diagnostic = zombie.diagnostics[0];
    expect(diagnostic).toMatchObject({ kind: 'REPORT', reason: 'job hung: NO_PROGRESS', jobId: hung.id, workerId: zombie.workerId, url: `/diagnostics/${diagnostic.id}` });
    expect(diagnostic.bytes).toBeGreaterThan(1000);

    const res = await download(diagnostic.url, OPS);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const report = (await res.json()) as Record<string, any>;
    expect(report.header).toMatchObject({ processId: Number(zombie.workerId.split(':')[1]) });
    expect(report.javascriptStack).toBeDefined();
    expect(report.longhaul).toMatchObject({ jobId: hung.id, zombieId: zombie.id, reason: 'job hung: NO_PROGRESS', workerId: zombie.workerId });
    expect(report.longhaul.eventLoopDelay).toMatchObject({ maxMs: expect.any(Number) });

    // Downloads are for operators.
    expect((await download(diagnostic.url, A)).status).toBe(403);
    expect((await download(diagnostic.url, null)).status).toBe(401);
    expect((await download('/diagnostics/no-such-report', OPS)).status).toBe(404);

    // The job moved on per policy (one attempt: out of the queue, with the hang as its error), with its report linked.
    const job = await eventually(
      'the hung job to leave RUNNING',
      async () => (await gqlData(app.url, A, 'query($id: ID!) { job(id: $id) { state lastError { code } diagnostics { id } } }', { id: hung.id })).job,
      (j: any) => j.state !== 'RUNNING',
    );
    expect(['FAILED', 'DEBUG']).toContain(job.state);
    expect(job.lastError.code).toBe('JOB_HUNG');
    expect(job.diagnostics).toEqual([{ id: diagnostic.id }]);

    // The same process goes on serving.
    const next = (await gqlData(app.url, A, 'mutation { createJob(input: { type: "demo.count", input: { to: 5 } }) { id } }')).createJob;
    const finished = await eventually(
      'the next job to end',
      async () => (await gqlData(app.url, A, 'query($id: ID!) { job(id: $id) { state workerId } }', { id: next.id })).job,
      (j: any) => j.state === 'SUCCEEDED' || j.state === 'FAILED',
    );
    expect(finished).toEqual({ state: 'SUCCEEDED', workerId: zombie.workerId });
  });

  it("should show a second tenant none of the first tenant's zombies or diagnostics", async () => {
    const zombies = (await gqlData(app.url, B, '{ monitoring { zombies(includeResolved: true) { id } diagnostics { id } } }')).monitoring;
    expect(zombies).toEqual({ zombies: [], diagnostics: [] });
    const mine = (await gqlData(app.url, A, '{ monitoring { zombies(includeResolved: true) { id } diagnostics { id } } }')).monitoring;
    expect(mine.zombies).toHaveLength(1);
    expect(mine.diagnostics).toHaveLength(1);
  });

  it('should have a worker write a report on an operator request, and refuse it to other keys', async () => {
    const workers = (await gqlData(app.url, OPS, '{ monitoring { workers { id role } } }')).monitoring.workers;
    const worker = workers.find((w: any) => w.role === 'worker');
    expect(worker).toBeDefined();
    const refused = await gql(app.url, A, 'mutation($id: ID!) { captureDiagnostics(workerId: $id) { id } }', { id: worker.id });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.data?.captureDiagnostics ?? null).toBeNull();

    const captured = (await gqlData(app.url, OPS, 'mutation($id: ID!) { captureDiagnostics(workerId: $id, kind: REPORT) { id kind workerId jobId reason url } }', { id: worker.id })).captureDiagnostics;
    expect(captured).toMatchObject({ kind: 'REPORT', workerId: worker.id, jobId: null, reason: expect.stringContaining('requested by operator') });
    const res = await download(captured.url, OPS);
    expect(res.status).toBe(200);
    const report = (await res.json()) as Record<string, any>;
    expect(report.header.processId).toBe(Number(worker.id.split(':')[1]));
    expect(report.javascriptStack).toBeDefined();
    const listed = (await gqlData(app.url, OPS, 'query($w: ID!) { monitoring { diagnostics(workerId: $w) { id } } }', { w: worker.id })).monitoring.diagnostics;
    expect(listed.map((d: any) => d.id)).toContain(captured.id);
    // An operator report is about no tenant's job: tenants do not see it.
    expect((await gqlData(app.url, A, '{ monitoring { diagnostics { id } } }')).monitoring.diagnostics.map((d: any) => d.id)).not.toContain(captured.id);

    const unknown = await gql(app.url, OPS, 'mutation { captureDiagnostics(workerId: "nobody:1:000000") { id } }');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('should stream a heap snapshot of a worker on request', async () => {
    const worker = (await gqlData(app.url, OPS, '{ monitoring { workers { id role } } }')).monitoring.workers.find((w: any) => w.role === 'worker');
    const captured = (await gqlData(app.url, OPS, 'mutation($id: ID!) { captureDiagnostics(workerId: $id, kind: HEAP_SNAPSHOT) { id kind bytes url } }', { id: worker.id })).captureDiagnostics;
    expect(captured.kind).toBe('HEAP_SNAPSHOT');
    expect(captured.bytes).toBeGreaterThan(1_000_000);
    const res = await download(captured.url, OPS);
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('content-length'))).toBe(captured.bytes);
    const reader = res.body!.getReader();
    const first = await reader.read();
    await reader.cancel();
    expect(Buffer.from(first.value).toString('utf8', 0, 20)).toContain('{"snapshot"');
  });
});
