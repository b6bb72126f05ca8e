import { SalesforceApiError } from '../errors/salesforceApiError.ts';
import { SalesforceErrorCode } from '../errors/salesforceErrorCode.ts';
import { csvDialect, csvHeaderLine, csvRecordLine, type ColumnDelimiterName, type CsvDialect } from '../format/csvRecordFormatter.ts';
import { SalesforceDate } from '../format/salesforceDate.ts';
import type { SandboxOrg } from '../org/sandboxOrg.ts';
import type { QueryExecution } from '../soql/queryExecution.ts';
import type { BulkJobInfoBase, BulkQueryJobState } from './bulkJobInfo.ts';
import type { BulkJobSettings } from './bulkJobSettings.ts';

/** A Bulk 2.0 query job's info as Salesforce returns it. */
export type BulkQueryJobInfo = BulkJobInfoBase & { jobType: 'V2Query'; isPkChunkingSupported: boolean; errorMessage?: string };

/** One page of results: its record count, the locator of the next page (`null` text when last), and how to write it. */
export interface BulkQueryResultPage {
  readonly numberOfRecords: number;
  readonly nextLocator: string;
  write(sink: (chunk: string) => Promise<void>): Promise<void>;
}

const flushBytes = 64 * 1024;

/**
 * A Bulk 2.0 query job. It counts its matches while `InProgress`, then
 * serves CSV result pages streamed straight from the query execution (never
 * holding the result set). Locators are opaque; each one maps to the scan
 * position where its page starts, so a page can be fetched again.
 */
export class BulkQueryJob {
  readonly id: string;
  readonly operation: 'query' | 'queryAll';
  readonly apiVersion: number;
  readonly dialect: CsvDialect;
  private readonly org: SandboxOrg;
  private readonly execution: QueryExecution;
  private readonly createdMs: number;
  private readonly delimiterName: ColumnDelimiterName;
  private state: BulkQueryJobState = 'UploadComplete';
  private modifiedMs: number;
  private processingMs = 0;
  private errorMessage: string | undefined;
  private readonly checkpoints = new Map<number, Promise<number>>();

  constructor(options: {
    id: string;
    org: SandboxOrg;
    execution: QueryExecution;
    operation: 'query' | 'queryAll';
    apiVersion: number;
    columnDelimiter: ColumnDelimiterName;
    lineEnding: 'LF' | 'CRLF';
  }) {
    this.id = options.id;
    this.org = options.org;
    this.execution = options.execution;
    this.operation = options.operation;
    this.apiVersion = options.apiVersion;
    this.delimiterName = options.columnDelimiter;
    this.dialect = csvDialect(options.columnDelimiter, options.lineEnding);
    this.createdMs = SalesforceDate.truncateToSecond(options.org.now());
    this.modifiedMs = this.createdMs;
  }

  /** Current state. */
  get currentState(): BulkQueryJobState {
    return this.state;
  }

  /** Runs the job in the background: `InProgress`, count, then `JobComplete` (or `Failed` by a fault rule). */
  start(settings: BulkJobSettings): void {
    void (async () => {
      const started = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (this.state !== 'UploadComplete') return;
      this.setState('InProgress');
      if (settings.processingDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, settings.processingDelayMs));
      try {
        await this.execution.prepare();
        this.checkpoints.set(0, Promise.resolve(this.execution.firstPosition));
      } catch (error) {
        this.errorMessage = (error as Error).message;
        this.setState('Failed');
        return;
      }
      this.processingMs = Date.now() - started;
      if (this.currentState !== 'InProgress') return;
      if (settings.failAfter !== undefined && settings.failAfter < this.execution.totalSize) {
        this.errorMessage = 'InternalServerError : the query job failed to complete';
        this.setState('Failed');
        return;
      }
      this.setState('JobComplete');
    })();
  }

  /** Aborts a job that has not finished. */
  abort(): void {
    if (this.state === 'JobComplete' || this.state === 'Failed') {
      throw new SalesforceApiError(SalesforceErrorCode.INVALIDJOBSTATE, `Job is already ${this.state}; it can not be aborted`);
    }
    this.setState('Aborted');
  }

  /** The job info JSON. */
  info(): BulkQueryJobInfo {
    const info: BulkQueryJobInfo = {
      id: this.id,
      operation: this.operation,
      object: this.execution.bound.definition.name,
      createdById: this.org.userId,
      createdDate: SalesforceDate.toRestDateTime(this.createdMs),
      systemModstamp: SalesforceDate.toRestDateTime(this.modifiedMs),
      state: this.state,
      concurrencyMode: 'Parallel',
      contentType: 'CSV',
      apiVersion: this.apiVersion,
      jobType: 'V2Query',
      lineEnding: this.dialect.lineEnding === '\r\n' ? 'CRLF' : 'LF',
      columnDelimiter: this.delimiterName,
      numberRecordsProcessed: this.state === 'JobComplete' ? this.execution.totalSize : 0,
      retries: 0,
      totalProcessingTime: this.processingMs,
      isPkChunkingSupported: true,
    };
    if (this.errorMessage) info.errorMessage = this.errorMessage;
    return info;
  }

  /** The result page starting at `locator` (none: the first page), of at most `maxRecords` records. */
  async page(locator: string | null, maxRecords: number): Promise<BulkQueryResultPage> {
    if (this.state !== 'JobComplete') {
      throw new SalesforceApiError(SalesforceErrorCode.API_ERROR, `Job ${this.id} is in state ${this.state}; results are available once it is JobComplete`);
    }
    const delivered = locator === null ? 0 : this.decodeLocator(locator);
    const start = this.checkpoints.get(delivered);
    if (start === undefined) throw new SalesforceApiError(SalesforceErrorCode.INVALID_QUERY_LOCATOR, `invalid locator: ${locator ?? ''}`);
    const position = await start;
    const total = this.execution.totalSize;
    const count = Math.max(0, Math.min(maxRecords, total - delivered));
    const last = delivered + count >= total;
    let resolveNext: (position: number) => void = () => undefined;
    if (!last && !this.checkpoints.has(delivered + count)) {
      this.checkpoints.set(delivered + count, new Promise((resolve) => { resolveNext = resolve; }));
    }
    const fields = this.execution.bound.fields;
    return {
      numberOfRecords: count,
      nextLocator: last ? 'null' : Buffer.from(String(delivered + count)).toString('base64url'),
      write: async (sink) => {
        let buffer = csvHeaderLine(fields.map((f) => f.name), this.dialect);
        let written = 0;
        let next = position;
        try {
          if (count > 0) {
            for await (const row of this.execution.rows(position)) {
              buffer += csvRecordLine(fields, row.values, this.dialect);
              written += 1;
              next = row.position + 1;
              if (buffer.length >= flushBytes) {
                await sink(buffer);
                buffer = '';
              }
              if (written >= count) break;
            }
          }
          await sink(buffer);
        } catch (error) {
          if (!last) this.checkpoints.delete(delivered + count);
          throw error;
        }
        resolveNext(next);
      },
    };
  }

  private decodeLocator(locator: string): number {
    const delivered = Number(Buffer.from(locator, 'base64url').toString('utf8'));
    if (!Number.isInteger(delivered) || delivered < 0) throw new SalesforceApiError(SalesforceErrorCode.INVALID_QUERY_LOCATOR, `invalid locator: ${locator}`);
    return delivered;
  }

  private setState(state: BulkQueryJobState): void {
    this.state = state;
    this.modifiedMs = SalesforceDate.truncateToSecond(this.org.now());
  }
}
