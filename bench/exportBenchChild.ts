/**
 * One measured export, in its own process so its peak RSS (`VmHWM`) is its own:
 * `tsx bench/exportBenchChild.ts <streaming|in-memory|idle> <mongoUri> <dbName> <backupId>`.
 * `streaming` runs the `salesforce.export` job's code; `in-memory` builds the same CSV with the
 * same library (`csv-stringify/sync`) and dialect (`exportCsvOptions`) from every record held at once, then stores it the same way.
 * Prints one JSON line: rows, bytes, sha256, durationMs, peakRssBytes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { MongoClient } from 'mongodb';
import { stringify } from 'csv-stringify/sync';
import { ExportRun } from '../src/jobs/salesforce/export/exportRun.ts';
import { describedObject } from '../src/jobs/salesforce/describedObject.ts';
import { csvColumns } from '../src/jobs/salesforce/export/csvColumns.ts';
import { exportCsvOptions } from '../src/jobs/salesforce/export/csvDialect.ts';
import { BackupFileStore, BackupStore, ExportFileStore, ExportLookupStore, ExportStore, readBackupSnapshot } from '../src/storage/index.ts';
import type { JobContext } from '../src/engine/jobContext.ts';
import type { ExportJobInput } from '../src/jobs/salesforce/export/exportJobInput.ts';

const [mode, uri, dbName, backupId] = process.argv.slice(2) as [string, string, string, string];
const OBJECT = 'Contact';

const peakRss = (): number => Number(/^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))![1]) * 1024;

async function main(): Promise<void> {
  const client = await MongoClient.connect(uri);
  const db = client.db(dbName);
  const backups = new BackupStore(db);
  const files = new BackupFileStore(db);
  const exports = new ExportStore(db);
  const exportFiles = new ExportFileStore(db);
  const exp = await exports.create({ tenantId: 'bench', backupId, orgId: 'bench', object: OBJECT, fields: null, filter: [] });
  const started = Date.now();
  let out: { rows: number; bytes: number; sha256: string };
  switch (mode) {
    case 'idle':
      out = { rows: 0, bytes: 0, sha256: '' };
      break;
    case 'streaming': {
      const noop = () => undefined;
      const ctx: JobContext<ExportJobInput, never> = {
        jobId: 'bench',
        tenantId: 'bench',
        input: { exportId: exp.id, backupId, object: OBJECT, filter: [], spreadsheetSafe: false },
        attempt: 1,
        signal: new AbortController().signal,
        logger: { debug: noop, info: noop, warn: noop, error: noop },
        progress: noop,
        checkpoint: () => undefined,
        saveCheckpoint: async () => undefined,
      };
      const result = await new ExportRun(ctx, { service: { followJob: async () => undefined }, backups, files, exports, exportFiles, lookups: new ExportLookupStore(db) }).run();
      out = { rows: result.rows, bytes: result.bytes, sha256: result.sha256 };
      break;
    }
    case 'in-memory': {
      const columns = csvColumns(describedObject(await files.readSchema('bench', backupId, OBJECT)), undefined, () => null);
      const fields = columns.map((c) => (c.kind === 'field' ? c.field : c.header));
      const rows: unknown[][] = [];
      for await (const record of readBackupSnapshot({ backups, files }, 'bench', backupId, OBJECT)) rows.push(fields.map((f) => record[f] ?? null));
      const csv = stringify(rows, exportCsvOptions({ headers: columns.map((c) => c.header) }));
      const buffer = Buffer.from(csv, 'utf8');
      const upload = await exportFiles.open('bench', exp.id, `${OBJECT}.csv`);
      await new Promise<void>((resolve, reject) => upload.stream.end(buffer, () => resolve()).on('error', reject));
      out = { rows: rows.length, bytes: buffer.length, sha256: createHash('sha256').update(buffer).digest('hex') };
      break;
    }
    default:
      throw new Error(`unknown mode ${mode}`);
  }
  const durationMs = Date.now() - started;
  await exportFiles.remove('bench', exp.id);
  await client.close();
  process.stdout.write(`${JSON.stringify({ ...out, durationMs, peakRssBytes: peakRss() })}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
