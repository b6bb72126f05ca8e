import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Binary, GridFSBucket, type Collection, type Db, type Document } from 'mongodb';
import { FileUnavailableError } from './errors/fileUnavailableError.ts';
import { readAhead, WriteBehind } from './writeBehind.ts';

/** GridFS's default chunk size (255 KiB). */
const CHUNK_SIZE = 255 * 1024;

/** A file document as GridFS stores it. */
interface FileDocument {
  _id: string;
  length: number;
  chunkSize: number;
  uploadDate: Date;
  filename: string;
  metadata: Document;
}

/**
 * Files in a GridFS bucket (`<bucket>.files`, `<bucket>.chunks`, the same documents the driver's
 * `GridFSBucket` writes and reads) whose chunks have deterministic ids, `<fileId>#<n>`. Every read
 * and write is then an `_id` lookup: FerretDB answers a `files_id` query with a scan of every
 * chunk (seconds once a bucket holds a few hundred), which made each part of a backup slower than
 * the one before. Files written by the plain driver (chunk ids are ObjectIds) are still read,
 * through the driver, and removed.
 */
export class IdAddressedGridFs {
  private readonly bucket: GridFSBucket;
  private readonly files: Collection<FileDocument>;
  private readonly chunks: Collection<Document>;

  constructor(db: Db, bucketName: string) {
    this.bucket = new GridFSBucket(db, { bucketName });
    this.files = db.collection<FileDocument>(`${bucketName}.files`);
    this.chunks = db.collection(`${bucketName}.chunks`);
  }

  /**
   * Writes (or overwrites) file `id` with what `source` gives through `transforms` (e.g. gzip), one
   * chunk in memory at a time; returns its length in bytes. An error of any stream rejects.
   */
  async write(id: string, filename: string, metadata: Document, source: Readable, ...transforms: NodeJS.ReadWriteStream[]): Promise<number> {
    const previous = await this.files.findOne({ _id: id });
    // A file of another tenant is never overwritten: a writer only replaces files of its own tenant.
    const owner = (previous?.metadata as { tenantId?: unknown } | undefined)?.tenantId;
    if (previous !== null && owner !== undefined && owner !== null && metadata.tenantId !== undefined && owner !== metadata.tenantId) throw new FileUnavailableError(`file ${id} belongs to another tenant`);
    let n = 0;
    let length = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    // A chunk is inserted while the next one fills: one insert in flight, so at most two chunks in memory.
    const writes = new WriteBehind(1);
    const flush = async (final: boolean): Promise<void> => {
      while (pendingBytes >= CHUNK_SIZE || (final && pendingBytes > 0)) {
        const all = Buffer.concat(pending);
        const data = all.subarray(0, Math.min(CHUNK_SIZE, all.length));
        const rest = all.subarray(data.length);
        const filter = { _id: chunkId(id, n) as never };
        const chunk = { files_id: id, n, data: new Binary(data) };
        await writes.add(() => this.chunks.replaceOne(filter, chunk, { upsert: true }));
        n += 1;
        length += data.length;
        pending = rest.length > 0 ? [Buffer.from(rest)] : [];
        pendingBytes = rest.length;
      }
      if (final) await writes.drain();
    };
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, callback) => {
        pending.push(chunk);
        pendingBytes += chunk.length;
        flush(false).then(() => callback(), callback);
      },
      final: (callback) => {
        flush(true).then(() => callback(), callback);
      },
    });
    await pipeline([source, ...transforms, sink]);
    // Chunks a longer earlier version (or a write that died) left past the new end.
    await this.removeChunksFrom(id, n, previous === null ? null : Math.ceil(previous.length / previous.chunkSize));
    await this.files.replaceOne({ _id: id }, { length, chunkSize: CHUNK_SIZE, uploadDate: new Date(), filename, metadata }, { upsert: true });
    return length;
  }

  /** Sets fields of a file's metadata. */
  async setMetadata(id: string, fields: Document): Promise<void> {
    const set = Object.fromEntries(Object.entries(fields).map(([k, v]) => [`metadata.${k}`, v]));
    await this.files.updateOne({ _id: id }, { $set: set });
  }

  /**
   * The content of file `id`, chunk by chunk. Throws when the file does not exist, or when `owns` (a
   * check of its metadata, e.g. its tenant) refuses it: such a file does not exist for the reader.
   */
  async *read(id: string, owns?: (metadata: Document) => boolean): AsyncGenerator<Buffer> {
    const file = await this.files.findOne({ _id: id });
    if (file === null || (owns !== undefined && !owns(file.metadata ?? {}))) throw new FileUnavailableError(`file ${id} not found`);
    const count = Math.ceil(file.length / file.chunkSize);
    const fetch = (n: number) => readAhead(() => this.chunks.findOne({ _id: chunkId(id, n) as never }));
    let next = count > 0 ? fetch(0) : null;
    for (let n = 0; n < count; n++) {
      const chunk = await next!;
      // The next chunk is asked for before this one is handed on: the database reads while the reader works.
      next = n + 1 < count ? fetch(n + 1) : null;
      if (chunk === null) {
        if (n > 0) throw new FileUnavailableError(`file ${id}: chunk ${n} missing`);
        // Written by the driver (ObjectId chunk ids): read it the driver's way.
        for await (const data of this.bucket.openDownloadStream(id as never)) yield data as Buffer;
        return;
      }
      yield Buffer.from((chunk.data as Binary).buffer);
    }
  }

  /** Removes file `id` and its chunks; returns 1 when the file was there, else 0. */
  async remove(id: string): Promise<number> {
    const file = await this.files.findOneAndDelete({ _id: id });
    const count = file === null ? null : Math.ceil(file.length / file.chunkSize);
    const removed = await this.removeChunksFrom(id, 0, count);
    // A driver-written file keeps ObjectId chunk ids: those need the (slow) files_id query.
    if (file !== null && count !== null && count > 0 && removed === 0) await this.chunks.deleteMany({ files_id: id });
    return file === null ? 0 : 1;
  }

  /** Ids of the files whose metadata matches `filter` (e.g. `{ 'metadata.backupId': … }`). */
  async ids(filter: Document): Promise<string[]> {
    return (await this.files.find(filter, { projection: { _id: 1 } }).toArray()).map((f) => f._id);
  }

  /** Deletes chunks `from`.. of `id` by id: up to `knownCount`, then on until one is missing. Returns how many. */
  private async removeChunksFrom(id: string, from: number, knownCount: number | null): Promise<number> {
    let removed = 0;
    for (let n = from; ; n++) {
      const { deletedCount } = await this.chunks.deleteOne({ _id: chunkId(id, n) as never });
      removed += deletedCount;
      if (deletedCount === 0 && (knownCount === null || n >= knownCount)) return removed;
    }
  }
}

function chunkId(fileId: string, n: number): string {
  return `${fileId}#${n}`;
}
