import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { Binary, type Collection, type Db } from 'mongodb';
import type { CollectionSpec } from '../db/collectionSpec.ts';
import { FileUnavailableError } from './errors/fileUnavailableError.ts';
import { WriteBehind } from './writeBehind.ts';

/** Bytes of one stored chunk (GridFS's default). */
const CHUNK_BYTES = 255 * 1024;
/** Chunks fetched by one read: bounds a download's memory to about 2 MB. */
const CHUNKS_PER_READ = 8;
/** Chunk inserts (each gzipped first, on libuv's thread pool) running while the writer fills the next chunk. */
const CHUNKS_IN_FLIGHT = 3;
/**
 * zlib level of stored chunks. CSV shrinks about 5x at level 1, and the embedded database writes and
 * reads about 30 MiB/s of chunk data: what it is spared is most of an export's time.
 */
const CHUNK_GZIP_LEVEL = 1;

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** An upload of an export's file: write the CSV into `stream`, then read `bytes` and `sha256`. */
export interface ExportUpload {
  stream: Writable;
  /** Bytes stored (uncompressed: the file's length), once the stream finished. */
  bytes(): number;
  /** sha256 (hex) of the file's bytes, once the stream finished. */
  sha256(): string;
}

interface FileDocument {
  _id: string;
  /** The export's tenant (absent on files written before tenants were recorded). */
  tenantId?: string;
  length: number;
  chunkSize: number;
  filename: string;
  uploadDate: Date;
  contentType: string;
  /** `gzip`: each chunk holds its {@link CHUNK_BYTES} bytes gzipped; absent (files written before): as they are. */
  chunkEncoding?: 'gzip';
}

interface ChunkDocument {
  /** `<exportId>:<n>`: chunks are found by `_id` alone, the only index FerretDB's SQLite backend uses. */
  _id: string;
  data: Binary;
}

/**
 * Export files (CSV) as GridFS-like chunks of 255 KB whose `_id` is `<exportId>:<n>`: written and read
 * as streams, and a byte range reads only the chunks it covers, each by `_id` (GridFS looks chunks up
 * by `files_id` and `n`, which FerretDB's SQLite backend answers by scanning every chunk of the bucket).
 * Each chunk holds 255 KB of the file gzipped on its own, so a byte range still maps to whole chunks;
 * files written before chunks were compressed are read as they are. The file document (`_id` = export
 * id, `tenantId`, `length`) is written last: a file without one is incomplete. Every call takes the
 * export's tenant: another tenant's file is not found (nor removed).
 */
export class ExportFileStore {
  /** The `exportFiles` bucket (`exportFiles.files`, `exportFiles.chunks`): read by `_id` only. */
  static readonly collection: CollectionSpec = { name: 'exportFiles', holds: "an export's CSV file, chunks `_id` `<exportId>:<n>`", bucket: true, indexes: [] };

  private readonly files: Collection<FileDocument>;
  private readonly chunks: Collection<ChunkDocument>;

  constructor(db: Db) {
    this.files = db.collection<FileDocument>(`${ExportFileStore.collection.name}.files`);
    this.chunks = db.collection<ChunkDocument>(`${ExportFileStore.collection.name}.chunks`);
  }

  /** Starts (or restarts: a previous partial file is removed) the upload of an export's file. */
  async open(tenantId: string, exportId: string, filename: string): Promise<ExportUpload> {
    await this.remove(tenantId, exportId);
    let length = 0;
    let n = 0;
    // One chunk-sized buffer filled in place: no garbage per write, whatever the writer's pieces.
    let chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    let filled = 0;
    const hash = createHash('sha256');
    let sha256 = '';
    // Chunks are compressed and inserted while the next ones fill: memory stays at a few chunks.
    const writes = new WriteBehind(CHUNKS_IN_FLIGHT);
    const flush = async () => {
      const id = `${exportId}:${n}`;
      const raw = chunk.subarray(0, filled);
      await writes.add(async () => this.chunks.insertOne({ _id: id, data: new Binary(await gzipAsync(raw, { level: CHUNK_GZIP_LEVEL })) }));
      n++;
      chunk = Buffer.allocUnsafe(CHUNK_BYTES);
      filled = 0;
    };
    const stream = new Writable({
      write: (piece: Buffer, _encoding, callback) => {
        length += piece.length;
        hash.update(piece);
        void (async () => {
          let offset = 0;
          while (offset < piece.length) {
            const copied = piece.copy(chunk, filled, offset);
            filled += copied;
            offset += copied;
            if (filled === CHUNK_BYTES) await flush();
          }
        })().then(() => callback(), callback);
      },
      final: (callback) => {
        void (async () => {
          if (filled > 0) await flush();
          await writes.drain();
          await this.files.insertOne({ _id: exportId, tenantId, length, chunkSize: CHUNK_BYTES, filename, uploadDate: new Date(), contentType: 'text/csv; charset=utf-8', chunkEncoding: 'gzip' });
          sha256 = hash.digest('hex');
        })().then(() => callback(), callback);
      },
    });
    return { stream, bytes: () => length, sha256: () => sha256 };
  }

  /** Size in bytes of the tenant's complete stored file, or `null` when there is none. */
  async size(tenantId: string, exportId: string): Promise<number | null> {
    const file = await this.file(tenantId, exportId);
    return file === null ? null : file.length;
  }

  /** Bytes `start` to `end` (inclusive) of the tenant's file, streamed a few chunks at a time. */
  read(tenantId: string, exportId: string, start: number, end: number): Readable {
    const chunks = this.chunks;
    const file = () => this.file(tenantId, exportId);
    async function* slices(): AsyncGenerator<Buffer> {
      const found = await file();
      if (found === null) throw new FileUnavailableError(`export file ${exportId} not found`);
      const decode = found.chunkEncoding === 'gzip' ? (data: Buffer) => gunzipAsync(data) : async (data: Buffer) => data;
      const first = Math.floor(start / CHUNK_BYTES);
      const last = Math.floor(end / CHUNK_BYTES);
      for (let n = first; n <= last; n += CHUNKS_PER_READ) {
        const ids = Array.from({ length: Math.min(CHUNKS_PER_READ, last - n + 1) }, (_, i) => `${exportId}:${n + i}`);
        const docs = new Map((await chunks.find({ _id: { $in: ids } }).toArray()).map((d) => [d._id, d.data.buffer]));
        for (let i = 0; i < ids.length; i++) {
          const stored = docs.get(ids[i]!);
          if (stored === undefined) throw new FileUnavailableError(`export file ${exportId}: chunk ${n + i} is missing`);
          const data = await decode(Buffer.from(stored.buffer, stored.byteOffset, stored.length));
          const offset = (n + i) * CHUNK_BYTES;
          const from = Math.max(0, start - offset);
          const to = Math.min(data.length, end - offset + 1);
          yield Buffer.from(data.buffer, data.byteOffset + from, to - from);
        }
      }
    }
    return Readable.from(slices());
  }

  /** Removes the tenant's file (complete or not); a file of another tenant is left alone. */
  async remove(tenantId: string, exportId: string): Promise<void> {
    const other = await this.files.findOne({ _id: exportId, tenantId: { $nin: [tenantId, null] } } as never);
    if (other !== null) return;
    await this.files.deleteOne({ _id: exportId });
    // Chunk ids are not all known for an incomplete file: take them in steps until none is left.
    for (let n = 0; ; n += 1000) {
      const ids = Array.from({ length: 1000 }, (_, i) => `${exportId}:${n + i}`);
      const { deletedCount } = await this.chunks.deleteMany({ _id: { $in: ids } });
      if (deletedCount === 0) return;
    }
  }

  /** The tenant's file document (or one written before files recorded their tenant). */
  private file(tenantId: string, exportId: string): Promise<FileDocument | null> {
    return this.files.findOne({ _id: exportId, tenantId: { $in: [tenantId, null] } } as never);
  }
}
