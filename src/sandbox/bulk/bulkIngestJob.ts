import { parse } from 'csv-parse/sync';
import { SalesforceApiError } from '../errors/salesforceApiError.ts';
import { SalesforceErrorCode, isSalesforceErrorCode } from '../errors/salesforceErrorCode.ts';
import { csvDialect, csvTextLine, type ColumnDelimiterName, type CsvDialect } from '../format/csvRecordFormatter.ts';
import { SalesforceDate } from '../format/salesforceDate.ts';
import type { RecordWriteResult } from '../org/recordSaveError.ts';
import type { RecordWriter } from '../org/recordWriter.ts';
import type { SandboxOrg } from '../org/sandboxOrg.ts';
import type { SObjectDefinition } from '../schema/sobjectDefinition.ts';
import type { BulkIngestJobState, BulkJobInfoBase } from './bulkJobInfo.ts';
import type { BulkJobSettings } from './bulkJobSettings.ts';

/** Bulk 2.0 ingest operations. */
export type IngestOperation = 'insert' | 'update' | 'upsert' | 'delete' | 'hardDelete';

/** A Bulk 2.0 ingest job's info as Salesforce returns it. */
export type BulkIngestJobInfo = BulkJobInfoBase & {
  jobType: 'V2Ingest';
  contentUrl: string;
  externalIdFieldName?: string;
  numberRecordsFailed: number;
  apiActiveProcessingTime: number;
  apexProcessingTime: number;
  errorMessage?: string;
};

const rowsPerSlice = 2000;
/** Bulk 2.0's null marker in uploaded CSV. */
const nullMarker = '#N/A';

/**
 * A Bulk 2.0 ingest job: CSV uploaded while `Open`, processed row by row in
 * the background after `UploadComplete` through the same record writer as
 * the REST API, with successful, failed and unprocessed rows kept for the
 * result endpoints.
 */
export class BulkIngestJob {
  readonly id: string;
  readonly operation: IngestOperation;
  readonly definition: SObjectDefinition;
  readonly externalIdFieldName: string | undefined;
  readonly apiVersion: number;
  readonly dialect: CsvDialect;
  private readonly org: SandboxOrg;
  private readonly delimiterName: ColumnDelimiterName;
  private readonly createdMs: number;
  private modifiedMs: number;
  private state: BulkIngestJobState = 'Open';
  private header: string[] = [];
  private rows: string[][] = [];
  private uploadError: string | undefined;
  private uploaded = false;
  private processed = 0;
  private readonly successful: string[][] = [];
  private readonly failed: string[][] = [];
  private unprocessed: string[][] = [];
  private errorMessage: string | undefined;
  private processingMs = 0;

  constructor(options: {
    id: string;
    org: SandboxOrg;
    definition: SObjectDefinition;
    operation: IngestOperation;
    externalIdFieldName: string | undefined;
    apiVersion: number;
    columnDelimiter: ColumnDelimiterName;
    lineEnding: 'LF' | 'CRLF';
  }) {
    this.id = options.id;
    this.org = options.org;
    this.definition = options.definition;
    this.operation = options.operation;
    this.externalIdFieldName = options.externalIdFieldName;
    this.apiVersion = options.apiVersion;
    this.delimiterName = options.columnDelimiter;
    this.dialect = csvDialect(options.columnDelimiter, options.lineEnding);
    this.createdMs = SalesforceDate.truncateToSecond(options.org.now());
    this.modifiedMs = this.createdMs;
  }

  /** Current state. */
  get currentState(): BulkIngestJobState {
    return this.state;
  }

  /** Accepts the job's CSV data (once, while `Open`). */
  upload(csv: string): void {
    if (this.state !== 'Open') throw new SalesforceApiError(SalesforceErrorCode.INVALIDJOBSTATE, `Job ${this.id} is not Open; data can only be uploaded to an Open job`);
    if (this.uploaded) throw new SalesforceApiError(SalesforceErrorCode.INVALIDJOBSTATE, `Data was already uploaded to job ${this.id}`);
    this.uploaded = true;
    try {
      const records = parse(csv, { delimiter: this.dialect.delimiter, relax_column_count: false, bom: true, skip_empty_lines: true });
      this.header = (records[0] ?? []).map((name) => name.trim());
      this.rows = records.slice(1);
    } catch (error) {
      this.uploadError = `InvalidBatch : Failed to parse CSV: ${(error as Error).message}`;
    }
  }

  /** Moves the job to `UploadComplete` and processes it in the background. */
  close(writer: RecordWriter, settings: BulkJobSettings): void {
    if (this.state !== 'Open') throw new SalesforceApiError(SalesforceErrorCode.INVALIDJOBSTATE, `Job ${this.id} is ${this.state}, not Open`);
    this.setState('UploadComplete');
    void this.process(writer, settings);
  }

  /** Aborts the job; rows not yet processed become unprocessed records. */
  abort(): void {
    if (this.state === 'JobComplete' || this.state === 'Failed' || this.state === 'Aborted') {
      throw new SalesforceApiError(SalesforceErrorCode.INVALIDJOBSTATE, `Job ${this.id} is already ${this.state}`);
    }
    this.unprocessed = this.rows.slice(this.processed);
    this.setState('Aborted');
  }

  /** The job info JSON. */
  info(): BulkIngestJobInfo {
    const info: BulkIngestJobInfo = {
      id: this.id,
      operation: this.operation,
      object: this.definition.name,
      createdById: this.org.userId,
      createdDate: SalesforceDate.toRestDateTime(this.createdMs),
      systemModstamp: SalesforceDate.toRestDateTime(this.modifiedMs),
      state: this.state,
      concurrencyMode: 'Parallel',
      contentType: 'CSV',
      apiVersion: this.apiVersion,
      jobType: 'V2Ingest',
      contentUrl: `services/data/v${this.apiVersion.toFixed(1)}/jobs/ingest/${this.id}/batches`,
      lineEnding: this.dialect.lineEnding === '\r\n' ? 'CRLF' : 'LF',
      columnDelimiter: this.delimiterName,
      numberRecordsProcessed: this.processed,
      numberRecordsFailed: this.failed.length,
      retries: 0,
      totalProcessingTime: this.processingMs,
      apiActiveProcessingTime: this.processingMs,
      apexProcessingTime: 0,
    };
    if (this.externalIdFieldName) info.externalIdFieldName = this.externalIdFieldName;
    if (this.errorMessage) info.errorMessage = this.errorMessage;
    return info;
  }

  /** `successfulResults` CSV: `sf__Id`, `sf__Created`, then the uploaded columns. */
  successfulResultsCsv(): string {
    return this.toCsv(['sf__Id', 'sf__Created', ...this.header], this.successful);
  }

  /** `failedResults` CSV: `sf__Id`, `sf__Error`, then the uploaded columns. */
  failedResultsCsv(): string {
    return this.toCsv(['sf__Id', 'sf__Error', ...this.header], this.failed);
  }

  /** `unprocessedrecords` CSV: the uploaded columns of rows never processed. */
  unprocessedRecordsCsv(): string {
    return this.toCsv(this.header, this.unprocessed);
  }

  private toCsv(header: readonly string[], rows: readonly string[][]): string {
    let csv = csvTextLine(header, this.dialect);
    for (const row of rows) csv += csvTextLine(row, this.dialect);
    return csv;
  }

  private async process(writer: RecordWriter, settings: BulkJobSettings): Promise<void> {
    const started = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (this.state !== 'UploadComplete') return;
    this.setState('InProgress');
    if (settings.processingDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, settings.processingDelayMs));
    const headerError = this.uploadError ?? this.checkHeader();
    if (headerError) {
      this.errorMessage = headerError;
      this.unprocessed = this.rows;
      this.setState('Failed');
      return;
    }
    while (this.processed < this.rows.length) {
      if (this.currentState !== 'InProgress') return;
      if (settings.failAfter !== undefined && this.processed >= settings.failAfter) {
        this.errorMessage = 'InternalServerError : the job failed while processing records';
        this.unprocessed = this.rows.slice(this.processed);
        this.processingMs = Date.now() - started;
        this.setState('Failed');
        return;
      }
      const end = Math.min(this.rows.length, this.processed + rowsPerSlice, settings.failAfter ?? Number.POSITIVE_INFINITY);
      for (let i = this.processed; i < end; i += 1) this.processRow(this.rows[i] ?? [], writer, settings);
      this.processed = end;
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.processingMs = Date.now() - started;
    if (this.currentState === 'InProgress') this.setState('JobComplete');
  }

  private checkHeader(): string | undefined {
    if (this.header.length === 0) return 'InvalidBatch : No header row found in the CSV data';
    for (const name of this.header) {
      if (!this.org.catalog.findField(this.definition, name)) return `InvalidBatch : Field name not found : ${name}`;
    }
    const hasId = this.header.some((name) => name.toLowerCase() === 'id');
    if ((this.operation === 'update' || this.operation === 'delete' || this.operation === 'hardDelete') && !hasId) {
      return 'InvalidBatch : Field name not found : Id';
    }
    if (this.operation === 'upsert' && !this.header.some((name) => name.toLowerCase() === (this.externalIdFieldName ?? '').toLowerCase())) {
      return `InvalidBatch : Field name not found : ${this.externalIdFieldName ?? ''}`;
    }
    return undefined;
  }

  private processRow(row: string[], writer: RecordWriter, settings: BulkJobSettings): void {
    const input: Record<string, unknown> = {};
    this.header.forEach((name, i) => {
      const cell = row[i] ?? '';
      if (cell === '') return;
      input[name] = cell === nullMarker ? null : cell;
    });
    const idKey = this.header.find((name) => name.toLowerCase() === 'id');
    const id = idKey === undefined ? undefined : input[idKey];
    if (idKey !== undefined && this.operation !== 'upsert') delete input[idKey];
    const injected = settings.recordError();
    const injectedError = isSalesforceErrorCode(injected) ? injected : undefined;
    let result: RecordWriteResult;
    switch (this.operation) {
      case 'insert':
        result = idKey !== undefined && id !== undefined
          ? { success: false, id: null, errors: [{ statusCode: SalesforceErrorCode.INVALID_FIELD_FOR_INSERT_UPDATE, message: 'Unable to create/update fields: Id', fields: ['Id'] }] }
          : writer.create(this.definition, input, { injectedError });
        break;
      case 'update':
        result = writer.update(this.definition, id, input, { injectedError });
        break;
      case 'upsert':
        result = writer.upsert(this.definition, this.externalIdFieldName ?? 'Id', input, { injectedError });
        break;
      case 'delete':
      case 'hardDelete':
        result = writer.delete(this.definition, id, { injectedError, hard: this.operation === 'hardDelete' });
        break;
      default: {
        const unreachable: never = this.operation;
        return unreachable;
      }
    }
    if (result.success) {
      this.successful.push([result.id, String(result.created), ...row]);
    } else {
      const error = result.errors[0];
      const text = error ? `${error.statusCode}:${error.message}:${error.fields.join(',')} --` : 'UNKNOWN_EXCEPTION:unknown --';
      this.failed.push([result.id ?? '', text, ...row]);
    }
  }

  private setState(state: BulkIngestJobState): void {
    this.state = state;
    this.modifiedMs = SalesforceDate.truncateToSecond(this.org.now());
  }
}
