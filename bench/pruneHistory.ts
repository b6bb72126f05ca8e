/**
 * The backup history the prune bench prunes: one org with a policy and a month and more of daily FULL backups,
 * written through longhaul's own stores (`OrgStore`, `BackupPolicyStore`, `BackupStore`, `BackupFileStore`,
 * `BackupChangeStore`), so every document and GridFS file has the shape a real backup leaves.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from 'mongodb';
import { newRecordId } from '../src/db/recordId.ts';
import { OrgAuthFlow } from '../src/salesforce/orgCredentials.ts';
import { OrgConnectionStatus } from '../src/salesforce/orgDocument.ts';
import { OrgStore } from '../src/salesforce/orgStore.ts';
import {
  BackupChangeStore,
  BackupFileStore,
  BackupMode,
  BackupObjectStatus,
  BackupPolicyStore,
  BackupReadMethod,
  BackupStatus,
  BackupStore,
  CHANGE_CHUNK_SIZE,
  ChangeKind,
  type BackupObjectEntry,
  type BackupRetention,
} from '../src/storage/index.ts';
import { runBounded } from './support/boundedConcurrency.ts';

/** What {@link seedPruneHistory} writes. */
export interface PruneHistoryOptions {
  tenantId: string;
  /** Daily backups, the newest an hour before `now`. */
  backups: number;
  /** Records per backup, shared by the objects as in the backup bench's demo org. */
  records: number;
  /** The policy's retention. */
  retention: BackupRetention;
  /** Records per stored part (a Bulk page: default 5,000, as `LONGHAUL_BACKUP_BULK_PAGE_SIZE`). */
  partRecords?: number;
  /** Backups written at once; default 4. */
  concurrency?: number;
  now?: Date;
  /** After each backup written. */
  onBackup?: (done: number, total: number) => void;
}

/** What one seeded backup holds. */
export interface SeededBackup {
  id: string;
  createdAt: Date;
  records: number;
  /** Compressed bytes of its parts. */
  bytes: number;
  /** GridFS files (parts and describes). */
  files: number;
  /** `backupChanges` chunks. */
  changeChunks: number;
}

/** The seeded history. */
export interface PruneHistory {
  orgId: string;
  /** Oldest first. */
  backups: SeededBackup[];
}

/** The objects of a backup and their share of its records (the sandbox demo org's). */
const OBJECTS: readonly [string, number][] = [
  ['Account', 0.2],
  ['Contact', 0.3],
  ['Opportunity', 0.2],
  ['Case', 0.15],
  ['Invoice__c', 0.15],
];
/** Shares of an object's records each backup finds created, updated and deleted since the previous one. */
const CHANGE_SHARES: Record<ChangeKind, number> = { CREATED: 0.01, UPDATED: 0.05, DELETED: 0.005 };
const DAY_MS = 24 * 3600_000;

/** Random text records draw their long fields from (incompressible like real free text is, mostly). */
const TEXT_POOL = randomBytes(3 << 20).toString('base64');
const text = (n: number, seed: number): string => {
  const at = (seed * 7919) % (TEXT_POOL.length - n);
  return TEXT_POOL.slice(at, at + n);
};
const sfId = (prefix: string, n: number): string => `${prefix}${String(n).padStart(15, '0')}`;

/** One record as a Bulk query returns it: about 1.3 KB of JSON, half of it free text. */
function record(object: string, prefix: string, n: number, day: Date): Record<string, unknown> {
  const stamp = day.toISOString();
  return {
    Id: sfId(prefix, n),
    Name: `${object} ${n}`,
    Description: text(700, n),
    Phone: `+1 555 ${String(n % 10_000).padStart(4, '0')}`,
    Email: `contact${n}@example.com`,
    BillingStreet: text(40, n + 1),
    BillingCity: 'Springfield',
    BillingPostalCode: String(10_000 + (n % 90_000)),
    Industry: ['Energy', 'Retail', 'Banking', 'Media'][n % 4],
    AnnualRevenue: (n % 997) * 1013.5,
    NumberOfEmployees: n % 5000,
    Rating: ['Hot', 'Warm', 'Cold'][n % 3],
    OwnerId: sfId('005', n % 5),
    ParentId: n % 10 === 0 ? null : sfId(prefix, n - (n % 10)),
    IsDeleted: false,
    CreatedDate: '2024-01-01T00:00:00.000Z',
    LastModifiedDate: stamp,
    SystemModstamp: stamp,
  };
}

/**
 * Writes the history: an org (its credentials are never opened: nothing here calls Salesforce), its policy
 * (`retention`, FULL every day; disabled, since no schedule is attached) and `backups` daily FULL backups of
 * `records` records each, `SUCCEEDED`, with their parts, describes and, from the second on, the Ids each found
 * created, updated and deleted (about 6.5% of its records) in `backupChanges`.
 */
export async function seedPruneHistory(db: Db, options: PruneHistoryOptions): Promise<PruneHistory> {
  const { tenantId } = options;
  const now = options.now ?? new Date();
  const partRecords = options.partRecords ?? 5000;
  const backups = new BackupStore(db);
  const files = new BackupFileStore(db);
  const changes = new BackupChangeStore(db);
  const orgId = newRecordId();
  await new OrgStore(db).insert({
    _id: orgId,
    tenantId,
    name: 'prune bench',
    flow: OrgAuthFlow.UsernamePassword,
    loginUrl: 'http://127.0.0.1:9/',
    instanceUrl: null,
    username: 'prune@bench.longhaul',
    clientId: 'bench',
    secrets: { keyId: 'bench', iv: '', tag: '', data: '' },
    salesforceOrgId: '00D000000000001AAA',
    salesforceUserId: '005000000000001AAA',
    status: OrgConnectionStatus.Connected,
    statusDetail: null,
    checkedAt: now,
    apiBudget: null,
    createdAt: new Date(now.getTime() - (options.backups + 1) * DAY_MS),
  });
  await new BackupPolicyStore(db).put(tenantId, orgId, { objects: OBJECTS.map(([name]) => name), at: '03:30', timezone: 'UTC', fullEveryDays: 1, retention: options.retention, enabled: false });

  // The records first, oldest first (each backup's changes name the one before it), then their content.
  const created: { id: string; createdAt: Date }[] = [];
  for (let k = 0; k < options.backups; k++) {
    const createdAt = new Date(now.getTime() - 3600_000 - (options.backups - 1 - k) * DAY_MS);
    created.push({ id: (await backups.create({ tenantId, orgId, mode: BackupMode.Full, objects: null, createdAt })).id, createdAt });
  }
  let done = 0;
  const seedOne = async (k: number): Promise<SeededBackup> => {
    const { createdAt } = created[k]!;
    const backup = created[k]!;
    const finishedAt = new Date(createdAt.getTime() + 10 * 60_000);
    const entries: BackupObjectEntry[] = [];
    let fileCount = 0;
    let changeChunks = 0;
    for (const [index, [object, share]] of OBJECTS.entries()) {
      const count = Math.round(options.records * share);
      const prefix = `a0${index}`;
      let bytes = 0;
      let parts = 0;
      for (let from = 0; from < count; from += partRecords) {
        const size = Math.min(partRecords, count - from);
        const stored = await files.writePart(tenantId, backup.id, object, parts, (function* () {
          for (let n = from; n < from + size; n++) yield record(object, prefix, n + k * 7, createdAt);
        })());
        bytes += stored.bytes;
        parts += 1;
      }
      await files.writeSchema(tenantId, backup.id, object, { name: object, fields: Object.keys(record(object, prefix, 0, createdAt)).map((name) => ({ name, type: 'string' })) });
      fileCount += parts + 1;
      const chunks = { CREATED: 0, UPDATED: 0, DELETED: 0 };
      if (k > 0) {
        for (const kind of [ChangeKind.Created, ChangeKind.Updated, ChangeKind.Deleted]) {
          const ids = Array.from({ length: Math.round(count * CHANGE_SHARES[kind]) }, (_, i) => sfId(prefix, i * 13 + k));
          for (let at = 0; at < ids.length; at += CHANGE_CHUNK_SIZE) await changes.write(tenantId, backup.id, object, kind, chunks[kind]++, ids.slice(at, at + CHANGE_CHUNK_SIZE));
          changeChunks += chunks[kind];
        }
      }
      entries.push({
        name: object,
        status: BackupObjectStatus.Succeeded,
        mode: BackupMode.Full,
        baseBackupId: null,
        changesSince: null,
        watermark: createdAt.toISOString(),
        method: BackupReadMethod.Bulk,
        deletedRecords: 0,
        estimatedRecords: count,
        records: count,
        bytes,
        parts,
        sha256: null,
        error: null,
        startedAt: createdAt,
        finishedAt,
        changes: k === 0 ? null : { previousBackupId: created[k - 1]!.id, previousRecords: count, ...changeCounts(count), chunks },
      });
    }
    await backups.update(tenantId, backup.id, { status: BackupStatus.Succeeded, objects: entries, startedAt: createdAt, finishedAt });
    options.onBackup?.(++done, options.backups);
    return { id: backup.id, createdAt, records: entries.reduce((sum, e) => sum + e.records, 0), bytes: entries.reduce((sum, e) => sum + e.bytes, 0), files: fileCount, changeChunks };
  };
  // A few backups at a time: gzip runs on the thread pool.
  return { orgId, backups: await runBounded(options.backups, options.concurrency ?? 4, seedOne) };
}

const changeCounts = (count: number): { created: number; updated: number; deleted: number } => ({
  created: Math.round(count * CHANGE_SHARES.CREATED),
  updated: Math.round(count * CHANGE_SHARES.UPDATED),
  deleted: Math.round(count * CHANGE_SHARES.DELETED),
});
