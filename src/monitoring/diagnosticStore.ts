import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GridFSBucket, type Collection, type Db, type Filter } from 'mongodb';
import { Collections } from '../db/collections.ts';
import type { DiagnosticDocument, DiagnosticKind } from './diagnosticDocument.ts';

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

/**
 * Diagnostic files (reports, heap snapshots) streamed into the `diagnostics` GridFS bucket under the
 * id of their record in the `diagnostics` collection. The record is written once the file is complete,
 * so a listed report is always readable.
 */
export class DiagnosticStore {
  private readonly bucket: GridFSBucket;
  private readonly records: Collection<DiagnosticDocument>;

  constructor(db: Db) {
    this.bucket = new GridFSBucket(db, { bucketName: Collections.diagnosticsBucket });
    this.records = db.collection<DiagnosticDocument>(Collections.diagnostics);
  }

  /** Streams `content` into storage and records it. */
  async write(diagnostic: NewDiagnostic, content: Readable | Buffer | string): Promise<DiagnosticDocument> {
    const id = diagnostic.id ?? randomUUID();
    const upload = this.bucket.openUploadStreamWithId(id as never, diagnosticFileName({ _id: id, kind: diagnostic.kind }), {
      metadata: { kind: diagnostic.kind, workerId: diagnostic.workerId, jobId: diagnostic.jobId ?? null },
    });
    const source = typeof content === 'string' || Buffer.isBuffer(content) ? Readable.from([Buffer.from(content)]) : content;
    await pipeline(source, upload);
    const doc: DiagnosticDocument = {
      _id: id,
      kind: diagnostic.kind,
      workerId: diagnostic.workerId,
      jobId: diagnostic.jobId ?? null,
      tenantId: diagnostic.tenantId ?? null,
      reason: diagnostic.reason,
      createdAt: new Date(),
      bytes: upload.gridFSFile?.length ?? 0,
      eventLoopDelayMs: diagnostic.eventLoopDelayMs ?? null,
    };
    await this.records.insertOne(doc);
    return doc;
  }

  async get(id: string): Promise<DiagnosticDocument | null> {
    return this.records.findOne({ _id: id });
  }

  /** Records by id, in one round trip. */
  async getMany(ids: readonly string[]): Promise<DiagnosticDocument[]> {
    if (ids.length === 0) return [];
    return this.records.find({ _id: { $in: [...ids] } }).toArray();
  }

  /** Records newest first, optionally of one tenant (`null`: all), worker or job. */
  async list(query: { tenantId: string | null; workerId?: string | null; jobId?: string | null }, limit = 200): Promise<DiagnosticDocument[]> {
    const filter: Filter<DiagnosticDocument> = {};
    if (query.tenantId !== null) filter.tenantId = query.tenantId;
    if (query.workerId !== undefined && query.workerId !== null) filter.workerId = query.workerId;
    if (query.jobId !== undefined && query.jobId !== null) filter.jobId = query.jobId;
    return this.records.find(filter).sort({ createdAt: -1 }).limit(limit).toArray();
  }

  /** Records of several jobs in one round trip, newest first. */
  async listByJobs(jobIds: readonly string[]): Promise<DiagnosticDocument[]> {
    if (jobIds.length === 0) return [];
    return this.records.find({ jobId: { $in: [...jobIds] } }).sort({ createdAt: -1 }).toArray();
  }

  /** The file's content as a stream. */
  openContent(id: string): Readable {
    return this.bucket.openDownloadStream(id as never);
  }
}
