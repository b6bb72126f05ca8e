import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type { Db } from 'mongodb';
import type { CollectionSpec } from '../db/collectionSpec.ts';
import { IdAddressedGridFs } from './idAddressedGridFs.ts';

/** What one stored part holds. */
export interface StoredPart {
  records: number;
  /** Compressed bytes. */
  bytes: number;
  /** sha256 (hex) of the part's uncompressed NDJSON. */
  sha256: string;
}

/** Metadata kept with every backup file. */
interface BackupFileMetadata {
  /** The backup's tenant (absent on files written before tenants were recorded). */
  tenantId: string;
  backupId: string;
  object: string;
  kind: 'records' | 'schema';
  part?: number;
  records?: number;
  sha256?: string;
}

/**
 * Backup files in a GridFS bucket. An object's records are a sequence of parts, each a gzip NDJSON
 * file with the deterministic id `<backupId>/<object>/<part>`: a resumed job rewrites a part a dead
 * attempt may have left half written, so every record is stored exactly once. Parts concatenated
 * form one valid multi-member gzip stream. Memory stays at one part whatever the object's size.
 *
 * Every call takes the backup's tenant: files carry it in their metadata, and a file of another
 * tenant is not found (files written before tenants were recorded carry none and are read by any
 * caller that found their backup in its own tenant first).
 */
export class BackupFileStore {
  /** The `backupFiles` GridFS bucket (`backupFiles.files`, `backupFiles.chunks`): read by `_id` only. */
  static readonly collection: CollectionSpec = { name: 'backupFiles', holds: 'a part (gzip NDJSON) or describe of an object of a backup, `_id` `<backupId>/<object>/<part>`', bucket: true, indexes: [] };

  private readonly fs: IdAddressedGridFs;

  constructor(db: Db) {
    this.fs = new IdAddressedGridFs(db, BackupFileStore.collection.name);
  }

  /** Id of part `part` of `object` in `backupId`. */
  static partId(backupId: string, object: string, part: number): string {
    return `${backupId}/${object}/${part}`;
  }

  /** Id of the describe of `object` in `backupId`. */
  static schemaId(backupId: string, object: string): string {
    return `${backupId}/${object}/schema`;
  }

  /**
   * Writes (or rewrites) one part: `records` as gzip NDJSON, one JSON object a line. `records` may
   * be an array or a (async) stream of records: they are serialized, hashed and compressed one at a
   * time, so a stream is never held whole. `onRecord` sees each record as it is written.
   */
  async writePart(
    tenantId: string,
    backupId: string,
    object: string,
    part: number,
    records: Iterable<unknown> | AsyncIterable<unknown>,
    onRecord?: (record: unknown) => void,
  ): Promise<StoredPart> {
    const id = BackupFileStore.partId(backupId, object, part);
    const hash = createHash('sha256');
    let count = 0;
    // Lines go to gzip in ~64 KB chunks: one stream write per record would cost more than the record.
    const lines = async function* () {
      let chunk = '';
      for await (const record of records) {
        onRecord?.(record);
        const line = `${JSON.stringify(record)}\n`;
        hash.update(line);
        count += 1;
        chunk += line;
        if (chunk.length >= 65_536) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk !== '') yield chunk;
    };
    const metadata: BackupFileMetadata = { tenantId, backupId, object, kind: 'records', part };
    const upload = await this.upload(id, `${object}.${part}.ndjson.gz`, metadata, Readable.from(lines()));
    const sha256 = hash.digest('hex');
    await this.fs.setMetadata(id, { sha256, records: count });
    return { records: count, bytes: upload, sha256 };
  }

  /** Writes (or rewrites) an object's describe as gzip JSON. */
  async writeSchema(tenantId: string, backupId: string, object: string, describe: unknown): Promise<void> {
    const id = BackupFileStore.schemaId(backupId, object);
    await this.upload(id, `${object}.describe.json.gz`, { tenantId, backupId, object, kind: 'schema' }, Readable.from([JSON.stringify(describe)]));
  }

  /** Removes parts `fromPart` and later of an object (left by a run that stopped before its checkpoint). */
  async removePartsFrom(tenantId: string, backupId: string, object: string, fromPart: number): Promise<void> {
    const stale = await this.fs.ids({ 'metadata.tenantId': { $in: [tenantId, null] }, 'metadata.backupId': backupId, 'metadata.object': object, 'metadata.kind': 'records', 'metadata.part': { $gte: fromPart } });
    for (const id of stale) await this.fs.remove(id);
  }

  /**
   * Removes every file of backup `backupId` (pruning): the parts and describe of each object it recorded, by id,
   * then, when `sweep` says some object did not finish (its part count is not known), whatever else carries the
   * backup's id in its metadata. Returns how many files were removed.
   */
  async removeBackup(tenantId: string, backupId: string, objects: readonly { name: string; parts: number }[], sweep: boolean): Promise<number> {
    let removed = 0;
    for (const object of objects) {
      for (let part = 0; part < object.parts; part++) removed += await this.fs.remove(BackupFileStore.partId(backupId, object.name, part));
      removed += await this.fs.remove(BackupFileStore.schemaId(backupId, object.name));
    }
    if (sweep) {
      for (const id of await this.fs.ids({ 'metadata.tenantId': { $in: [tenantId, null] }, 'metadata.backupId': backupId })) removed += await this.fs.remove(id);
    }
    return removed;
  }

  /** The records of parts 0..parts-1 of an object, in order, streamed. */
  async *readRecords(tenantId: string, backupId: string, object: string, parts: number): AsyncGenerator<Record<string, unknown>> {
    for await (const batch of this.readRecordBatches(tenantId, backupId, object, parts)) yield* batch;
  }

  /**
   * The records of parts 0..parts-1 of an object, in order, a batch at a time: the whole lines of one
   * decompressed piece of a part (up to {@link INFLATED_PIECE} bytes of NDJSON). Streamed, so memory
   * stays at one piece; a reader pays one await per batch rather than per record.
   */
  async *readRecordBatches(tenantId: string, backupId: string, object: string, parts: number): AsyncGenerator<Record<string, unknown>[]> {
    for (let part = 0; part < parts; part++) {
      const gunzip = createGunzip({ chunkSize: INFLATED_PIECE });
      // pipeline forwards a read failure (a missing chunk) to gunzip, so the loop below throws it.
      pipeline(Readable.from(this.fs.read(BackupFileStore.partId(backupId, object, part), ownedBy(tenantId))), gunzip).catch(() => undefined);
      // A line cut by the end of a piece, as bytes: a newline byte never occurs inside a UTF-8 character.
      let carried: Buffer[] = [];
      for await (const piece of gunzip as AsyncIterable<Buffer>) {
        const end = piece.lastIndexOf(NEWLINE);
        if (end === -1) {
          carried.push(piece);
          continue;
        }
        const whole = carried.length === 0 ? piece.subarray(0, end) : Buffer.concat([...carried, piece.subarray(0, end)]);
        carried = end + 1 < piece.length ? [piece.subarray(end + 1)] : [];
        yield parseLines(whole.toString('utf8'));
      }
      if (carried.length > 0) yield parseLines(Buffer.concat(carried).toString('utf8'));
    }
  }

  /** The stored describe of an object. */
  async readSchema(tenantId: string, backupId: string, object: string): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of Readable.from(this.fs.read(BackupFileStore.schemaId(backupId, object), ownedBy(tenantId))).pipe(createGunzip())) chunks.push(chunk as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  }

  /** sha256 (hex) of an object's uncompressed NDJSON (parts 0..parts-1), streamed from storage. */
  async objectSha256(tenantId: string, backupId: string, object: string, parts: number): Promise<string> {
    const hash = createHash('sha256');
    for (let part = 0; part < parts; part++) {
      await pipeline(Readable.from(this.fs.read(BackupFileStore.partId(backupId, object, part), ownedBy(tenantId))), createGunzip(), async (source: AsyncIterable<Buffer>) => {
        for await (const chunk of source) hash.update(chunk);
      });
    }
    return hash.digest('hex');
  }

  private async upload(id: string, filename: string, metadata: BackupFileMetadata, content: Readable): Promise<number> {
    return this.fs.write(id, filename, { ...metadata }, content, createGzip());
  }
}

/** Bytes of NDJSON inflated at a time when records are read (`zlib`'s default is 16 KiB). */
const INFLATED_PIECE = 64 * 1024;
const NEWLINE = 0x0a;

/** The records of NDJSON text (empty lines skipped). */
function parseLines(text: string): Record<string, unknown>[] {
  const records: Record<string, unknown>[] = [];
  for (const line of text.split('\n')) if (line !== '') records.push(JSON.parse(line) as Record<string, unknown>);
  return records;
}

/** A file of `tenantId`'s, or one written before files recorded their tenant. */
function ownedBy(tenantId: string): (metadata: { tenantId?: unknown }) => boolean {
  return (metadata) => metadata.tenantId === undefined || metadata.tenantId === null || metadata.tenantId === tenantId;
}
