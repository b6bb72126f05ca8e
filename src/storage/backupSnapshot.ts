import { BackupMode, BackupObjectStatus, type BackupObjectEntry, type BackupView } from './backupDocument.ts';
import type { BackupFileStore } from './backupFileStore.ts';
import type { BackupStore } from './backupStore.ts';
import { BackupNotFoundError, SnapshotUnavailableError } from './errors/index.ts';

/** What {@link readBackupSnapshot} reads from. */
export interface BackupSnapshotDependencies {
  backups: Pick<BackupStore, 'get'>;
  files: Pick<BackupFileStore, 'readRecordBatches'>;
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

/** Records a snapshot batch holds at most. */
const SNAPSHOT_BATCH = 250;

/** A backup's records of the object, read a batch at a time; `head` is the record at `index`. */
class ChainCursor {
  private batch: Record<string, unknown>[] = [];
  private index = 0;
  head: Record<string, unknown> | null = null;
  headId = '';

  constructor(
    private readonly batches: AsyncIterator<Record<string, unknown>[]>,
    readonly backupId: string,
    private readonly objectName: string,
  ) {}

  /** Moves to the next record; returns a promise only when the next batch must be read. */
  advance(): Promise<void> | undefined {
    this.index += 1;
    if (this.index < this.batch.length) {
      this.take();
      return undefined;
    }
    return this.refill();
  }

  private async refill(): Promise<void> {
    while (this.index >= this.batch.length) {
      const next = await this.batches.next();
      if (next.done === true) {
        this.head = null;
        return;
      }
      this.batch = next.value;
      this.index = 0;
    }
    this.take();
  }

  private take(): void {
    const previous = this.head === null ? null : this.headId;
    this.head = this.batch[this.index]!;
    this.headId = String(this.head.Id);
    // The merge is only right over Id-ordered parts: refuse rather than yield a wrong snapshot.
    if (previous !== null && this.headId <= previous) {
      throw new SnapshotUnavailableError(`backup ${this.backupId}: ${this.objectName} is not stored in Id order (${this.headId} after ${previous})`);
    }
  }

  async close(): Promise<void> {
    await this.batches.return?.();
  }
}

/**
 * The records of `objectName` as they were when backup `backupId` ran: its chain (the last `FULL`
 * backup of the object and every `INCREMENTAL` one after it, up to `backupId`) merged by Id, the
 * latest version of each record winning and deleted records (`IsDeleted: true`) left out. Every
 * backup stores an object in Id order, so the merge streams: it holds one batch per backup of
 * the chain, whatever the object's size. Yields in Id order.
 *
 * Throws {@link BackupNotFoundError} when `backupId` is not one of `tenantId`'s backups,
 * {@link SnapshotUnavailableError} when the object (in it or in a backup of its chain) did not succeed.
 */
export async function* readBackupSnapshot(deps: BackupSnapshotDependencies, tenantId: string, backupId: string, objectName: string): AsyncIterable<Record<string, unknown>> {
  for await (const batch of readBackupSnapshotBatches(deps, tenantId, backupId, objectName)) yield* batch;
}

/**
 * {@link readBackupSnapshot} a batch at a time (up to {@link SNAPSHOT_BATCH} records, in Id order):
 * a reader pays one await per batch rather than per record.
 */
export async function* readBackupSnapshotBatches(deps: BackupSnapshotDependencies, tenantId: string, backupId: string, objectName: string): AsyncIterable<Record<string, unknown>[]> {
  const chain = await snapshotChain(deps, tenantId, backupId, objectName);
  const cursors = chain.map((link) => new ChainCursor(deps.files.readRecordBatches(tenantId, link.backupId, objectName, link.entry.parts)[Symbol.asyncIterator](), link.backupId, objectName));
  try {
    await Promise.all(cursors.map(async (c) => c.advance()));
    let out: Record<string, unknown>[] = [];
    for (;;) {
      let smallest: string | null = null;
      for (const c of cursors) if (c.head !== null && (smallest === null || c.headId < smallest)) smallest = c.headId;
      if (smallest === null) break;
      // The latest backup holding this Id wins; every cursor at this Id moves on.
      let winner: Record<string, unknown> | null = null;
      for (const c of cursors) {
        if (c.head !== null && c.headId === smallest) {
          winner = c.head;
          const reading = c.advance();
          if (reading !== undefined) await reading;
        }
      }
      if (winner !== null && winner.IsDeleted !== true) out.push(winner);
      if (out.length >= SNAPSHOT_BATCH) {
        yield out;
        out = [];
      }
    }
    if (out.length > 0) yield out;
  } finally {
    await Promise.all(cursors.map(async (c) => c.close()));
  }
}
