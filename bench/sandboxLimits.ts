/**
 * What the sandbox and the storage serve on their own, without longhaul: the ceiling each Salesforce job's rate is
 * measured against. Reads and writes go over plain HTTP (`fetch`) the way Salesforce's REST and Bulk API 2.0 are
 * called, with the page sizes longhaul uses, and throw the answers away after reading them whole; storage is a GridFS
 * write and read of the bytes a backup stored. Each figure is a rate (records/s, or bytes/s for storage).
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { GridFSBucket, MongoClient } from 'mongodb';

const API = '/services/data/v59.0';
/** Fields of a compound type cannot be selected in Bulk queries; longhaul selects their components. */
const COMPOUND_TYPES = new Set(['address', 'location']);

/** A session on the sandbox: its instance URL and access token. */
export interface SandboxSession {
  instanceUrl: string;
  accessToken: string;
}

/** Logs in with the OAuth 2.0 username-password flow, as a connected org does. */
export async function sandboxLogin(loginUrl: string, username: string, password: string): Promise<SandboxSession> {
  const body = new URLSearchParams({ grant_type: 'password', client_id: 'bench', client_secret: 'bench', username, password });
  const response = await fetch(`${loginUrl}/services/oauth2/token`, { method: 'POST', body });
  if (!response.ok) throw new Error(`sandbox login: HTTP ${response.status} ${await response.text()}`);
  const token = (await response.json()) as { instance_url: string; access_token: string };
  return { instanceUrl: token.instance_url, accessToken: token.access_token };
}

async function call(session: SandboxSession, path: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(`${session.instanceUrl}${path}`, { ...init, headers: { authorization: `Bearer ${session.accessToken}`, ...(init.headers ?? {}) } });
  if (!response.ok) throw new Error(`sandbox ${init.method ?? 'GET'} ${path.split('?')[0]}: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
  return response;
}

/** The selectable fields of an object, as a backup selects them (every field its describe lists, compound ones left out). */
export async function selectableFields(session: SandboxSession, objectName: string): Promise<string[]> {
  const describe = (await (await call(session, `${API}/sobjects/${objectName}/describe`)).json()) as { fields: { name: string; type: string }[] };
  return describe.fields.filter((f) => !COMPOUND_TYPES.has(f.type)).map((f) => f.name);
}

/** Records per second read through REST `query` and `nextRecordsUrl`, `batchSize` records per page, every field. */
export async function rawRestRead(session: SandboxSession, objects: readonly string[], batchSize = 2000): Promise<{ records: number; perSecond: number }> {
  let records = 0;
  const started = performance.now();
  for (const objectName of objects) {
    const fields = await selectableFields(session, objectName);
    let next: string | null = `${API}/query?q=${encodeURIComponent(`SELECT ${fields.join(', ')} FROM ${objectName} ORDER BY Id`)}`;
    while (next !== null) {
      const page = (await (await call(session, next, { headers: { 'sforce-query-options': `batchSize=${batchSize}` } })).json()) as { records: unknown[]; nextRecordsUrl?: string; done: boolean };
      records += page.records.length;
      next = page.done || page.nextRecordsUrl === undefined ? null : page.nextRecordsUrl;
    }
  }
  return { records, perSecond: records / ((performance.now() - started) / 1000) };
}

/** Records per second read through Bulk API 2.0 query jobs (create, wait, CSV result pages of `pageSize`), every field. */
export async function rawBulkRead(session: SandboxSession, objects: readonly string[], pageSize = 5000, pollMs = 200): Promise<{ records: number; perSecond: number }> {
  let records = 0;
  const started = performance.now();
  for (const objectName of objects) {
    const fields = await selectableFields(session, objectName);
    const created = (await (
      await call(session, `${API}/jobs/query`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ operation: 'query', query: `SELECT ${fields.join(', ')} FROM ${objectName}`, contentType: 'CSV', columnDelimiter: 'COMMA', lineEnding: 'LF' }),
      })
    ).json()) as { id: string };
    for (;;) {
      const info = (await (await call(session, `${API}/jobs/query/${created.id}`)).json()) as { state: string; errorMessage?: string };
      if (info.state === 'JobComplete') break;
      if (info.state === 'Failed' || info.state === 'Aborted') throw new Error(`bulk query ${objectName}: ${info.state} ${info.errorMessage ?? ''}`);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
    let locator: string | null = null;
    do {
      const query = new URLSearchParams({ maxRecords: String(pageSize) });
      if (locator !== null) query.set('locator', locator);
      const page = await call(session, `${API}/jobs/query/${created.id}/results?${query.toString()}`, { headers: { accept: 'text/csv' } });
      await page.text();
      records += Number(page.headers.get('sforce-numberofrecords') ?? 0);
      const next = page.headers.get('sforce-locator');
      locator = next === null || next === '' || next === 'null' ? null : next;
    } while (locator !== null);
  }
  return { records, perSecond: records / ((performance.now() - started) / 1000) };
}

/** `count` Account records to write: the same fields for every method. */
function accounts(count: number, tag: string): Record<string, string>[] {
  return Array.from({ length: count }, (_, i) => ({ Name: `raw ${tag} ${i}`, Industry: 'Technology', BillingCity: 'Lyon', Phone: `+33 4 00 00 ${String(i % 100).padStart(2, '0')} 00` }));
}

/** Records per second created through sObject Collections, 200 per request, one request at a time. */
export async function rawCollectionsWrite(session: SandboxSession, count: number): Promise<{ records: number; perSecond: number }> {
  const all = accounts(count, 'collections');
  const started = performance.now();
  let created = 0;
  for (let i = 0; i < all.length; i += 200) {
    const records = all.slice(i, i + 200).map((r) => ({ attributes: { type: 'Account' }, ...r }));
    const results = (await (await call(session, `${API}/composite/sobjects`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ allOrNone: false, records }) })).json()) as { success: boolean }[];
    created += results.filter((r) => r.success).length;
  }
  return { records: created, perSecond: created / ((performance.now() - started) / 1000) };
}

/** Records per second created through one Bulk API 2.0 ingest job (create, one CSV upload, UploadComplete, wait). */
export async function rawBulkWrite(session: SandboxSession, count: number, pollMs = 200): Promise<{ records: number; perSecond: number }> {
  const all = accounts(count, 'bulk');
  const header = Object.keys(all[0] ?? { Name: '' });
  const csv = `${header.join(',')}\n${all.map((r) => header.map((h) => `"${(r[h] ?? '').replace(/"/g, '""')}"`).join(',')).join('\n')}\n`;
  const started = performance.now();
  const job = (await (
    await call(session, `${API}/jobs/ingest`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ object: 'Account', operation: 'insert', contentType: 'CSV', lineEnding: 'LF' }) })
  ).json()) as { id: string };
  await call(session, `${API}/jobs/ingest/${job.id}/batches`, { method: 'PUT', headers: { 'content-type': 'text/csv' }, body: csv });
  await call(session, `${API}/jobs/ingest/${job.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ state: 'UploadComplete' }) });
  for (;;) {
    const info = (await (await call(session, `${API}/jobs/ingest/${job.id}`)).json()) as { state: string; numberRecordsProcessed?: number; numberRecordsFailed?: number; errorMessage?: string };
    if (info.state === 'JobComplete') {
      const records = (info.numberRecordsProcessed ?? 0) - (info.numberRecordsFailed ?? 0);
      return { records, perSecond: records / ((performance.now() - started) / 1000) };
    }
    if (info.state === 'Failed' || info.state === 'Aborted') throw new Error(`bulk ingest: ${info.state} ${info.errorMessage ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** Bytes per second GridFS writes and reads back, for `bytes` of incompressible data in one file, on `uri`'s database `dbName`. */
export async function rawGridFs(uri: string, dbName: string, bytes: number): Promise<{ bytes: number; writePerSecond: number; readPerSecond: number }> {
  const client = await MongoClient.connect(uri);
  try {
    const bucket = new GridFSBucket(client.db(dbName), { bucketName: 'rawLimits' });
    const data = randomBytes(bytes);
    let started = performance.now();
    const upload = bucket.openUploadStream('raw');
    await pipeline(Readable.from([data]), upload);
    const writePerSecond = bytes / ((performance.now() - started) / 1000);
    started = performance.now();
    let read = 0;
    await pipeline(
      bucket.openDownloadStream(upload.id),
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          read += chunk.length;
          done();
        },
      }),
    );
    const readPerSecond = read / ((performance.now() - started) / 1000);
    await bucket.delete(upload.id);
    return { bytes: read, writePerSecond, readPerSecond };
  } finally {
    await client.close();
  }
}
