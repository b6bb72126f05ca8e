import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kind, parse } from 'graphql';
import type { Client } from 'graphql-ws';
import { OperationLimits } from '../../src/api/core/operationLimits.ts';
import { buildSchema } from '../../src/api/schema.ts';
import { loadConfig } from '../../src/config/config.ts';
import { clientOperations } from '../support/clientOperations.ts';
import { uniqueDatabaseName } from '../support/database.ts';
import { gql, gqlData, wsClient, wsRequest } from '../support/graphqlClient.ts';
import { startLonghaul, TEST_KEYS, type LonghaulProcess } from '../support/longhaulProcess.ts';
import { eventually } from '../support/eventually.ts';

const A = TEST_KEYS.tenantA;
const B = TEST_KEYS.tenantB;

describe('API limits', () => {
  describe('with the default configuration', () => {
    const config = loadConfig({});
    const schema = buildSchema();
    const limits = new OperationLimits({ schema, maxCost: config.limits.maxCost, ...config.apiLimits });
    /** The cost of each operation of `query` (a document may hold several). */
    const costsOf = (query: string, variables: Record<string, unknown> = {}) => {
      const document = parse(query);
      return document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).map((operation) => limits.cost(document, operation, variables));
    };
    const costOf = (query: string, variables: Record<string, unknown> = {}) => costsOf(query, variables)[0]!;

    it('should keep every operation of the dashboard, the CLI and GraphiQL well within the limits at pages of 100', async () => {
      const operations = await clientOperations();
      expect(operations.length).toBeGreaterThan(20);
      for (const { where, query } of operations) {
        for (const cost of costsOf(query, { first: 100, last: 200 })) {
          expect(typeof cost, where).toBe('number');
          expect(cost as number, where).toBeLessThan(config.limits.maxCost / 2);
        }
      }
    });

    it('should scale the cost with first/last and nested lists', () => {
      const page = (n: number, logs: number) => costOf(`{ jobs(first: ${n}) { nodes { id logs(last: ${logs}) { message } } } }`) as number;
      expect(page(20, 10)).toBeGreaterThan(20 * 10);
      expect(page(40, 10)).toBeGreaterThan(2 * page(20, 10) - 10);
      expect(page(20, 20)).toBeGreaterThan(page(20, 10));
      expect(page(100, 1000)).toBeGreaterThan(config.limits.maxCost);
      // A default page size counts too: `jobs` defaults to 20, `logs` to 50.
      expect(costOf('{ jobs { nodes { logs { message } } } }')).toBeGreaterThanOrEqual(20 * 50);
    });
  });

  describe('on a server with tight limits', () => {
    let app: LonghaulProcess;
    let client: Client;
    const MAX_RESPONSE = 2048;

    beforeAll(async () => {
      app = await startLonghaul('serve', uniqueDatabaseName('limits'), {
        LONGHAUL_MAX_COST: '2000',
        LONGHAUL_MAX_PAGE_SIZE: '50',
        LONGHAUL_MAX_LIST_ITEMS: '5',
        LONGHAUL_MAX_RESPONSE_BYTES: String(MAX_RESPONSE),
        LONGHAUL_MAX_SUBSCRIPTIONS_PER_CONNECTION: '3',
        LONGHAUL_MAX_CONNECTIONS_PER_KEY: '2',
      });
      client = wsClient(app.url, B);
    });
    afterAll(async () => {
      await client?.dispose();
      await app?.stop();
    });

    /** Sends `query` over both transports; expects the same LIMIT_EXCEEDED refusal (HTTP 400) with `reason`. */
    const expectRefused = async (reason: string, query: string, variables?: Record<string, unknown>) => {
      const http = await gql(app.url, B, query, variables);
      expect(http.status).toBe(400);
      expect(http.data ?? null).toBeNull();
      expect(http.errors).toEqual([{ message: expect.any(String), extensions: expect.objectContaining({ code: 'LIMIT_EXCEEDED', reason, limit: expect.any(Number) }) }]);
      const ws = await wsRequest(client, query, variables);
      expect(ws).toEqual({ errors: http.errors, refused: true });
    };

    it('should refuse an operation whose cost grows past the maximum with the page size, and run it with a smaller page', async () => {
      const query = 'query($n: Int) { jobs(first: $n) { nodes { id logs(last: 50) { message } } } }';
      await expectRefused('COST', query, { n: 50 });
      const ok = await gql(app.url, B, query, { n: 10 });
      expect(ok).toMatchObject({ status: 200, data: { jobs: { nodes: [] } } });
      expect(ok.errors).toBeUndefined();
    });

    it('should refuse first/last beyond the maximum page size', async () => {
      await expectRefused('PAGE_SIZE', '{ jobs(first: 51) { nodes { id } } }');
      await expectRefused('PAGE_SIZE', 'query($n: Int) { jobs { nodes { logs(last: $n) { message } } } }', { n: 1000 });
    });

    it('should refuse filter lists beyond the maximum, literal or in variables, over queries and subscriptions', async () => {
      const states = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'DEBUG'];
      await expectRefused('LIST_SIZE', `{ jobs(filter: { states: [${states.join(', ')}] }) { nodes { id } } }`);
      await expectRefused('LIST_SIZE', 'query($f: JobFilter) { jobs(filter: $f) { nodes { id } } }', { f: { types: ['a', 'b', 'c', 'd', 'e', 'f'] } });
      const subscription = await wsRequest(client, 'subscription($t: [String!]) { jobEvents(filter: { types: $t }) { kind } }', { t: ['a', 'b', 'c', 'd', 'e', 'f'] });
      expect(subscription).toEqual({ errors: [expect.objectContaining({ extensions: { code: 'LIMIT_EXCEEDED', reason: 'LIST_SIZE', limit: 5 } })], refused: true });
      const within = await gql(app.url, B, 'query($f: JobFilter) { jobs(filter: $f) { nodes { id } } }', { f: { states: states.slice(0, 5) } });
      expect(within.errors).toBeUndefined();
    });

    it('should answer a response larger than the maximum with a clear error, not a truncated body, over both transports', async () => {
      const small = await gqlData(app.url, B, '{ jobTypes { name } }');
      expect(small.jobTypes).toContainEqual({ name: 'demo.count' });
      const large = '{ jobTypes { name description inputSchema } }';
      const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${B}` }, body: JSON.stringify({ query: large }) });
      const text = await res.text();
      expect(res.status).toBe(400);
      expect(text.length).toBeLessThan(MAX_RESPONSE);
      expect(JSON.parse(text)).toEqual({ errors: [{ message: expect.stringContaining(`${MAX_RESPONSE} bytes`), extensions: { code: 'LIMIT_EXCEEDED', reason: 'RESPONSE_SIZE', limit: MAX_RESPONSE } }] });
      const ws = await wsRequest(client, large);
      expect(ws.errors).toEqual(JSON.parse(text).errors);
    });

    it('should refuse a subscription beyond the per-connection maximum and accept one again after a complete', async () => {
      // `serve` runs no worker: the job stays QUEUED, and each progress subscription gets its snapshot and stays open.
      const { id } = (await gqlData(app.url, A, 'mutation { createJob(input: { type: "demo.count", input: { to: 1 } }) { id } }')).createJob;
      const socket = wsClient(app.url, A);
      const query = 'subscription($id: ID!) { jobProgress(id: $id) { kind } }';
      const opened: (() => void)[] = [];
      for (let i = 0; i < 3; i++) {
        await new Promise<void>((resolve, reject) => {
          opened.push(socket.subscribe({ query, variables: { id } }, { next: () => resolve(), error: reject, complete: () => undefined }));
        });
      }
      const refused = await wsRequest(socket, query, { id });
      expect(refused).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'LIMIT_EXCEEDED', reason: 'SUBSCRIPTIONS_PER_CONNECTION', limit: 3 } }], refused: true });
      opened[0]!();
      // The server handles the complete before the next subscribe on the same socket.
      expect(await wsRequest(socket, query, { id })).toEqual({ data: { jobProgress: { kind: 'SNAPSHOT' } }, refused: false });
      for (const stop of opened.slice(1)) stop();
      await socket.dispose();
    });

    it('should close a connection beyond the per-key maximum with 4429, and count keys apart', async () => {
      // Tenant C's key: no other test of this server holds a connection with it.
      const C = TEST_KEYS.tenantC;
      const closes: number[] = [];
      // A subscription that never ends holds each connection open (the test client closes idle sockets).
      const hold = 'subscription { jobEvents(filter: { types: ["never.matches"] }) { kind } }';
      const open = (key: string) => {
        const c = wsClient(app.url, key, { onClose: (code) => closes.push(code) });
        c.subscribe({ query: hold }, { next: () => undefined, error: () => undefined, complete: () => undefined });
        return { client: c, answer: wsRequest(c, '{ __typename }').then((r) => r.data, (e: { code?: number }) => e.code ?? e) };
      };
      const first = open(C);
      const second = open(C);
      expect(await first.answer).toEqual({ __typename: 'Query' });
      expect(await second.answer).toEqual({ __typename: 'Query' });
      const third = open(C);
      expect(await third.answer).toBe(4429);
      expect(closes).toContain(4429);
      const other = open(TEST_KEYS.operator);
      expect(await other.answer).toEqual({ __typename: 'Query' });
      await first.client.dispose();
      // The closed connection's slot is free again once the server saw the close.
      const answer = await eventually(
        'a new connection to be accepted once the closed one is freed',
        async () => {
          const retry = open(C);
          const answered = await retry.answer;
          await retry.client.dispose();
          return answered;
        },
        (answered) => answered !== 4429,
        { timeoutMs: 15_000, intervalMs: 0 },
      );
      expect(answer).toEqual({ __typename: 'Query' });
      await Promise.all([second.client.dispose(), third.client.dispose(), other.client.dispose()]);
    });
  });
});
