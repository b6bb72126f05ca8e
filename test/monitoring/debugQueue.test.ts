import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { testDatabaseUri, uniqueDatabaseName } from '../support/database.ts';
import { gql, gqlData } from '../support/graphqlClient.ts';
import { startLonghaul, TEST_KEYS, type LonghaulProcess } from '../support/longhaulProcess.ts';
import { eventually } from '../support/eventually.ts';

const JOB_FIELDS = `id type state attempts maxAttempts result checkpoint
  errors { code message attempt stack }
  debugActions { kind at by reason }
  logs(last: 500) { level message attempt }`;
const CREATE = `mutation($input: CreateJobInput!) { createJob(input: $input) { id state } }`;
const GET = `query($id: ID!) { job(id: $id) { ${JOB_FIELDS} } }`;
const DEBUG_QUEUE = 'query($first: Int, $after: String) { monitoring { debugQueue(first: $first, after: $after) { edges { cursor node { id state } } nodes { id } pageInfo { hasNextPage endCursor } } } }';
const RERUN = 'mutation($id: ID!) { rerunInDebug(id: $id) { id state attempts debugActions { kind by reason } } }';
const REQUEUE = 'mutation($id: ID!) { requeueFromDebug(id: $id) { id state attempts debugActions { kind by reason } } }';
const DISCARD = 'mutation($id: ID!, $reason: String!) { discardDebugJob(id: $id, reason: $reason) { id state debugActions { kind by reason } } }';

interface JobLog {
  level: string;
  message: string;
  attempt: number | null;
}

describe('the debug queue (longhaul all, over GraphQL HTTP)', () => {
  const dbName = uniqueDatabaseName('debugq');
  let app: LonghaulProcess;
  let mongo: MongoClient;
  const A = TEST_KEYS.tenantA;
  const B = TEST_KEYS.tenantB;
  const OPS = TEST_KEYS.operator;

  /** Key of each job's tenant: `job(id)` reads the caller's tenant's jobs only, operators included. */
  const owners = new Map<string, string>();
  const create = async (input: Record<string, unknown>, key: string = A): Promise<string> => {
    const id: string = (await gqlData(app.url, key, CREATE, { input })).createJob.id;
    owners.set(id, key);
    return id;
  };
  const get = async (id: string, key: string = owners.get(id)!) => (await gqlData(app.url, key, GET, { id })).job;
  /** Polls the job until `done` holds (states are reached through several processes: there is no single event to await over HTTP). */
  const waitFor = (id: string, done: (job: any) => boolean, what: string) => eventually(`job ${id} to become ${what}`, () => get(id), done);
  const waitForDebug = (id: string, attempts: number) => waitFor(id, (j) => j.state === 'DEBUG' && j.attempts === attempts, `DEBUG after ${attempts} attempts`);
  /** Every page of `debugQueue` for `key`, following cursors. */
  const debugQueueIds = async (key: string, first = 2): Promise<string[]> => {
    const ids: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page++) {
      const res: any = await gqlData(app.url, key, DEBUG_QUEUE, { first, after });
      const { edges, nodes, pageInfo } = res.monitoring.debugQueue;
      expect(nodes.map((n: { id: string }) => n.id)).toEqual(edges.map((e: { node: { id: string } }) => e.node.id));
      for (const edge of edges) expect(edge.node.state).toBe('DEBUG');
      ids.push(...edges.map((e: { node: { id: string } }) => e.node.id));
      if (!pageInfo.hasNextPage) return ids;
      after = pageInfo.endCursor;
    }
    throw new Error('debugQueue never reached its last page');
  };
  /** Monitoring events (bus topic `monitoring`) about a job, oldest first. */
  const monitoringEvents = (jobId: string) =>
    mongo.db(dbName).collection('events').find({ topic: 'monitoring', 'payload.jobId': jobId }).sort({ seq: 1 }).toArray();
  const jobEventKinds = async (jobId: string) =>
    (await mongo.db(dbName).collection('events').find({ topic: 'job', jobId }).sort({ seq: 1 }).toArray()).map((e) => e.payload.kind as string);

  beforeAll(async () => {
    app = await startLonghaul('all', dbName);
    mongo = await MongoClient.connect(testDatabaseUri(dbName));
  });
  afterAll(async () => {
    await app?.stop();
    await mongo?.db(dbName).dropDatabase().catch(() => undefined);
    await mongo?.close();
  });

  it('should move a job out of attempts to DEBUG with every attempt\'s error, stack and logs, and announce it', async () => {
    const id = await create({ type: 'demo.flaky', input: { failures: 5, log: true }, maxAttempts: 3 });
    const job = await waitFor(id, (j) => ['DEBUG', 'FAILED', 'SUCCEEDED'].includes(j.state), 'final');
    expect(job).toMatchObject({ state: 'DEBUG', attempts: 3, maxAttempts: 3, checkpoint: { failed: 3 } });
    expect(job.errors.map((e: { attempt: number }) => e.attempt)).toEqual([1, 2, 3]);
    expect(job.errors.map((e: { message: string }) => e.message)).toEqual(['planned failure 1 of 5', 'planned failure 2 of 5', 'planned failure 3 of 5']);
    // Stacks name server files: the tenant sees none, an operator sees every attempt's.
    expect(job.errors.map((e: { stack: string | null }) => e.stack)).toEqual([null, null, null]);
    for (const error of (await get(id, OPS)).errors) {
      expect(error.code).toBe('JOB_FAILED');
      expect(error.stack).toMatch(/^Error: planned failure \d of 5\n\s+at .*flakyJob\.ts/);
    }
    const logs: JobLog[] = job.logs;
    expect(logs.filter((l) => l.level === 'info').map((l) => [l.attempt, l.message])).toEqual([
      [1, 'attempt 1: will fail'],
      [2, 'attempt 2: will fail'],
      [3, 'attempt 3: will fail'],
    ]);
    // Outside a debug rerun the job's log keeps info and up only.
    expect(logs.filter((l) => l.level === 'debug')).toEqual([]);
    expect(job.debugActions).toHaveLength(1);
    expect(job.debugActions[0]).toMatchObject({ kind: 'ENTERED', by: null });
    expect(job.debugActions[0].reason).toMatch(/attempts spent \(3 of 3\)/);
    expect(await jobEventKinds(id)).toContain('DEBUG');
    expect(await jobEventKinds(id)).not.toContain('FAILED');
    const events = await monitoringEvents(id);
    expect(events.map((e) => [e.payload.kind, e.tenantId])).toEqual([['DEBUG_ENTERED', 'tenantA']]);
    expect(events[0]!.payload.message).toMatch(/entered the debug queue after 3 attempts/);
    expect(await debugQueueIds(A)).toContain(id);
  });

  it('should rerun a DEBUG job once with its debug-level lines captured in its log, and bring it back to DEBUG when it fails again', async () => {
    const id = await create({ type: 'demo.flaky', input: { failures: 5, log: true }, maxAttempts: 2 });
    await waitForDebug(id, 2);
    const rerun = (await gqlData(app.url, OPS, RERUN, { id })).rerunInDebug;
    expect(rerun).toMatchObject({ id, state: 'QUEUED', attempts: 2 });
    expect(rerun.debugActions.map((a: { kind: string }) => a.kind)).toEqual(['ENTERED', 'RERUN_IN_DEBUG']);
    expect(rerun.debugActions[1]).toMatchObject({ by: 'ops', reason: null });

    const job = await waitForDebug(id, 3);
    // One attempt only, never retried: it failed and is back in the queue.
    expect(job.errors.map((e: { attempt: number; message: string }) => [e.attempt, e.message])).toEqual([
      [1, 'planned failure 1 of 5'],
      [2, 'planned failure 2 of 5'],
      [3, 'planned failure 3 of 5'],
    ]);
    const debugLines = (job.logs as JobLog[]).filter((l) => l.level === 'debug');
    expect(debugLines.map((l) => l.attempt)).toEqual([3]);
    expect(debugLines[0]!.message).toMatch(/^attempt 3: debug detail \{"failed":2,"failures":5,"mode":"throw"\}$/);
    expect(job.debugActions.map((a: { kind: string }) => a.kind)).toEqual(['ENTERED', 'RERUN_IN_DEBUG', 'ENTERED']);
    expect(job.debugActions[2].reason).toMatch(/debug rerun \(attempt 3\) failed/);
    const kinds = (await monitoringEvents(id)).map((e) => e.payload.kind);
    expect(kinds).toEqual(['DEBUG_ENTERED', 'DEBUG_LEFT', 'DEBUG_ENTERED']);
    expect(await debugQueueIds(OPS)).toContain(id);
  });

  it('should end a debug rerun that succeeds as SUCCEEDED', async () => {
    const id = await create({ type: 'demo.flaky', input: { failures: 2, log: true }, maxAttempts: 2 });
    await waitForDebug(id, 2);
    await gqlData(app.url, OPS, RERUN, { id });
    const job = await waitFor(id, (j) => j.state === 'SUCCEEDED' || (j.state === 'DEBUG' && j.attempts > 2), 'SUCCEEDED');
    expect(job).toMatchObject({ state: 'SUCCEEDED', attempts: 3, result: { attempts: 3 } });
    expect((job.logs as JobLog[]).filter((l) => l.level === 'debug').map((l) => [l.attempt, l.message.split(' {')[0]])).toEqual([[3, 'attempt 3: debug detail']]);
    expect(await debugQueueIds(OPS)).not.toContain(id);
  });

  it('should requeue a DEBUG job with fresh attempts from its checkpoint, so it succeeds', async () => {
    const id = await create({ type: 'demo.flaky', input: { failures: 3, log: true }, maxAttempts: 2 });
    await waitForDebug(id, 2);
    const requeued = (await gqlData(app.url, OPS, REQUEUE, { id })).requeueFromDebug;
    expect(requeued).toMatchObject({ id, state: 'QUEUED', attempts: 0 });
    const job = await waitFor(id, (j) => j.state === 'SUCCEEDED' || (j.state === 'DEBUG' && j.attempts === 2 && j.errors.length > 2), 'SUCCEEDED');
    // Failure 3 of 3 on the first fresh attempt (counted from the checkpoint), then success on the second.
    expect(job).toMatchObject({ state: 'SUCCEEDED', attempts: 2, result: { attempts: 2 }, checkpoint: { failed: 3 } });
    expect(job.errors.map((e: { message: string }) => e.message)).toEqual(['planned failure 1 of 3', 'planned failure 2 of 3', 'planned failure 3 of 3']);
    expect(job.debugActions.map((a: { kind: string; by: string | null }) => [a.kind, a.by])).toEqual([
      ['ENTERED', null],
      ['REQUEUED', 'ops'],
    ]);
    expect((job.logs as JobLog[]).filter((l) => l.level === 'debug')).toEqual([]);
    expect((await monitoringEvents(id)).map((e) => e.payload.kind)).toEqual(['DEBUG_ENTERED', 'DEBUG_LEFT']);
    expect(await jobEventKinds(id)).toContain('REQUEUED');
  });

  it('should discard a DEBUG job as FAILED with the reason recorded, and refuse further debug actions on it', async () => {
    const id = await create({ type: 'demo.flaky', input: { failures: 5 }, maxAttempts: 1 });
    await waitForDebug(id, 1);
    const discarded = (await gqlData(app.url, OPS, DISCARD, { id, reason: 'upstream data is wrong; fixed by hand' })).discardDebugJob;
    expect(discarded).toMatchObject({ id, state: 'FAILED' });
    expect(discarded.debugActions.at(-1)).toEqual({ kind: 'DISCARDED', by: 'ops', reason: 'upstream data is wrong; fixed by hand' });
    expect((await get(id)).state).toBe('FAILED');
    expect((await monitoringEvents(id)).map((e) => e.payload.kind)).toEqual(['DEBUG_ENTERED', 'DEBUG_LEFT']);
    expect((await jobEventKinds(id)).at(-1)).toBe('FAILED');
    expect(await debugQueueIds(OPS)).not.toContain(id);

    for (const [query, variables] of [
      [RERUN, { id }],
      [REQUEUE, { id }],
      [DISCARD, { id, reason: 'again' }],
    ] as const) {
      const refused = await gql(app.url, OPS, query, variables);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'JOB_NOT_IN_DEBUG_QUEUE' });
    }
    const unknown = await gql(app.url, OPS, RERUN, { id: '000000000000000000000000' });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const malformed = await gql(app.url, OPS, REQUEUE, { id: 'nope' });
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('should send an error its type routes straight to the debug queue there without retries', async () => {
    const id = await create({ type: 'demo.flaky', input: { failures: 5, code: 'VALIDATION_FAILED' }, maxAttempts: 3 });
    const job = await waitFor(id, (j) => ['DEBUG', 'FAILED', 'SUCCEEDED'].includes(j.state), 'final');
    expect(job).toMatchObject({ state: 'DEBUG', attempts: 1 });
    expect(job.errors).toEqual([expect.objectContaining({ code: 'VALIDATION_FAILED', attempt: 1, message: 'planned failure 1 of 5' })]);
    expect(job.debugActions[0]).toMatchObject({ kind: 'ENTERED' });
    expect(job.debugActions[0].reason).toMatch(/VALIDATION_FAILED is not retried/);
    expect(await jobEventKinds(id)).not.toContain('RETRYING');
  });

  it('should refuse the operator mutations to a non-operator key with FORBIDDEN, even on its own jobs', async () => {
    const id = await create({ type: 'demo.flaky', input: { failures: 5 }, maxAttempts: 1 });
    await waitForDebug(id, 1);
    for (const [query, variables] of [
      [RERUN, { id }],
      [REQUEUE, { id }],
      [DISCARD, { id, reason: 'not mine to decide' }],
    ] as const) {
      const refused = await gql(app.url, A, query, variables);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(refused.data).toBeNull();
    }
    const job = await get(id, A);
    expect(job).toMatchObject({ state: 'DEBUG', attempts: 1 });
    expect(job.debugActions.map((a: { kind: string }) => a.kind)).toEqual(['ENTERED']);
  });

  it('should list only the caller\'s tenant\'s DEBUG jobs in debugQueue, and every tenant\'s for an operator', async () => {
    const ofA = [await create({ type: 'demo.flaky', input: { failures: 5 }, maxAttempts: 1 }, A), await create({ type: 'demo.flaky', input: { failures: 5 }, maxAttempts: 1 }, A)];
    const ofB = await create({ type: 'demo.flaky', input: { failures: 5 }, maxAttempts: 1 }, B);
    for (const id of [...ofA, ofB]) await waitForDebug(id, 1);
    const seenByA = await debugQueueIds(A, 1);
    const seenByB = await debugQueueIds(B, 1);
    const seenByOps = await debugQueueIds(OPS, 3);
    expect(seenByA).toEqual(expect.arrayContaining(ofA));
    expect(seenByA).not.toContain(ofB);
    expect(seenByB).toEqual([ofB]);
    expect(seenByOps).toEqual(expect.arrayContaining([...ofA, ofB]));
    // Newest first, each job once across pages.
    expect(new Set(seenByOps).size).toBe(seenByOps.length);
    expect(seenByOps.indexOf(ofB)).toBeLessThan(seenByOps.indexOf(ofA[0]!));
    // B cannot read or act on A's jobs either.
    expect((await gql(app.url, B, GET, { id: ofA[0] })).data?.job).toBeNull();
    const bad = await gql(app.url, OPS, DEBUG_QUEUE, { first: 0 });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
