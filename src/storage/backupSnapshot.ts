import { BackupMode, BackupObjectStatus, type BackupObjectEntry, type BackupView } from './backupDocument.ts';
import type { BackupFileStore } from './backupFileStore.ts';
import type { BackupStore } from './backupStore.ts';
import { BackupNotFoundError, SnapshotUnavailableError } from './errors/index.ts';

/** What {@link readBackupSnapshot} reads from. */
export interface BackupSnapshotDependencies {
  backups: Pick<BackupStore, 'get'>;
  files: Pick<BackupFileStore, 'readRecords'>;
}

/** One link of a snapshot's chain: a backup and its entry for the object. */
export interface SnapshotLink {
  backupId: string;
  entry: BackupObjectEntry;
}

/** Longest chain of incremental backups followed before giving up (a loop in corrupt data). */
const MAX_CHAIN = 10_000;

/**
 * The backups a snapshot of `objectName` at `backupId` is made of, oldest (the `FULL` one) first,
 * every one of them `tenantId`'s. Throws {@link BackupNotFoundError} (also for another tenant's
 * backup) or {@link SnapshotUnavailableError}.
 */
export async function snapshotChain(deps: Pick<BackupSnapshotDependencies, 'backups'>, tenantId: string, backupId: string, objectName: string): Promise<SnapshotLink[]> {
  const chain: SnapshotLink[] = [];
  let id: string | null = backupId;
  while (id !== null) {
    if (chain.length >= MAX_CHAIN) throw new SnapshotUnavailableError(`backup ${backupId}: the chain of ${objectName} is longer than ${MAX_CHAIN}`);
    const backup: BackupView | null = await deps.backups.get(tenantId, id);
    if (backup === null) {
      if (chain.length === 0) throw new BackupNotFoundError(`backup ${backupId} not found`);
      throw new SnapshotUnavailableError(`backup ${id}, which backup ${backupId} builds on, no longer exists`);
    }
    const entry = backup.objects.find((o) => o.name === objectName);
    if (entry === undefined || entry.status !== BackupObjectStatus.Succeeded) {
      throw new SnapshotUnavailableError(`backup ${id} holds no complete copy of ${objectName}`);
    }
    chain.push({ backupId: id, entry });
    id = (entry.mode ?? BackupMode.Full) === BackupMode.Incremental ? (entry.baseBackupId ?? null) : null;
    if (id === null && (entry.mode ?? BackupMode.Full) === BackupMode.Incremental) {
      throw new SnapshotUnavailableError(`backup ${chain.at(-1)!.backupId}: incremental ${objectName} names no base backup`);
    }
  }
  return chain.reverse();
}

type Cursor = { iterator: AsyncIterator<Record<string, unknown>>; head: Record<string, unknown> | null; rank: number; backupId: string };

/**
 * The records of `objectName` as they were when backup `backupId` ran: its chain (the last `FULL`
 * backup of the object and every `INCREMENTAL` one after it, up to `backupId`) merged by Id, the
 * latest version of each record winning and deleted records (`IsDeleted: true`) left out. Every
 * backup stores an object in Id order, so the merge streams: it holds one record per backup of
 * the chain, whatever the object's size. Yields in Id order.
 *
 * Throws {@link BackupNotFoundError} when `backupId` is not one of `tenantId`'s backups,
 * {@link SnapshotUnavailableError} when the object (in it or in a backup of its chain) did not succeed.
 */
export async function* readBackupSnapshot(deps: BackupSnapshotDependencies, tenantId: string, backupId: string, objectName: string): AsyncIterable<Record<string, unknown>> {
  const chain = await snapshotChain(deps, tenantId, backupId, objectName);
  const cursors: Cursor[] = chain.map((link, rank) => ({
    iterator: deps.files.readRecords(tenantId, link.backupId, objectName, link.entry.parts)[Symbol.asyncIterator](),
    head: null,
    rank,
    backupId: link.backupId,
  }));
  const advance = async (cursor: Cursor): Promise<void> => {
    const previous = cursor.head === null ? null : String(cursor.head.Id);
    const next = await cursor.iterator.next();
    cursor.head = next.done === true ? null : next.value;
    // The merge is only right over Id-ordered parts: refuse rather than yield a wrong snapshot.
    if (cursor.head !== null && previous !== null && String(cursor.head.Id) <= previous) {
      throw new SnapshotUnavailableError(`backup ${cursor.backupId}: ${objectName} is not stored in Id order (${String(cursor.head.Id)} after ${previous})`);
    }
  };
  try {
    await Promise.all(cursors.map(advance));
    for (;;) {
      let smallest: string | null = null;
      for (const c of cursors) {
        if (c.head === null) continue;
        const id = String(c.head.Id);
        if (smallest === null || id < smallest) smallest = id;
      }
      if (smallest === null) return;
      // The latest backup holding this Id wins; every cursor at this Id moves on.
      let winner: Record<string, unknown> | null = null;
      for (const c of cursors) {
        if (c.head !== null && String(c.head.Id) === smallest) {
          winner = c.head;
          await advance(c);
        }
      }
      if (winner !== null && winner.IsDeleted !== true) yield winner;
    }
  } finally {
    await Promise.all(cursors.map(async (c) => c.iterator.return?.()));
  }
}
