import type { RetryingCaller, SalesforceClient, SObjectDescribe } from '../../../salesforce/index.ts';
import { BackupMode, BackupReadMethod, type BackupObjectEntry } from '../../../storage/index.ts';
import { isRestorableFieldType } from '../unrestorableFieldTypes.ts';
import { createBulkQueryJob } from './bulkPageSource.ts';
import type { ObjectQuery } from './objectPageSource.ts';

/** What reading an object from its start begins with: its describe and (Bulk 2.0) its query job. */
export interface PreparedObject {
  describe: SObjectDescribe;
  /** Bulk 2.0: the query job reading the object from its start (`objectQueryOf`'s query), already created; `null` for REST. */
  bulkJobId: string | null;
}

/** The query that reads `entry` with the fields of `describe` a backup keeps. */
export function objectQueryOf(entry: BackupObjectEntry, describe: SObjectDescribe): { query: ObjectQuery; fieldTypes: ReadonlyMap<string, string> } {
  const fields = describe.fields.filter((f) => isRestorableFieldType(f.type));
  const changesSince = entry.mode === BackupMode.Incremental ? (entry.changesSince ?? null) : null;
  return { query: { objectName: entry.name, fields: fields.map((f) => f.name), changesSince }, fieldTypes: new Map(fields.map((f) => [f.name, f.type])) };
}

/**
 * The next object of a backup, prepared while the current one is read: its describe is read and, for a Bulk 2.0
 * object, its query job created, so that Salesforce runs the job while the worker stores the current object and
 * its first page is ready when its turn comes (a Bulk job's wait is most of a small object's time). One object at a
 * time, at most two calls ahead of the backup.
 *
 * Only an object read from its start uses what was prepared (a resumed object keeps its checkpoint's job). A
 * failure is held (no unhandled rejection) and thrown when the object's turn comes, so an object Salesforce rejects
 * still fails alone. A job created for an object the run never reached (the run stopped, the worker died) is left
 * to Salesforce, which deletes query jobs after 7 days; the resumed run creates its own.
 */
export class ObjectPreparation {
  private pending: { index: number; prepared: Promise<PreparedObject> } | null = null;

  constructor(
    private readonly client: SalesforceClient,
    private readonly calls: RetryingCaller,
  ) {}

  /** Starts preparing `entry` (at `index` in the backup's object list), unless it is already being prepared. */
  prepare(index: number, entry: BackupObjectEntry): void {
    if (this.pending?.index === index) return;
    const prepared = this.read(entry);
    // Held until the object's turn; taking it throws the failure there.
    void prepared.catch(() => undefined);
    this.pending = { index, prepared };
  }

  /** What was prepared for the object at `index`, or `null` when nothing was; the preparation is handed over once. */
  take(index: number): Promise<PreparedObject> | null {
    if (this.pending?.index !== index) return null;
    const { prepared } = this.pending;
    this.pending = null;
    return prepared;
  }

  /** Waits for a preparation still in flight (its outcome dropped), so no call outlives the run. */
  async settle(): Promise<void> {
    const pending = this.pending;
    this.pending = null;
    await pending?.prepared.catch(() => undefined);
  }

  private async read(entry: BackupObjectEntry): Promise<PreparedObject> {
    const describe = await this.calls.call(`describe ${entry.name}`, () => this.client.describe(entry.name));
    const { query } = objectQueryOf(entry, describe);
    const bulkJobId = entry.method === BackupReadMethod.Bulk ? await createBulkQueryJob(this.client, this.calls, query, null) : null;
    return { describe, bulkJobId };
  }
}
