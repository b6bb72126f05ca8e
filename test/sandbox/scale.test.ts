import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { accessToken, addTestOrg, loginTo, testApiVersion } from '../support/sandboxConnection.ts';
import { eventually } from '../support/eventually.ts';

const megabyte = 1024 * 1024;

/** A full garbage collection, so heap figures show live memory only (the flag can be set at run time). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

function liveHeap(): number {
  collectGarbage();
  return getHeapStatistics().used_heap_size;
}

describe('sandbox org at scale', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox();
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  it('should page through the first pages of a 1,000,000-record org without holding it', async () => {
    const org = addTestOrg(sandbox, { size: 1_000_000 });
    const conn = await loginTo(sandbox, org);
    const heapBefore = liveHeap();
    const started = Date.now();
    let page = await conn.query<{ Id: string }>('SELECT Id, Name, AccountId, Email, SystemModstamp FROM Contact');
    expect(page.totalSize).toBe(300_000);
    const seen: string[] = page.records.map((r) => r.Id);
    for (let i = 0; i < 4; i += 1) {
      page = await conn.queryMore<{ Id: string }>(page.nextRecordsUrl ?? '');
      seen.push(...page.records.map((r) => r.Id));
    }
    expect(seen).toHaveLength(10_000);
    expect(new Set(seen).size).toBe(10_000);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(liveHeap() - heapBefore).toBeLessThan(32 * megabyte);
    expect(org.summary().storedCounts['Contact']).toBe(0);
    const incremental = await conn.query('SELECT Id FROM Contact WHERE SystemModstamp > 2025-01-01T00:00:00Z');
    expect(incremental.totalSize).toBe(0);
    const { updated } = org.mutate({ object: 'Contact', update: 3 });
    const changed = await conn.query<{ Id: string }>('SELECT Id FROM Contact WHERE SystemModstamp > 2025-01-01T00:00:00Z');
    expect(changed.records.map((r) => r.Id).sort()).toEqual([...updated].sort());
  });

  it('should stream 200,000 bulk query records without holding them', async () => {
    const org = addTestOrg(sandbox, { size: { Account: 200_000 } });
    const token = await accessToken(sandbox, org);
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const base = `${sandbox.url}/services/data/v${testApiVersion}/jobs/query`;
    const job = (await (await fetch(base, { method: 'POST', headers, body: JSON.stringify({ operation: 'query', query: 'SELECT Id, Name, Description, BillingStreet, BillingCity, Phone, Website, AnnualRevenue, CreatedDate, SystemModstamp FROM Account' }) })).json()) as { id: string };
    await eventually('the Bulk query job to complete', async () => ((await (await fetch(`${base}/${job.id}`, { headers })).json()) as { state: string }).state === 'JobComplete', { intervalMs: 20 });
    const heapBefore = liveHeap();
    let peak = heapBefore;
    let lines = 0;
    let bytes = 0;
    let chunks = 0;
    let locator: string | null = null;
    do {
      const response: Response = await fetch(`${base}/${job.id}/results${locator ? `?locator=${locator}` : ''}`, { headers });
      const reader = response.body?.getReader();
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) break;
        bytes += chunk.value.length;
        const buffer = Buffer.from(chunk.value.buffer, chunk.value.byteOffset, chunk.value.length);
        for (let at = buffer.indexOf(10); at !== -1; at = buffer.indexOf(10, at + 1)) lines += 1;
        chunks += 1;
        if (chunks % 128 === 0) peak = Math.max(peak, liveHeap());
      }
      locator = response.headers.get('sforce-locator');
    } while (locator !== 'null');
    expect(lines).toBeGreaterThanOrEqual(200_000 + 4);
    expect(bytes).toBeGreaterThan(30 * megabyte);
    // Live memory while streaming; holding the 200,000 records (or their CSV text) would take well over 100 MB.
    expect(peak - heapBefore).toBeLessThan(32 * megabyte);
    expect(liveHeap() - heapBefore).toBeLessThan(16 * megabyte);
    expect(org.summary().storedCounts['Account']).toBe(0);
  });
});
