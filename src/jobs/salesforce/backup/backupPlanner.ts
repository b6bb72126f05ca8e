import { SalesforceRequestRejectedError, type RetryingCaller, type SalesforceClient } from '../../../salesforce/index.ts';
import { BackupMode, BackupObjectStatus, BackupReadMethod, type BackupObjectEntry, type BackupStore, type BackupView } from '../../../storage/index.ts';

/** What {@link planBackupObjects} needs. */
export interface BackupPlanRequest {
  client: SalesforceClient;
  calls: RetryingCaller;
  backups: Pick<BackupStore, 'lastSucceededObject'>;
  /** The job's tenant: incremental bases are looked up among its backups only. */
  tenantId: string;
  backup: BackupView;
  /** Objects asked for; `undefined`: every queryable, replicateable object. */
  objects: string[] | undefined;
  /** Objects with at least this many records (to read) go through Bulk 2.0. */
  bulkThreshold: number;
  /** Subtracted from now to make the watermark a later incremental backup starts from. */
  clockSkewMs: number;
  now: Date;
}

/** A SOQL datetime literal, whole seconds rounded down (Salesforce stamps are whole seconds). */
export function soqlDateTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** Where an incremental backup built on `entry` starts; `null` when the entry does not say. */
function watermarkOf(entry: BackupObjectEntry, clockSkewMs: number): Date | null {
  if (entry.watermark !== undefined && entry.watermark !== null) return new Date(entry.watermark);
  return entry.startedAt === null ? null : new Date(entry.startedAt.getTime() - clockSkewMs);
}

/**
 * The objects of a new backup, each with its mode, estimated count and read method. In an
 * `INCREMENTAL` backup an object whose last successful backup is known reads only what changed
 * since that backup's watermark (deleted records included); any other object is read in full. An
 * object Salesforce rejects (unknown, not queryable) is planned as failed.
 */
export async function planBackupObjects(request: BackupPlanRequest): Promise<BackupObjectEntry[]> {
  const { client, calls, backup } = request;
  let names = request.objects;
  if (names === undefined) {
    const global = await calls.call('describeGlobal', () => client.describeGlobal());
    names = global.filter((o) => o.queryable && o.replicateable).map((o) => o.name);
  }
  const watermark = new Date(request.now.getTime() - request.clockSkewMs).toISOString();
  const entries: BackupObjectEntry[] = [];
  for (const name of [...new Set(names)]) {
    let mode: BackupMode = BackupMode.Full;
    let baseBackupId: string | null = null;
    let changesSince: string | null = null;
    if (backup.mode === BackupMode.Incremental) {
      const base = await request.backups.lastSucceededObject(request.tenantId, backup.orgId, name, backup.createdAt);
      const since = base === null ? null : watermarkOf(base.entry, request.clockSkewMs);
      if (base !== null && since !== null) {
        mode = BackupMode.Incremental;
        baseBackupId = base.backup.id;
        changesSince = soqlDateTime(since);
      }
    }
    let estimated: number | null = null;
    let error: BackupObjectEntry['error'] = null;
    try {
      estimated =
        changesSince === null
          ? await calls.call(`count ${name}`, () => client.count(name))
          : (await calls.call(`count ${name}`, () => client.query(`SELECT COUNT() FROM ${name} WHERE SystemModstamp >= ${changesSince}`, { all: true }))).totalSize;
    } catch (e) {
      if (!(e instanceof SalesforceRequestRejectedError)) throw e;
      error = { code: e.sfErrorCode, message: e.message };
    }
    entries.push({
      name,
      status: error === null ? BackupObjectStatus.Pending : BackupObjectStatus.Failed,
      mode,
      baseBackupId,
      changesSince,
      watermark,
      method: estimated === null ? null : estimated >= request.bulkThreshold ? BackupReadMethod.Bulk : BackupReadMethod.Rest,
      estimatedRecords: estimated,
      records: 0,
      deletedRecords: 0,
      bytes: 0,
      parts: 0,
      sha256: null,
      error,
      startedAt: null,
      finishedAt: error === null ? null : new Date(),
    });
  }
  return entries;
}
