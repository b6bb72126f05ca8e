import { readBackupSnapshot, type BackupSnapshotDependencies } from '../../../storage/index.ts';

/**
 * The backed-up records a restore reads, in `tenantId`: an object's records as of the backup (its
 * incremental chain merged), streamed, and cut into batches with the `recordIds` filter applied.
 */
export class RestoreRecordSource {
  /** Ids asked for (both 18- and 15-character forms); `null`: every record. */
  private readonly wanted: ReadonlySet<string> | null;

  constructor(
    private readonly deps: BackupSnapshotDependencies,
    private readonly tenantId: string,
    private readonly backupId: string,
    recordIds: readonly string[] | undefined,
  ) {
    this.wanted = recordIds === undefined ? null : new Set(recordIds.flatMap((id) => [id, id.slice(0, 15)]));
  }

  /** Every backed-up record of `object`, the `recordIds` filter not applied. */
  records(object: string): AsyncIterable<Record<string, unknown>> {
    return readBackupSnapshot(this.deps, this.tenantId, this.backupId, object);
  }

  /**
   * Batches of at most `size` wanted records of `object` from stream position `offset` on, each with the
   * stream position after it (what a checkpoint saves). A last batch, maybe empty, carries the end position.
   */
  async *batches(object: string, offset: number, size: number): AsyncGenerator<{ records: Record<string, unknown>[]; offset: number }> {
    const wanted = this.wanted;
    let position = 0;
    let batch: Record<string, unknown>[] = [];
    for await (const record of this.records(object)) {
      position++;
      if (position <= offset) continue;
      if (wanted === null || wanted.has(String(record.Id)) || wanted.has(String(record.Id).slice(0, 15))) batch.push(record);
      if (batch.length >= size) {
        yield { records: batch, offset: position };
        batch = [];
      }
    }
    if (batch.length > 0 || position > offset) yield { records: batch, offset: position };
  }
}
