import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { eventually } from './eventually.ts';
import { gqlData } from './graphqlClient.ts';
import { SalesforceStack } from './salesforceStack.ts';
import type { OrgHandle } from '../../src/sandbox/index.ts';
import { BackupFileStore, BackupStore } from '../../src/storage/index.ts';

/** The fields of a backup the backup tests read. */
export const BACKUP_FIELDS =
  'id status mode records bytes durationMs estimatedRecords currentObject objectsDone objectsTotal job { id state attempts progress { processed total message } } objects { name status mode method baseBackupId changesSince deletedRecords estimatedRecords records parts bytes sha256 error { code message } }';

/** A stored backup object as `BACKUP_FIELDS` reads it. */
export interface BackupObjectView {
  name: string;
  status: string;
  mode: string;
  method: string | null;
  baseBackupId: string | null;
  changesSince: string | null;
  deletedRecords: number;
  estimatedRecords: number | null;
  records: number;
  parts: number;
  bytes: number;
  sha256: string | null;
  error: { code: string; message: string } | null;
}

/** A backup as `BACKUP_FIELDS` reads it. */
export interface BackupView {
  id: string;
  status: string;
  mode: string;
  records: number;
  estimatedRecords: number;
  objectsDone: number;
  objectsTotal: number;
  job: { id: string; state: string; attempts: number; progress: { processed: number; total: number | null; message: string | null } | null };
  objects: BackupObjectView[];
}

/**
 * A {@link SalesforceStack} for the backup tests: direct read access to the stored files and backups,
 * and the GraphQL calls the backup tests make. Start it with `BackupHarness.start(options)`.
 */
export class BackupHarness extends SalesforceStack {
  files!: BackupFileStore;
  backups!: BackupStore;

  protected override async open(): Promise<void> {
    await super.open();
    this.files = new BackupFileStore(this.db);
    this.backups = new BackupStore(this.db);
  }

  /** Starts a backup; returns its job id. */
  async startBackup(orgId: string, options: { objects?: string[]; mode?: 'FULL' | 'INCREMENTAL' } = {}): Promise<string> {
    const data = await gqlData(this.api.url, this.key, 'mutation($orgId: ID!, $objects: [String!], $mode: BackupMode) { startBackup(orgId: $orgId, objects: $objects, mode: $mode) { id } }', {
      orgId,
      objects: options.objects,
      mode: options.mode ?? 'FULL',
    });
    return data.startBackup.id;
  }

  /** The backup its job `jobId` writes. */
  async backupOfJob(orgId: string, jobId: string): Promise<BackupView> {
    const list = (await gqlData(this.api.url, this.key, `query($orgId: ID!) { backups(orgId: $orgId) { ${BACKUP_FIELDS} } }`, { orgId })).backups as BackupView[];
    const backup = list.find((b) => b.job.id === jobId);
    if (backup === undefined) throw new Error(`no backup of job ${jobId}`);
    return backup;
  }

  /** Reads the backup of job `jobId` until the job ends (or `timeoutMs` passes); returns it as last read. */
  async waitForBackup(orgId: string, jobId: string, timeoutMs = 120_000): Promise<BackupView> {
    return eventually(
      `backup job ${jobId} to end`,
      () => this.backupOfJob(orgId, jobId),
      (backup) => ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(backup.job.state),
      { timeoutMs, intervalMs: 200 },
    );
  }

  /** The stored records of one object of a backup, in stored order, and the sha256 of their NDJSON. */
  async stored(backupId: string, object: { name: string; parts: number }): Promise<{ records: Record<string, unknown>[]; sha256: string }> {
    const records: Record<string, unknown>[] = [];
    const hash = createHash('sha256');
    for await (const record of this.files.readRecords(this.tenantId, backupId, object.name, object.parts)) {
      records.push(record);
      hash.update(`${JSON.stringify(record)}\n`);
    }
    return { records, sha256: hash.digest('hex') };
  }

  /** Asserts that each object of a FULL backup holds exactly `expected(name)`: same records, each once, matching counts and sha256. */
  async expectObjectsEqual(backupId: string, objects: BackupObjectView[], expected: (name: string) => Record<string, unknown>[]): Promise<void> {
    for (const object of objects) {
      const want = expected(object.name);
      const { records, sha256 } = await this.stored(backupId, object);
      expect(records.length, object.name).toBe(want.length);
      expect(object.records, object.name).toBe(want.length);
      expect(new Set(records.map((r) => r.Id)).size, object.name).toBe(records.length);
      expect(records, object.name).toEqual(want);
      expect(object.sha256, object.name).toBe(sha256);
    }
  }
}

/** The sandbox's live records of `objectName` without `attributes`, in Id order. */
export function sandboxRecords(org: OrgHandle, objectName: string, options: { includeDeleted?: boolean } = {}): Record<string, unknown>[] {
  return [...org.records(objectName, options)].map(({ attributes: _a, ...fields }) => fields);
}
