import { appendFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Client } from 'graphql-ws';
import { buildSchema } from '../../src/api/schema.ts';
import { clientOperations } from '../support/clientOperations.ts';
import { uniqueDatabaseName } from '../support/database.ts';
import { gqlData, isSubscription, wsClient } from '../support/graphqlClient.ts';
import { GraphqlFuzzer, LEAK_PATTERNS, type FuzzRequest } from '../support/graphqlFuzz.ts';
import { Random } from '../support/random.ts';
import { startLonghaul, TEST_KEYS, type LonghaulProcess } from '../support/longhaulProcess.ts';

/**
 * Bounded for CI on a slow machine; `LONGHAUL_FUZZ_SCALE` multiplies the counts. The seed is fixed so that CI is
 * deterministic (a run that finds nothing today finds nothing tomorrow); `LONGHAUL_FUZZ_SEED=<n>` replays a run and
 * `LONGHAUL_FUZZ_SEED=random` explores a new one (its seed is in the suite's name). Seed 2096879833 found the 4500 close
 * on a client's `next` message.
 */
const SCALE = Number(process.env.LONGHAUL_FUZZ_SCALE ?? 1);
const HTTP_REQUESTS = Math.round(3000 * SCALE);
const WS_OPERATIONS = Math.round(1500 * SCALE);
const RAW_SESSIONS = Math.round(50 * SCALE);
const SEED = process.env.LONGHAUL_FUZZ_SEED === 'random' ? Math.floor(Math.random() * 2 ** 32) : Number(process.env.LONGHAUL_FUZZ_SEED ?? 2096879833);
const KEYS = [TEST_KEYS.tenantA, TEST_KEYS.tenantB, TEST_KEYS.operator];
/** Close codes a misbehaving client may get: protocol faults (44xx), normal closes. Never 4500 or 1011 (server errors). */
const CLIENT_FAULT_CLOSE = /^(1000|1001|1005|44\d\d)$/;

/** What the fuzz found wrong: the request, and what was wrong with the answer. */
interface Finding {
  request: unknown;
  problem: string;
}

/** Checks one answer's text: no file path or stack, no internal error, a JSON body of GraphQL errors or data. */
function problemsOf(text: string): string | undefined {
  const leak = LEAK_PATTERNS.find((p) => p.test(text));
  if (leak !== undefined) return `answer leaks internals (${leak}): ${text.slice(0, 500)}`;
  const internal = text.indexOf('INTERNAL_SERVER_ERROR');
  if (internal !== -1) return `internal error: ${text.slice(Math.max(0, internal - 400), internal + 100)}`;
  return undefined;
}

describe(`GraphQL fuzz (seed ${SEED}; replay with LONGHAUL_FUZZ_SEED=${SEED})`, () => {
  let app: LonghaulProcess;
  let fuzzer: GraphqlFuzzer;
  const findings: Finding[] = [];
  const report = (request: unknown, problem: string) => {
    if (findings.length < 20) findings.push({ request, problem });
    if (process.env.FUZZ_DUMP) appendFileSync(process.env.FUZZ_DUMP, `${JSON.stringify({ request, problem })}\n`);
  };

  beforeAll(async () => {
    // `serve`: jobs the fuzz creates stay queued; no worker runs them.
    app = await startLonghaul('serve', uniqueDatabaseName('fuzz'));
    const corpus = (await clientOperations()).map((o) => o.query);
    fuzzer = new GraphqlFuzzer(buildSchema(), corpus, new Random(SEED));
  });
  beforeEach(() => {
    findings.length = 0;
  });
  afterAll(async () => {
    await app?.stop();
  });

  it(`should answer ${HTTP_REQUESTS} generated and malformed HTTP requests with no 5xx and no internals`, async () => {
    const r = fuzzer.random;
    const requests = Array.from({ length: HTTP_REQUESTS }, () => ({ request: fuzzer.request(), key: r.pick(KEYS), shape: r.int(0, 19) }));
    await pool(requests, 6, async ({ request, key, shape }) => {
      const headers: Record<string, string> = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
      let init: RequestInit;
      let url = app.url;
      if (shape === 0) init = { method: 'POST', headers, body: JSON.stringify(request).slice(0, r.int(0, 200)) };
      else if (shape === 1) init = { method: 'POST', headers: { ...headers, 'content-type': r.pick(['text/plain', 'application/graphql', 'multipart/form-data', '']) }, body: String(request.query) };
      else if (shape === 2) {
        url = `${app.url}?query=${encodeURIComponent(String(request.query))}&variables=${encodeURIComponent(JSON.stringify(request.variables ?? null))}`;
        init = { method: 'GET', headers: { authorization: headers.authorization!, 'apollo-require-preflight': 'true' } };
      } else init = { method: 'POST', headers, body: JSON.stringify(request) };
      const res = await fetch(url, init);
      const text = await res.text();
      if (res.status >= 500) report(request, `HTTP ${res.status}: ${text.slice(0, 500)}`);
      const problem = problemsOf(text);
      if (problem !== undefined) report(request, problem);
    });
    expect(findings, `seed ${SEED}`).toEqual([]);
  });

  it(`should answer ${WS_OPERATIONS} generated and malformed WebSocket operations with no server error and no internals`, async () => {
    const r = fuzzer.random;
    const clients = KEYS.map((key) => wsClient(app.url, key, { onClose: (code, reason) => (CLIENT_FAULT_CLOSE.test(String(code)) ? undefined : report('(socket)', `closed ${code} ${reason}`)) }));
    const operations = Array.from({ length: WS_OPERATIONS }, () => fuzzer.request()).filter(isWellFormedPayload);
    for (let start = 0; start < operations.length; start += 40) {
      const open: (() => void)[] = [];
      await Promise.all(
        operations.slice(start, start + 40).map((request) => {
          const client = r.pick(clients);
          return new Promise<void>((resolve) => {
            // A valid subscription may wait for events that never come: only queries and mutations are awaited.
            const waits = !isSubscription(request.query);
            const check = (message: unknown) => {
              const problem = problemsOf(JSON.stringify(message));
              if (problem !== undefined) report(request, problem);
              resolve();
            };
            open.push(client.subscribe(request, { next: check, error: check, complete: () => resolve() }));
            if (!waits) resolve();
          });
        }),
      );
      for (const stop of open) stop();
    }
    await Promise.all(clients.map(async (c) => c.dispose()));
    expect(findings, `seed ${SEED}`).toEqual([]);
  });

  it(`should survive ${RAW_SESSIONS} raw graphql-transport-ws sessions of malformed frames`, async () => {
    const r = fuzzer.random;
    for (let session = 0; session < RAW_SESSIONS; session++) {
      const frames = Array.from({ length: 8 }, () => rawFrame(fuzzer));
      const init = r.chance(0.8) ? { type: 'connection_init', payload: { authorization: `Bearer ${r.pick(KEYS)}` } } : fuzzer.oddValue(2);
      const outcome = await rawSession(app.url, JSON.stringify(init), frames);
      for (const message of outcome.messages) {
        const problem = problemsOf(message);
        if (problem !== undefined) report(frames, problem);
      }
      if (!CLIENT_FAULT_CLOSE.test(String(outcome.closeCode))) report(frames, `socket closed with ${outcome.closeCode} ${outcome.closeReason}`);
    }
    expect(findings, `seed ${SEED}`).toEqual([]);
  });

  it('should close with 4400, not 4500, when a client sends a message type only servers send', async () => {
    const init = JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${TEST_KEYS.tenantA}` } });
    for (const frame of [{ id: '5', type: 'next', payload: {} }, { id: '1', type: 'error', payload: [] }, { type: 'connection_ack' }]) {
      const outcome = await rawSession(app.url, init, [JSON.stringify(frame)]);
      expect({ type: frame.type, code: outcome.closeCode, reason: outcome.closeReason }).toEqual({ type: frame.type, code: 4400, reason: 'Invalid message received' });
    }
  });

  it('should still be healthy and answer a well-formed client afterwards', async () => {
    const health = await fetch(new URL('/healthz', app.url));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect(await gqlData(app.url, TEST_KEYS.tenantC, '{ jobs(first: 1) { nodes { id } } }')).toEqual({ jobs: { nodes: [] } });
    const client: Client = wsClient(app.url, TEST_KEYS.tenantC);
    const answer = await new Promise((resolve, reject) => client.subscribe({ query: '{ jobTypes { name } }' }, { next: resolve, error: reject, complete: () => undefined }));
    await client.dispose();
    expect(answer).toMatchObject({ data: { jobTypes: expect.arrayContaining([expect.objectContaining({ name: 'demo.count' })]) } });
  });
});

/** Runs `work` over `items`, `concurrency` at a time. */
async function pool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/** Requests the graphql-ws client can send (it checks the payload's shape itself); the rest go over raw sockets. */
function isWellFormedPayload(request: FuzzRequest): request is { query: string; variables?: Record<string, unknown> | null; operationName?: string | null } {
  const { query, variables, operationName } = request;
  return (
    typeof query === 'string' &&
    (variables === undefined || variables === null || (typeof variables === 'object' && !Array.isArray(variables))) &&
    (operationName === undefined || operationName === null || typeof operationName === 'string')
  );
}

/** One raw protocol frame: a subscribe with any payload, a message of an unknown or out-of-place type, or not JSON. */
function rawFrame(fuzzer: GraphqlFuzzer): string {
  const r = fuzzer.random;
  const request = fuzzer.request();
  switch (r.int(0, 6)) {
    case 0:
    case 1:
    case 2:
      return JSON.stringify({ id: r.chance(0.8) ? String(r.int(0, 5)) : fuzzer.oddValue(1), type: 'subscribe', payload: request });
    case 3:
      return JSON.stringify({ id: String(r.int(0, 5)), type: r.pick(['complete', 'ping', 'pong', 'next', 'error', 'connection_init', 'connection_ack', 'nope']), payload: fuzzer.oddValue(2) });
    case 4:
      return JSON.stringify(fuzzer.oddValue(3));
    case 5:
      return fuzzer.mutate(JSON.stringify({ id: '1', type: 'subscribe', payload: request }));
    default:
      return JSON.stringify({ id: 'x', type: 'subscribe', payload: { query: '{ __typename }', extensions: fuzzer.oddValue(3) } });
  }
}

/** Opens a raw graphql-transport-ws socket, sends `init` then `frames`, then a sentinel query; resolves once it is answered or the socket closes. */
function rawSession(url: string, init: string, frames: string[]): Promise<{ messages: string[]; closeCode: number; closeReason: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const messages: string[] = [];
    let settled = false;
    const finish = (closeCode: number, closeReason: string) => {
      if (settled) return;
      settled = true;
      resolve({ messages, closeCode, closeReason });
      ws.terminate();
    };
    ws.on('open', () => ws.send(init));
    ws.on('message', (data) => {
      const text = String(data);
      messages.push(text);
      const message = JSON.parse(text) as { type?: string; id?: string };
      if (message.type === 'connection_ack') {
        for (const frame of frames) ws.send(frame);
        ws.send(JSON.stringify({ id: 'sentinel', type: 'subscribe', payload: { query: '{ __typename }' } }));
      }
      if (message.id === 'sentinel' && message.type !== 'next') {
        ws.close(1000);
      }
    });
    ws.on('close', (code, reason) => finish(code, String(reason)));
    ws.on('error', () => undefined);
  });
}
