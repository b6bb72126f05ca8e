import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GridFSBucket, type Collection, type Db, type Filter } from 'mongodb';
import type { DiagnosticsConfig } from '../config/diagnosticsConfig.ts';
import type { CollectionSpec } from '../db/collectionSpec.ts';
import type { DiagnosticDocument, DiagnosticKind } from './diagnosticDocument.ts';
import { redactReport, secretScrubStream } from './diagnosticRedaction.ts';
import { DiagnosticsFailedError, HeapSnapshotsDisabledError } from './errors/index.ts';
import type { DeleteBatches } from '../db/deleteBatches.ts';

/** Options of {@link DiagnosticStore}. */
export interface DiagnosticStoreOptions {
  /** Whether heap snapshots are accepted, and how long each kind is kept (`config.diagnostics`). */
  settings: Pick<DiagnosticsConfig, 'heapSnapshots' | 'ttlMs' | 'heapSnapshotTtlMs'>;
  /**
   * The secrets of this deployment (API keys, encryption keys, database password...), read at every write:
   * any occurrence in a stored file is replaced by `[redacted]`. Required, so that no writer forgets it.
   */
  secrets: () => readonly string[];
}

/** What a new diagnostic file is about. */
export interface NewDiagnostic {
  /** Chosen by whoever asked for it (an operator request waits for this id); default a new UUID. */
  id?: string;
  kind: DiagnosticKind;
  workerId: string;
  jobId?: string | null;
  tenantId?: string | null;
  reason: string;
  eventLoopDelayMs?: number | null;
}

/** Content type a diagnostic file is served with. */
export function diagnosticContentType(kind: DiagnosticKind): string {
  return kind === 'REPORT' ? 'application/json' : 'application/octet-stream';
}

/** File name a diagnostic file is downloaded as. */
export function diagnosticFileName(doc: Pick<DiagnosticDocument, '_id' | 'kind'>): string {
  return `${doc._id}.${doc.kind === 'REPORT' ? 'report.json' : 'heapsnapshot'}`;
}

/** Records and files one sweep round deletes at most. */
const SWEEP_BATCH = 100;

/**
 * Diagnostic files (reports, heap snapshots) streamed into the `diagnostics` GridFS bucket under the
 * id of their record in the `diagnostics` collection. The record is written once the file is complete,
 * so a listed report is always readable.
 *
 * Every diagnostic file passes {@link DiagnosticStore.write}, which is where secrets are kept out of them,
 * whoever wrote the file (a worker on request or for a hung job, a supervisor for a blocked worker, through
 * the inspector, a signal or `/proc`): a report is parsed and stored without its environment variables,
 * command line and error properties (`REMOVED_REPORT_PARTS`), and any configured secret left anywhere in it
 * is replaced; a heap snapshot is refused unless enabled, and streamed with configured secrets replaced.
 * Every file expires (`expiresAt`); {@link DiagnosticStore.sweep} deletes the expired ones.
 */
export class DiagnosticStore {
  /** The `diagnostics` records: read by `_id` or listed (few, and swept). */
  static readonly collection: CollectionSpec = { name: 'diagnostics', holds: 'a diagnostic file (report, heap snapshot) of a process: who, why, when, expiry', indexes: [] };
  /** The `diagnostics` GridFS bucket (`diagnostics.files`, `diagnostics.chunks`) holding the files, under their record's id. */
  static readonly fileBucket: CollectionSpec = { name: 'diagnostics', holds: 'the content of a diagnostic file (secrets redacted)', bucket: true, indexes: [] };

  private readonly bucket: GridFSBucket;
  private readonly records: Collection<DiagnosticDocument>;
  private readonly files: Collection<{ _id: string; uploadDate: Date }>;
  private readonly chunks: Collection<{ files_id: string }>;

  constructor(
    db: Db,
    private readonly options: DiagnosticStoreOptions,
  ) {
    this.bucket = new GridFSBucket(db, { bucketName: DiagnosticStore.fileBucket.name });
    this.records = db.collection<DiagnosticDocument>(DiagnosticStore.collection.name);
    this.files = db.collection(`${DiagnosticStore.fileBucket.name}.files`);
    this.chunks = db.collection(`${DiagnosticStore.fileBucket.name}.chunks`);
  }

  /** Throws {@link HeapSnapshotsDisabledError} when files of this kind are not accepted (before one is taken). */
  assertAccepts(kind: DiagnosticKind): void {
    if (kind === 'HEAP_SNAPSHOT' && !this.options.settings.heapSnapshots) {
      throw new HeapSnapshotsDisabledError('heap snapshots are off (LONGHAUL_HEAP_SNAPSHOTS=off); a heap snapshot holds every secret the process has in memory');
    }
  }

  /** How long a file of this kind is kept. */
  ttlMs(kind: DiagnosticKind): number {
    return kind === 'HEAP_SNAPSHOT' ? this.options.settings.heapSnapshotTtlMs : this.options.settings.ttlMs;
  }

  /** When a record's file stops being served and is deleted. */
  expiresAt(doc: Pick<DiagnosticDocument, 'createdAt' | 'expiresAt'>): Date {
    return doc.expiresAt ?? new Date(doc.createdAt.getTime() + this.options.settings.ttlMs);
  }

  /** Whether a record is past its time at `now`. */
  isExpired(doc: Pick<DiagnosticDocument, 'createdAt' | 'expiresAt'>, now = new Date()): boolean {
    return this.expiresAt(doc).getTime() <= now.getTime();
  }

  /**
   * Stores `content` without secrets (see the class) and records it. A report must be JSON (Node's report
   * shape); one that is not is refused ({@link DiagnosticsFailedError}), since it could not be redacted.
   */
  async write(diagnostic: NewDiagnostic, content: Readable | Buffer | string): Promise<DiagnosticDocument> {
    this.assertAccepts(diagnostic.kind);
    const secrets = this.options.secrets();
    let body: Readable;
    switch (diagnostic.kind) {
      case 'REPORT':
        body = Readable.from([Buffer.from(redactedReportText(await readText(content), secrets))]);
        break;
      case 'HEAP_SNAPSHOT':
        body = typeof content === 'string' || Buffer.isBuffer(content) ? Readable.from([Buffer.from(content)]) : content;
        break;
      default: {
        const exhaustive: never = diagnostic.kind;
        throw new Error(`unknown diagnostic kind ${String(exhaustive)}`);
      }
    }
    const id = diagnostic.id ?? randomUUID();
    const upload = this.bucket.openUploadStreamWithId(id as never, diagnosticFileName({ _id: id, kind: diagnostic.kind }), {
      metadata: { kind: diagnostic.kind, workerId: diagnostic.workerId, jobId: diagnostic.jobId ?? null },
    });
    await pipeline(body, secretScrubStream(secrets), upload);
    const createdAt = new Date();
    const doc: DiagnosticDocument = {
      _id: id,
      kind: diagnostic.kind,
      workerId: diagnostic.workerId,
      jobId: diagnostic.jobId ?? null,
      tenantId: diagnostic.tenantId ?? null,
      reason: diagnostic.reason,
      createdAt,
      bytes: upload.gridFSFile?.length ?? 0,
      eventLoopDelayMs: diagnostic.eventLoopDelayMs ?? null,
      expiresAt: new Date(createdAt.getTime() + this.ttlMs(diagnostic.kind)),
    };
    await this.records.insertOne(doc);
    return doc;
  }

  async get(id: string): Promise<DiagnosticDocument | null> {
    return this.records.findOne({ _id: id });
  }

  /** A record by id if it is `tenantId`'s (`null`: any tenant's, for operators). */
  async getInTenant(id: string, tenantId: string | null): Promise<DiagnosticDocument | null> {
    return this.records.findOne(tenantId === null ? { _id: id } : { _id: id, tenantId });
  }

  /** Records by id, in one round trip. */
  async getMany(ids: readonly string[]): Promise<DiagnosticDocument[]> {
    if (ids.length === 0) return [];
    return this.records.find({ _id: { $in: [...ids] } }).toArray();
  }

  /** Records newest first, optionally of one tenant (`null`: all), worker or job; expired ones left out. */
  async list(query: { tenantId: string | null; workerId?: string | null; jobId?: string | null }, limit = 200): Promise<DiagnosticDocument[]> {
    const filter: Filter<DiagnosticDocument> = {};
    if (query.tenantId !== null) filter.tenantId = query.tenantId;
    if (query.workerId !== undefined && query.workerId !== null) filter.workerId = query.workerId;
    if (query.jobId !== undefined && query.jobId !== null) filter.jobId = query.jobId;
    const now = new Date();
    return (await this.records.find(filter).sort({ createdAt: -1 }).limit(limit).toArray()).filter((d) => !this.isExpired(d, now));
  }

  /** Records of several jobs in one round trip, newest first; expired ones left out. */
  async listByJobs(jobIds: readonly string[]): Promise<DiagnosticDocument[]> {
    if (jobIds.length === 0) return [];
    const now = new Date();
    return (await this.records.find({ jobId: { $in: [...jobIds] } }).sort({ createdAt: -1 }).toArray()).filter((d) => !this.isExpired(d, now));
  }

  /**
   * Deletes expired diagnostics, record and file, in batches until none is left; then files older than
   * every retention whose record is gone (a writer that died between file and record). Returns how many
   * records it deleted. No TTL index: it must run on FerretDB and DocumentDB too. With `batches`, a round holds
   * at most its `size` and `between` is awaited after each (the retention sweep's pacing).
   */
  async sweep(now = new Date(), batches?: DeleteBatches): Promise<number> {
    const size = batches?.size ?? SWEEP_BATCH;
    const legacyBefore = new Date(now.getTime() - this.options.settings.ttlMs);
    let deleted = 0;
    for (;;) {
      const batch = await this.records
        .find({ $or: [{ expiresAt: { $lte: now } }, { expiresAt: { $exists: false }, createdAt: { $lte: legacyBefore } }] }, { projection: { _id: 1 } })
        .limit(size)
        .toArray();
      if (batch.length === 0) break;
      for (const { _id } of batch) {
        // The file first: a record whose file is gone is deleted by the next round; a file without a record would stay.
        await this.removeFile(_id);
        await this.records.deleteOne({ _id });
        deleted++;
      }
      await batches?.between(batch.length);
    }
    // Upload dates precede record dates by the upload's duration: an hour of margin.
    const filesBefore = new Date(legacyBefore.getTime() - 3_600_000);
    for (;;) {
      const files = await this.files.find({ uploadDate: { $lte: filesBefore } }, { projection: { _id: 1 } }).limit(size).toArray();
      if (files.length === 0) break;
      for (const { _id } of files) await this.removeFile(_id);
      await batches?.between(files.length);
    }
    return deleted;
  }

  private async removeFile(id: string): Promise<void> {
    await this.chunks.deleteMany({ files_id: id });
    await this.files.deleteOne({ _id: id });
  }

  /** The file's content as a stream. */
  openContent(id: string): Readable {
    return this.bucket.openDownloadStream(id as never);
  }
}

/** The whole text of a report handed over as a string, buffer or stream. */
async function readText(content: Readable | Buffer | string): Promise<string> {
  if (typeof content === 'string') return content;
  if (Buffer.isBuffer(content)) return content.toString('utf8');
  const parts: Buffer[] = [];
  for await (const part of content) parts.push(Buffer.isBuffer(part) ? part : Buffer.from(part as string));
  return Buffer.concat(parts).toString('utf8');
}

/** A report's JSON text without its secret-bearing parts and secrets; the redaction is noted under `longhaul.redaction`. */
function redactedReportText(text: string, secrets: readonly string[]): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new DiagnosticsFailedError('a diagnostic report must be JSON; it was not stored, since it could not be redacted');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new DiagnosticsFailedError('a diagnostic report must be a JSON object; it was not stored');
  const { report, removed, secretsReplaced } = redactReport(parsed as Record<string, unknown>, secrets);
  const longhaul = typeof report.longhaul === 'object' && report.longhaul !== null ? (report.longhaul as Record<string, unknown>) : {};
  report.longhaul = { ...longhaul, redaction: { removed, secretsReplaced } };
  return JSON.stringify(report);
}
