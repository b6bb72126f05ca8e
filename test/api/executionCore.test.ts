import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'graphql-ws';
import { busListeners, waitForBusListeners } from '../support/busListeners.ts';
import { uniqueDatabaseName } from '../support/database.ts';
import { collect, gql, gqlData, wsClient, wsRequest } from '../support/graphqlClient.ts';
import { FAST_ENV, startLonghaul, TEST_KEYS, type LonghaulProcess } from '../support/longhaulProcess.ts';

/** An operator key of tenant A, next to its plain key: same tenant, different role. */
const A_OPERATOR = 'tenant-a-operator-0001';
const KEYS_ENV = { LONGHAUL_API_KEYS: `${FAST_ENV.LONGHAUL_API_KEYS},${A_OPERATOR}=tenantA:operator` };
/** `NODE_ENV=production` needs real secret keys. */
const PRODUCTION_ENV = { NODE_ENV: 'production', LONGHAUL_SECRET_KEYS: `test:${randomBytes(32).toString('base64')}` };

const A = TEST_KEYS.tenantA;

/** What the role test selects of a `jobEvents` event. */
interface JobEventItem {
  kind: string;
  job: { id: string; state: string; lastError: { code: string; stack: string | null } | null };
}

/** POSTs a raw body to `/graphql` and returns the status and parsed answer. */
async function post(url: string, body: string, key: string = A): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body });
  return { status: res.status, body: await res.json() };
}

/** Bad operations whose answer must not depend on the transport. */
const BAD_OPERATIONS: { name: string; query: string; variables?: Record<string, unknown> }[] = [
  { name: 'a syntax error', query: '{ jobs(' },
  { name: 'an unknown field', query: '{ nope }' },
  { name: 'an unknown argument', query: '{ jobs(firts: 3) { nodes { id } } }' },
  { name: 'a variable of the wrong type', query: 'query($n: Int) { jobs(first: $n) { nodes { id } } }', variables: { n: 'many' } },
  { name: 'a missing required variable', query: 'query($id: ID!) { job(id: $id) { id } }' },
  { name: 'a malformed job id', query: '{ job(id: "not-an-id") { id } }' },
  { name: 'a resolver refusing its argument', query: '{ jobs(first: 0) { nodes { id } } }' },
  { name: 'an unknown operation name', query: 'query One { jobTypes { name } } query Two { jobTypes { name } }' },
];

describe('the execution core behind both transports', () => {
  describe('in development', () => {
    let app: LonghaulProcess;
    let client: Client;

    beforeAll(async () => {
      app = await startLonghaul('all', uniqueDatabaseName('core'), KEYS_ENV);
      client = wsClient(app.url, A);
    });
    afterAll(async () => {
      await client?.dispose();
      await app?.stop();
    });

    it('should answer a syntax error with 400 GRAPHQL_PARSE_FAILED', async () => {
      const { status, body } = await post(app.url, JSON.stringify({ query: '{' }));
      expect(status).toBe(400);
      expect(body.errors).toEqual([expect.objectContaining({ extensions: { code: 'GRAPHQL_PARSE_FAILED' } })]);
    });

    it('should answer a document of too many tokens with 400 GRAPHQL_PARSE_FAILED', async () => {
      const query = `{ ${Array.from({ length: 2100 }, () => '__typename').join(' ')} }`;
      const { status, body } = await post(app.url, JSON.stringify({ query }));
      expect(status).toBe(400);
      expect(body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
      expect((await wsRequest(client, query)).errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    });

    it('should answer a validation failure with 400 GRAPHQL_VALIDATION_FAILED and keep suggestions in development', async () => {
      const { status, body } = await post(app.url, JSON.stringify({ query: '{ jobz { nodes { id } } }' }));
      expect(status).toBe(400);
      expect(body.errors[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
      expect(body.errors[0].message).toContain('Did you mean');
    });

    it('should refuse a subscription over HTTP with 400 BAD_REQUEST: it needs a socket', async () => {
      const http = await gql(app.url, A, 'subscription { jobEvents { kind } }');
      expect(http.status).toBe(400);
      expect(http.errors).toEqual([{ message: expect.stringContaining('WebSocket'), extensions: { code: 'BAD_REQUEST' } }]);
    });

    it('should answer an operation that failed as a whole with the status of whose fault it was, and partial data with 200', async () => {
      const missing = '000000000000000000000000';
      const { createJob } = await gqlData(app.url, A, 'mutation { createJob(input: { type: "demo.count", input: { to: 1 }, runAt: "2100-01-01T00:00:00Z" }) { id } }');
      const cases: { name: string; query: string; status: number; code: string }[] = [
        { name: 'an unknown job type', query: 'mutation { createJob(input: { type: "demo.nope", input: {} }) { id } }', status: 400, code: 'BAD_USER_INPUT' },
        { name: 'a job that is not there', query: `mutation { cancelJob(id: "${missing}") { id } }`, status: 404, code: 'NOT_FOUND' },
        { name: 'a retry of a job that is waiting', query: `mutation { retryJob(id: "${createJob.id}") { id } }`, status: 409, code: 'CONFLICT' },
        { name: "an operator's mutation with a plain key", query: `mutation { requeueFromDebug(id: "${createJob.id}") { id } }`, status: 403, code: 'FORBIDDEN' },
      ];
      for (const { name, query, status, code } of cases) {
        const res = await gql(app.url, A, query);
        expect({ name, status: res.status, code: res.errors?.[0]?.extensions?.code, data: res.data }).toEqual({ name, status, code, data: null });
        // The same error over WebSocket, which has no status.
        expect((await wsRequest(client, query)).errors).toEqual(res.errors);
      }
      // A nullable field that fails leaves the rest of the answer: the request was served.
      const partial = await gql(app.url, A, '{ job(id: "not-an-id") { id } jobTypes { name } }');
      expect(partial.status).toBe(200);
      expect(partial.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      expect(partial.data?.job).toBeNull();
      expect(partial.data?.jobTypes).toContainEqual({ name: 'demo.count' });
    });

    it('should answer introspection in development', async () => {
      const data = await gqlData(app.url, A, '{ __schema { queryType { name } } }');
      expect(data.__schema.queryType.name).toBe('Query');
    });

    for (const bad of BAD_OPERATIONS) {
      it(`should answer ${bad.name} with the same errors over HTTP and WebSocket`, async () => {
        const http = await gql(app.url, A, bad.query, bad.variables);
        const ws = await wsRequest(client, bad.query, bad.variables);
        expect(http.errors?.length).toBeGreaterThan(0);
        expect(http.status).toBeLessThan(500);
        expect(ws.errors).toEqual(http.errors);
        for (const error of http.errors!) expect(error.extensions?.code).toMatch(/^[A-Z_]+$/);
      });
    }

    it('should not share a subscription execution between an operator and a plain key of the same tenant', async () => {
      const query = 'subscription { jobEvents(filter: { types: ["demo.flaky"] }) { kind job { id state lastError { code stack } } } }';
      const operator = wsClient(app.url, A_OPERATOR);
      const plain = wsClient(app.url, A);
      const failed = (e: JobEventItem) => e.job.lastError !== null;
      // The operator subscribes first: with a key that ignored the role, its execution would be the one shared.
      const baseline = await busListeners(app.url);
      const operatorEvents = collect<JobEventItem>(operator, query, {}, { until: failed, timeoutMs: 45_000 });
      await waitForBusListeners(app.url, (n) => n >= baseline + 1);
      const plainEvents = collect<JobEventItem>(plain, query, {}, { until: failed, timeoutMs: 45_000 });
      await waitForBusListeners(app.url, (n) => n >= baseline + 2);
      await gqlData(app.url, A, 'mutation($input: CreateJobInput!) { createJob(input: $input) { id } }', { input: { type: 'demo.flaky', input: { failures: 5 }, maxAttempts: 1 } });
      const [seenByOperator, seenByPlain] = await Promise.all([operatorEvents, plainEvents]);
      await Promise.all([operator.dispose(), plain.dispose()]);
      expect(seenByOperator.items.at(-1)?.job.lastError?.stack).toEqual(expect.stringContaining('Error'));
      expect(seenByPlain.items.at(-1)?.job.lastError).toMatchObject({ code: expect.any(String), stack: null });
      for (const event of seenByPlain.items) expect(event.job.lastError?.stack ?? null).toBeNull();
    });
  });

  describe('with NODE_ENV=production', () => {
    let app: LonghaulProcess;
    let client: Client;

    beforeAll(async () => {
      app = await startLonghaul('serve', uniqueDatabaseName('core_prod'), PRODUCTION_ENV);
      client = wsClient(app.url, A);
    });
    afterAll(async () => {
      await client?.dispose();
      await app?.stop();
    });

    for (const query of ['{ __schema { queryType { name } } }', '{ __type(name: "Job") { name fields { name } } }', 'subscription { __schema { types { name } } }']) {
      it(`should refuse ${query} over HTTP and WebSocket`, async () => {
        const http = await gql(app.url, A, query);
        expect(http.status).toBe(400);
        expect(http.data ?? null).toBeNull();
        expect(http.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
        const ws = await wsRequest(client, query);
        expect(ws.refused).toBe(true);
        expect(ws.errors).toEqual(http.errors);
      });
    }

    it('should still answer __typename', async () => {
      expect(await gqlData(app.url, A, '{ __typename }')).toEqual({ __typename: 'Query' });
    });

    it('should give no field suggestions over either transport', async () => {
      const query = '{ jobz { nodes { id } } }';
      const http = await gql(app.url, A, query);
      expect(http.status).toBe(400);
      expect(http.errors?.[0]?.message).toBe('Cannot query field "jobz" on type "Query".');
      expect((await wsRequest(client, query)).errors).toEqual(http.errors);
    });
  });
});
