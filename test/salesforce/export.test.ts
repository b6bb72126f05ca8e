import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gql, gqlData } from '../support/graphqlClient.ts';
import { TEST_KEYS, type LonghaulProcess } from '../support/longhaulProcess.ts';
import { addTestOrg } from '../support/sandboxConnection.ts';
import { SalesforceStack } from '../support/salesforceStack.ts';
import { eventually } from '../support/eventually.ts';
import type { Sandbox } from '../../src/sandbox/index.ts';
import { BackupFileStore, BackupStore, readBackupSnapshot } from '../../src/storage/index.ts';

const A = TEST_KEYS.tenantA;
const B = TEST_KEYS.tenantB;

/** Values CSV must survive: separators, quotes, line breaks, non-ASCII, spaces, things that look like CSV. */
const TRICKY = ['a, b, c', 'say "hi"', '"', '""', 'line 1\nline 2', 'crlf\r\nline', 'trailing\n', 'cr\ronly', '\nleading LF', 'Café Müller — 日本語 😀🚀 شركة', '  padded  ', '=1+1', '+1 555 0100', '-5', '@SUM(A1)', '\ttab first', 'tab\there;semi|pipe', ',', 'back\\slash'];

/** How a backed-up value reads back from the CSV. */
const asCsvText = (value: unknown): string => (value === null || value === undefined ? '' : typeof value === 'boolean' ? String(value) : typeof value === 'object' ? JSON.stringify(value) : String(value));

describe('salesforce.export end to end', () => {
  let stack: SalesforceStack;
  let sandbox: Sandbox;
  let api: LonghaulProcess;
  let origin: string;

  beforeAll(async () => {
    stack = await SalesforceStack.start({ name: 'sfexport', env: { LONGHAUL_RETAIN_SWEEP_EVERY: '300ms' } });
    ({ sandbox, api } = stack);
    origin = new URL(api.url).origin;
  }, 120_000);
  afterAll(async () => {
    await stack?.dispose();
  });

  const startExport = async (key: string, input: Record<string, unknown>) => gql(api.url, key, 'mutation($input: StartExportInput!) { startExport(input: $input) { id input } }', { input });
  const download = (url: string, key: string | null, headers: Record<string, string> = {}) =>
    fetch(`${origin}${url}`, { headers: { ...(key === null ? {} : { authorization: `Bearer ${key}` }), ...headers } });
  const backupRecords = async (backupId: string, object: string) => {
    const db = stack.db;
    const records: Record<string, unknown>[] = [];
    for await (const r of readBackupSnapshot({ backups: new BackupStore(db), files: new BackupFileStore(db) }, 'tenantA', backupId, object)) records.push(r);
    return records;
  };

  let shared: { orgId: string; backupId: string } | undefined;
  /** An org whose contacts hold every tricky value (and nulls), backed up once for the tests below. */
  const trickyBackup = async () => {
    if (shared !== undefined) return shared;
    const org = addTestOrg(sandbox, { size: { Account: 30, Contact: 150 }, seed: 4, trickyRate: 0.3 });
    const accountId = String([...org.records('Account')][0]!.Id);
    const inserts = TRICKY.map((text, i) => ({ LastName: text, FirstName: i % 2 === 0 ? null : TRICKY[(i + 3) % TRICKY.length], Title: null, Description: text, AccountId: i % 3 === 0 ? null : accountId }));
    expect(org.mutate({ object: 'Contact', inserts }).errors).toEqual([]);
    const orgId = await stack.connect(org);
    shared = { orgId, backupId: await stack.backupAndWait(orgId, ['Account', 'Contact']) };
    return shared;
  };

  it('should write CSV that parses back equal to the backup, tricky values and nulls included', async () => {
    const { backupId } = await trickyBackup();
    const started = await startExport(A, { backupId, object: 'Contact' });
    expect(started.errors).toBeUndefined();
    const job = await stack.waitForJob(started.data!.startExport.id);
    expect(job.state).toBe('SUCCEEDED');
    const expected = await backupRecords(backupId, 'Contact');
    expect(expected.length).toBe(150 + TRICKY.length);
    const { url, bytes, rows, sha256 } = job.result;
    expect(rows).toBe(expected.length);

    const response = await download(url, A);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.length).toBe(bytes);
    expect(createHash('sha256').update(body).digest('hex')).toBe(sha256);
    // RFC 4180: CRLF between records, no byte-order mark.
    expect(body.subarray(0, 3).toString('hex')).not.toBe('efbbbf');
    expect(body.toString('utf8').split('\r\n')[0]).toBe(Object.keys(expected[0]!).join(','));

    const parsed = parse<Record<string, string>>(body, { columns: true, bom: false });
    expect(parsed).toEqual(expected.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, asCsvText(v)]))));
    for (const text of TRICKY) expect(parsed.some((row) => row.LastName === text && row.Description === text), JSON.stringify(text)).toBe(true);

    const { export: view } = await gqlData(api.url, A, 'query($id: ID!) { export(id: $id) { status url rows bytes sha256 object expiresAt } }', { id: started.data!.startExport.input.exportId });
    expect(view).toMatchObject({ status: 'SUCCEEDED', url, rows, bytes, sha256, object: 'Contact' });
  }, 300_000);

  /** Rows of a CSV file as Python's standard `csv` module reads them (RFC 4180; a reader the project did not write). */
  const pythonCsvRows = (body: Buffer): string[][] => {
    const dir = mkdtempSync(join(tmpdir(), 'longhaul-csv-'));
    try {
      const file = join(dir, 'export.csv');
      writeFileSync(file, body);
      const script = 'import csv, json, sys\nwith open(sys.argv[1], newline="", encoding="utf-8") as f:\n    print(json.dumps(list(csv.reader(f, strict=True))))';
      return JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as string[][];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it("should be read record by record equal to the backup by Python's csv module and by csv-parse splitting on any line break", async () => {
    const { backupId } = await trickyBackup();
    const started = await startExport(A, { backupId, object: 'Contact' });
    const job = await stack.waitForJob(started.data!.startExport.id);
    expect(job.state).toBe('SUCCEEDED');
    const body = Buffer.from(await (await download(job.result.url, A)).arrayBuffer());
    const expected = await backupRecords(backupId, 'Contact');
    const header = Object.keys(expected[0]!);
    const expectedRows = [header, ...expected.map((r) => header.map((k) => asCsvText(r[k])))];

    // A bare CR or LF outside quotes ends a record for these readers: an unquoted line break shows as extra rows.
    expect(pythonCsvRows(body)).toEqual(expectedRows);
    const strict = parse(body, { record_delimiter: ['\r\n', '\n', '\r'], relax_quotes: false, relax_column_count: false, skip_empty_lines: false, bom: false });
    expect(strict).toEqual(expectedRows);
    // Every line break of the file outside a quoted value is a record's end, CRLF (RFC 4180).
    const unquoted = body.toString('utf8').replace(/"(?:[^"]|"")*"/g, '');
    expect(unquoted.match(/\r\n|\r|\n/g)).toEqual(Array(expected.length + 1).fill('\r\n'));
    for (const text of TRICKY) expect(strict.some((row) => row.includes(text)), JSON.stringify(text)).toBe(true);
  }, 300_000);

  it('should neutralise formula-like cells with spreadsheetSafe, leaving every other value as backed up', async () => {
    const { backupId } = await trickyBackup();
    const started = await startExport(A, { backupId, object: 'Contact', fields: ['Id', 'LastName', 'Description'], spreadsheetSafe: true });
    expect(started.errors).toBeUndefined();
    const job = await stack.waitForJob(started.data!.startExport.id);
    expect(job.state).toBe('SUCCEEDED');
    const rows = pythonCsvRows(Buffer.from(await (await download(job.result.url, A)).arrayBuffer()));
    const expected = await backupRecords(backupId, 'Contact');
    const safe = (value: unknown): string => {
      const text = asCsvText(value);
      return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    };
    expect(rows).toEqual([['Id', 'LastName', 'Description'], ...expected.map((r) => [asCsvText(r.Id), safe(r.LastName), safe(r.Description)])]);
    for (const formula of ['=1+1', '+1 555 0100', '-5', '@SUM(A1)', '\ttab first']) expect(rows.some((row) => row[1] === `'${formula}`), formula).toBe(true);
  }, 300_000);

  it('should resume a download with Range, and refuse unsatisfiable ranges, other tenants and missing keys', async () => {
    const { backupId } = await trickyBackup();
    const started = await startExport(A, { backupId, object: 'Contact', fields: ['Id', 'LastName', 'Description'] });
    const job = await stack.waitForJob(started.data!.startExport.id);
    const { url, bytes } = job.result;
    const full = Buffer.from(await (await download(url, A)).arrayBuffer());
    expect(full.length).toBe(bytes);

    const cut = 1000;
    const head = await download(url, A, { range: `bytes=0-${cut - 1}` });
    expect(head.status).toBe(206);
    expect(head.headers.get('content-range')).toBe(`bytes 0-${cut - 1}/${bytes}`);
    const first = Buffer.from(await head.arrayBuffer());
    expect(first.length).toBe(cut);
    const rest = await download(url, A, { range: `bytes=${cut}-` });
    expect(rest.status).toBe(206);
    expect(rest.headers.get('content-range')).toBe(`bytes ${cut}-${bytes - 1}/${bytes}`);
    expect(Buffer.concat([first, Buffer.from(await rest.arrayBuffer())]).equals(full)).toBe(true);
    const tail = await download(url, A, { range: 'bytes=-10' });
    expect(Buffer.from(await tail.arrayBuffer()).equals(full.subarray(bytes - 10))).toBe(true);

    const beyond = await download(url, A, { range: `bytes=${bytes}-` });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${bytes}`);
    expect((await download(url, B)).status).toBe(404);
    expect((await download(url, null)).status).toBe(401);
    const other = await startExport(B, { backupId, object: 'Contact' });
    expect(other.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const peek = await gqlData(api.url, B, 'query($id: ID!) { export(id: $id) { id } }', { id: started.data!.startExport.input.exportId });
    expect(peek.export).toBeNull();
  }, 300_000);

  it('should flatten lookups by relationship name and apply the filter', async () => {
    const { backupId } = await trickyBackup();
    const started = await startExport(A, { backupId, object: 'Contact', fields: ['Id', 'LastName', 'Account.Name', 'Owner.Name'], filter: [{ field: 'AccountId', operator: 'IS_NOT_NULL' }] });
    expect(started.errors).toBeUndefined();
    const job = await stack.waitForJob(started.data!.startExport.id);
    expect(job).toMatchObject({ state: 'DEBUG', attempts: 1 });
    expect(job.lastError).toMatchObject({ code: 'UNKNOWN_COLUMN', message: 'Owner.Name: the backup holds none of User' });
    const { export: refused } = await gqlData(api.url, A, 'query($id: ID!) { export(id: $id) { status url error { code } } }', { id: started.data!.startExport.input.exportId });
    expect(refused).toEqual({ status: 'FAILED', url: null, error: { code: 'UNKNOWN_COLUMN' } });

    const ok = await startExport(A, { backupId, object: 'Contact', fields: ['Id', 'LastName', 'Account.Name'], filter: [{ field: 'AccountId', operator: 'IS_NOT_NULL' }] });
    const done = await stack.waitForJob(ok.data!.startExport.id);
    expect(done.state).toBe('SUCCEEDED');
    const accounts = new Map((await backupRecords(backupId, 'Account')).map((a) => [a.Id, a.Name]));
    const contacts = (await backupRecords(backupId, 'Contact')).filter((c) => c.AccountId !== null);
    const parsed = parse<Record<string, string>>(Buffer.from(await (await download(done.result.url, A)).arrayBuffer()), { columns: true });
    expect(parsed).toEqual(contacts.map((c) => ({ Id: c.Id, LastName: asCsvText(c.LastName), 'Account.Name': asCsvText(accounts.get(c.AccountId)) })));
    expect(parsed.some((row) => /[,"\n]/.test(row['Account.Name']!))).toBe(true);
  }, 300_000);

  it('should expire an export: the download answers 410 and the sweep removes its file', async () => {
    await stack.restartWorkers({ LONGHAUL_EXPORT_TTL_MS: '1500' });
    const { backupId } = await trickyBackup();
    const started = await startExport(A, { backupId, object: 'Account' });
    const job = await stack.waitForJob(started.data!.startExport.id);
    expect((await download(job.result.url, A)).status).toBe(200);
    const exportId = started.data!.startExport.input.exportId as string;
    const files = stack.db.collection<{ _id: string }>('exportFiles.files');
    expect(await files.countDocuments({ _id: exportId })).toBe(1);
    expect((await eventually('the download to expire (410)', async () => (await download(job.result.url, A)).status, (status) => status !== 200)), 'download after the TTL').toBe(410);
    await eventually('the sweep to remove the expired file', async () => (await files.countDocuments({ _id: exportId })) === 0);
    const { export: view } = await gqlData(api.url, A, 'query($id: ID!) { export(id: $id) { status url } }', { id: exportId });
    expect(view).toEqual({ status: 'EXPIRED', url: null });
  }, 300_000);
});
