import { RecoveryFailedError, RecoveryFailureCode } from '../errors/index.ts';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ExportCsvFormatter } from './exportCsvFormatter.ts';
import type { JobContext } from '../../../engine/jobContext.ts';
import type { JobTransition } from '../../../engine/jobType.ts';
import { requireJobRecord } from '../jobRecords.ts';
import {
  BackupObjectStatus,
  exportDownloadPath,
  ExportStatus,
  readBackupSnapshot,
  readBackupSnapshotBatches,
  snapshotChain,
  type BackupFileStore,
  type BackupStore,
  type ExportFileStore,
  type ExportLookupStore,
  type ExportStore,
} from '../../../storage/index.ts';
import { readBackedUpDescribe } from '../backedUpDescribe.ts';
import type { DescribedObject } from '../describedObject.ts';
import { csvColumns, UnknownColumnError, type CsvColumn } from './csvColumns.ts';
import { matchesFilter } from './exportFilter.ts';
import type { ExportJobInput } from './exportJobInput.ts';

/** What the export job needs. */
export interface ExportJobDependencies {
  /** The domain service of exports: an export follows its job there (`ExportService.followJob`). */
  service: { followJob(transition: JobTransition): Promise<void> };
  backups: BackupStore;
  files: BackupFileStore;
  exports: ExportStore;
  exportFiles: ExportFileStore;
  lookups: ExportLookupStore;
  /** How long a finished export can be downloaded; default a day. */
  ttlMs?: number;
}

/** Result of an export job. */
export interface ExportJobResult {
  exportId: string;
  /** Path of the download, relative to the API's origin. */
  url: string;
  bytes: number;
  rows: number;
  sha256: string;
  expiresAt: string;
}

/** Records read (and rows resolved) at a time: bounds the memory of one step. */
const BATCH = 200;

/** One attempt of a `salesforce.export` job: the whole file is written again (a partial one is replaced). */
export class ExportRun {
  private readonly schemas = new Map<string, DescribedObject | null>();

  constructor(
    private readonly ctx: JobContext<ExportJobInput, never>,
    private readonly deps: ExportJobDependencies,
  ) {}

  async run(): Promise<ExportJobResult> {
    const { ctx, deps } = this;
    const { tenantId } = ctx;
    const { exportId, backupId, object } = ctx.input;
    // The export and the backup must be the job tenant's (and match), checked before anything is written.
    requireJobRecord(await deps.exports.get(tenantId, exportId), 'export', exportId, (e) => e.backupId === backupId && e.object === object);
    const backup = requireJobRecord(await deps.backups.get(tenantId, backupId), 'backup', backupId);
    await deps.exports.markRunning(tenantId, exportId);
    const backedUp = new Set(backup.objects.filter((o) => o.status === BackupObjectStatus.Succeeded).map((o) => o.name));
    for (const name of backedUp) this.schemas.set(name, null);
    const source = await this.schema(object);
    if (source === null) return this.fail(RecoveryFailureCode.ObjectNotInBackup, `the backup holds no complete copy of ${object}`);
    let columns: CsvColumn[];
    try {
      const parents = new Map<string, DescribedObject | null>();
      for (const name of backedUp) parents.set(name, await this.schema(name));
      columns = csvColumns(source, ctx.input.fields, (o) => parents.get(o) ?? null);
    } catch (error) {
      if (error instanceof UnknownColumnError) return this.fail(error.code, error.message);
      throw error;
    }
    await this.loadLookups(columns);
    const total = (await snapshotChain(deps, tenantId, backupId, object)).reduce((sum, link) => sum + link.entry.records, 0);

    const upload = await deps.exportFiles.open(tenantId, exportId, `${object}.csv`);
    let rows = 0;
    const csv = new ExportCsvFormatter({ headers: columns.map((c) => c.header), spreadsheetSafe: ctx.input.spreadsheetSafe });
    let header: string | null = csv.header();
    const produce = async function* (this: ExportRun): AsyncGenerator<string> {
      let batch: Record<string, unknown>[] = [];
      const flush = async (records: Record<string, unknown>[]): Promise<string> => {
        const parents = await this.parentsOf(records, columns);
        const text =
          (header ?? '') +
          csv.rows(records, (record, i) => {
            const c = columns[i]!;
            return (c.kind === 'field' ? record[c.field] : parents.get(`${c.parentObject}:${String(record[c.lookupField])}`)?.[c.parentField]) ?? null;
          });
        header = null;
        rows += records.length;
        ctx.progress({ processed: rows, total: Math.max(total, rows), message: `${object}: ${rows} rows` });
        if (ctx.signal.aborted) throw ctx.signal.reason;
        return text;
      };
      for await (const records of readBackupSnapshotBatches(deps, tenantId, backupId, object)) {
        for (const record of records) if (matchesFilter(record, ctx.input.filter)) batch.push(record);
        if (batch.length >= BATCH) {
          yield await flush(batch);
          batch = [];
        }
      }
      yield await flush(batch);
    };
    // One batch of CSV text waits at a time (a batch is up to ~1,500 rows): memory stays flat whatever the size.
    await pipeline(Readable.from(produce.call(this), { highWaterMark: 1 }), upload.stream);
    await deps.lookups.clear(tenantId, exportId);
    const bytes = upload.bytes();
    const sha256 = upload.sha256();
    const finishedAt = new Date();
    const expiresAt = new Date(finishedAt.getTime() + (deps.ttlMs ?? 86_400_000));
    await deps.exports.update(tenantId, exportId, { status: ExportStatus.Succeeded, rows, bytes, sha256, finishedAt, expiresAt });
    ctx.progress({ processed: rows, total: rows, message: `done: ${rows} rows, ${bytes} bytes` });
    return { exportId, url: exportDownloadPath(exportId), bytes, rows, sha256, expiresAt: expiresAt.toISOString() };
  }

  /** The backed-up describe of an object, or `null` when the backup does not hold it. */
  private async schema(object: string): Promise<DescribedObject | null> {
    if (!this.schemas.has(object)) return null;
    const known = this.schemas.get(object);
    if (known !== null && known !== undefined) return known;
    const { tenantId } = this.ctx;
    const { backupId } = this.ctx.input;
    const chain = await snapshotChain(this.deps, tenantId, backupId, object);
    const described = await readBackedUpDescribe(this.deps.files, tenantId, backupId, chain, object);
    this.schemas.set(object, described);
    return described;
  }

  /** Copies the parent fields the relationship columns need into the lookup store, parent by parent. */
  private async loadLookups(columns: readonly CsvColumn[]): Promise<void> {
    const needed = new Map<string, Set<string>>();
    for (const c of columns) if (c.kind === 'relationship') (needed.get(c.parentObject) ?? needed.set(c.parentObject, new Set()).get(c.parentObject)!).add(c.parentField);
    const { tenantId } = this.ctx;
    const { exportId, backupId } = this.ctx.input;
    await this.deps.lookups.clear(tenantId, exportId);
    for (const [parent, fields] of needed) {
      let batch: { id: string; values: Record<string, unknown> }[] = [];
      for await (const record of readBackupSnapshot(this.deps, tenantId, backupId, parent)) {
        batch.push({ id: `${parent}:${String(record.Id)}`, values: Object.fromEntries([...fields].map((f) => [f, record[f] ?? null])) });
        if (batch.length >= 1000) {
          await this.deps.lookups.put(tenantId, exportId, batch);
          batch = [];
        }
      }
      await this.deps.lookups.put(tenantId, exportId, batch);
    }
  }

  private async parentsOf(records: readonly Record<string, unknown>[], columns: readonly CsvColumn[]): Promise<Map<string, Record<string, unknown>>> {
    const keys: string[] = [];
    for (const c of columns) {
      if (c.kind !== 'relationship') continue;
      for (const r of records) if (typeof r[c.lookupField] === 'string' && r[c.lookupField] !== '') keys.push(`${c.parentObject}:${String(r[c.lookupField])}`);
    }
    return keys.length === 0 ? new Map() : this.deps.lookups.get(this.ctx.tenantId, this.ctx.input.exportId, keys);
  }

  private async fail(code: RecoveryFailureCode, message: string): Promise<never> {
    await this.deps.exports.update(this.ctx.tenantId, this.ctx.input.exportId, { status: ExportStatus.Failed, error: { code, message }, finishedAt: new Date() });
    throw new RecoveryFailedError(code, message);
  }
}
