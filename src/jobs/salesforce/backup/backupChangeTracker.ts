import type { JobLogger } from '../../../engine/jobContext.ts';
import {
  BackupMode,
  CHANGE_CHUNK_SIZE,
  CHANGE_KINDS,
  ChangeKind,
  readBackupSnapshot,
  SnapshotUnavailableError,
  type BackupChangeStore,
  type BackupFileStore,
  type BackupObjectChanges,
  type BackupStore,
} from '../../../storage/index.ts';

/** What a {@link BackupChangeTracker} reads and writes. */
export interface BackupChangeTrackerDependencies {
  backups: Pick<BackupStore, 'get'>;
  files: Pick<BackupFileStore, 'readRecordBatches'>;
  changes: Pick<BackupChangeStore, 'write'>;
}

/** Where a tracker works: the object of a backup, compared with the object's previous backup. */
export interface BackupChangeTrackerTarget {
  tenantId: string;
  backupId: string;
  object: string;
  /** `FULL`: every live record is read, so an Id only the previous backup holds was deleted. `INCREMENTAL`: only changed records are read; deletions come with `IsDeleted: true`. */
  mode: BackupMode;
  /** Counts and chunk numbers so far (a fresh count, or a resumed run's checkpoint). */
  state: BackupObjectChanges;
  /** Records with Ids up to this one were counted before (a resumed run); `null`: from the start. */
  resumeAfterId: string | null;
  logger: JobLogger;
}

/** A fresh count against `previousBackupId`. */
export function emptyChanges(previousBackupId: string): BackupObjectChanges {
  return { previousBackupId, previousRecords: 0, created: 0, updated: 0, deleted: 0, chunks: { CREATED: 0, UPDATED: 0, DELETED: 0 } };
}

/**
 * Counts what changed in one object of a backup while the backup stores it: the records it reads are
 * merged, in Id order, with the snapshot of the object's previous backup (streamed, one record held), so a
 * record is `CREATED` (not in the previous snapshot), `UPDATED` (its stored content differs) or `DELETED`
 * (a `FULL` read no longer has it; an `INCREMENTAL` read has it with `IsDeleted: true`). A record created
 * and deleted between the two backups is neither. Ids go to `backupChanges` a chunk at a time, so memory
 * stays constant whatever the number of records or changes. {@link flush} after each stored page makes the
 * counts a checkpoint can hold; a run resumed from it rewrites the chunks after it.
 *
 * When the previous snapshot cannot be read (pruned meanwhile, corrupt), counting stops for the object
 * (`state` becomes `null`) and the backup goes on.
 */
export class BackupChangeTracker {
  private readonly buffers: Record<ChangeKind, string[]> = { CREATED: [], UPDATED: [], DELETED: [] };
  private state: BackupObjectChanges | null;
  private previous: AsyncIterator<Record<string, unknown>> | null = null;
  private head: Record<string, unknown> | null = null;

  private constructor(
    private readonly deps: BackupChangeTrackerDependencies,
    private readonly target: BackupChangeTrackerTarget,
  ) {
    this.state = { ...target.state, chunks: { ...target.state.chunks } };
  }

  /** Opens the previous snapshot and moves past what a resumed run counted already. */
  static async open(deps: BackupChangeTrackerDependencies, target: BackupChangeTrackerTarget): Promise<BackupChangeTracker> {
    const tracker = new BackupChangeTracker(deps, target);
    await tracker.start();
    return tracker;
  }

  /** The counts so far; `null` once counting stopped. */
  get changes(): BackupObjectChanges | null {
    return this.state;
  }

  /** Passes `records` through unchanged, counting each as it goes by. */
  async *observe(records: Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>): AsyncGenerator<Record<string, unknown>> {
    for await (const record of records) {
      await this.see(record);
      yield record;
    }
  }

  /** Stores the Ids seen since the last flush (each kind's rest as one chunk); returns the counts for the checkpoint. */
  async flush(): Promise<BackupObjectChanges | null> {
    for (const kind of CHANGE_KINDS) await this.writeChunk(kind);
    return this.state;
  }

  /**
   * The object's read is over: in a `FULL` backup every Id left in the previous snapshot was deleted; in an
   * `INCREMENTAL` one they are unchanged (read on only to count the previous records). Returns the final counts.
   */
  async finish(): Promise<BackupObjectChanges | null> {
    const full = this.target.mode !== BackupMode.Incremental;
    while (this.state !== null && this.head !== null) {
      if (full) await this.record(ChangeKind.Deleted, String(this.head.Id));
      await this.pass();
    }
    const final = await this.flush();
    await this.close();
    return final;
  }

  /** Lets the previous snapshot go (the run stopped). */
  async close(): Promise<void> {
    const previous = this.previous;
    this.previous = null;
    this.head = null;
    await previous?.return?.().catch(() => undefined);
  }

  private async start(): Promise<void> {
    if (this.state === null) return;
    this.previous = readBackupSnapshot(this.deps, this.target.tenantId, this.state.previousBackupId, this.target.object)[Symbol.asyncIterator]();
    await this.advance();
    const after = this.target.resumeAfterId;
    if (after !== null) while (this.head !== null && String(this.head.Id) <= after) await this.advance();
  }

  private async see(record: Record<string, unknown>): Promise<void> {
    if (this.state === null) return;
    const id = String(record.Id);
    const full = this.target.mode !== BackupMode.Incremental;
    while (this.head !== null && String(this.head.Id) < id) {
      if (full) await this.record(ChangeKind.Deleted, String(this.head.Id));
      await this.pass();
    }
    const before = this.head !== null && String(this.head.Id) === id ? this.head : null;
    if (record.IsDeleted !== true) {
      if (before === null) await this.record(ChangeKind.Created, id);
      else if (!sameStoredContent(before, record)) await this.record(ChangeKind.Updated, id);
    } else if (before !== null) {
      await this.record(ChangeKind.Deleted, id);
    }
    if (before !== null) await this.pass();
  }

  /** Moves past the previous snapshot's current record, counting it. */
  private async pass(): Promise<void> {
    if (this.state !== null) this.state.previousRecords += 1;
    await this.advance();
  }

  private async record(kind: ChangeKind, id: string): Promise<void> {
    if (this.state === null) return;
    const counts = this.state;
    if (kind === ChangeKind.Created) counts.created += 1;
    else if (kind === ChangeKind.Updated) counts.updated += 1;
    else counts.deleted += 1;
    this.buffers[kind].push(id);
    if (this.buffers[kind].length >= CHANGE_CHUNK_SIZE) await this.writeChunk(kind);
  }

  private async writeChunk(kind: ChangeKind): Promise<void> {
    const ids = this.buffers[kind];
    if (this.state === null || ids.length === 0) return;
    const { tenantId, backupId, object } = this.target;
    await this.deps.changes.write(tenantId, backupId, object, kind, this.state.chunks[kind], ids);
    this.state.chunks[kind] += 1;
    this.buffers[kind] = [];
  }

  private async advance(): Promise<void> {
    if (this.previous === null) return;
    try {
      const next = await this.previous.next();
      this.head = next.done === true ? null : next.value;
    } catch (error) {
      if (!(error instanceof SnapshotUnavailableError)) throw error;
      this.target.logger.warn(`${this.target.object}: changes not counted, the previous backup cannot be read: ${error.message}`, { object: this.target.object });
      this.state = null;
      this.buffers.CREATED = [];
      this.buffers.UPDATED = [];
      this.buffers.DELETED = [];
      await this.close();
    }
  }
}

/**
 * Whether two records store the same content: the same JSON text (`JSON.stringify`), fields in the same order.
 * Field by field first, without writing any text: equal primitives under equal names in the same order are equal
 * text, and two different plain values (text, booleans, finite numbers, null) under the same name are different
 * text. Anything else (a nested value, names in another order, values JSON writes alike or leaves out) is decided
 * by the text itself.
 */
export function sameStoredContent(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const names = Object.keys(a);
  const others = Object.keys(b);
  if (names.length === others.length) {
    let i = 0;
    for (; i < names.length; i++) {
      const name = names[i]!;
      if (name !== others[i]) break;
      const value = a[name];
      const other = b[name];
      if (value === other && (value === null || typeof value !== 'object')) continue;
      if (isPlainValue(value) && isPlainValue(other)) return false;
      break;
    }
    if (i === names.length) return true;
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A value whose JSON text differs from that of any other such value: text, a boolean, a finite number or null. */
function isPlainValue(value: unknown): boolean {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}
