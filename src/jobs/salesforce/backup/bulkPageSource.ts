import { setTimeout as sleep } from 'node:timers/promises';
import type { JobLogger } from '../../../engine/jobContext.ts';
import { bulkCsvRecords, SalesforceRequestRejectedError, SalesforceUnavailableError, type BulkQueryJobInfo, type RetryingCaller, type SalesforceClient } from '../../../salesforce/index.ts';
import type { BackupCheckpoint } from './backupCheckpoint.ts';
import { objectSoql, type ObjectPage, type ObjectPageSource, type ObjectQuery } from './objectPageSource.ts';

/**
 * Creates the Bulk API 2.0 query job reading `query`'s object after `afterId` (from its start when `null`; deleted
 * records included for an incremental read); returns its id.
 */
export async function createBulkQueryJob(client: SalesforceClient, calls: RetryingCaller, query: ObjectQuery, afterId: string | null): Promise<string> {
  const soql = objectSoql(query, afterId);
  return (await calls.call(`bulk query ${query.objectName}`, () => client.bulkQueryCreate(soql, { all: query.changesSince !== null }))).id;
}

/** Options of {@link BulkPageSource}. */
export interface BulkPageSourceOptions {
  /** Records per result page (`maxRecords`); default 5,000. */
  pageSize?: number;
  /** Interval between polls of the job's state; default 1,000 ms. */
  pollMs?: number;
  /**
   * A query job already created for this read from the object's start (see `ObjectPreparation`), used instead of
   * creating one when the read starts from the start without a job of its own; default `null`.
   */
  createdJobId?: string | null;
  /** Describe types of the object's fields, to type the CSV values like REST does. */
  fieldTypes: ReadonlyMap<string, string>;
  signal: AbortSignal;
}

/**
 * An object read through a Bulk API 2.0 query job (`queryAll` for incremental objects): the job
 * is created (and checkpointed, so a resumed attempt reads the same job), polled until
 * `JobComplete`, and its CSV results read one locator page of `pageSize` records at a time. A job
 * that failed, was aborted or no longer exists is replaced by a new one after the last stored Id.
 */
export class BulkPageSource implements ObjectPageSource {
  private readonly pageSize: number;
  private readonly pollMs: number;

  constructor(
    private readonly client: SalesforceClient,
    private readonly calls: RetryingCaller,
    private readonly query: ObjectQuery,
    private readonly logger: JobLogger,
    private readonly options: BulkPageSourceOptions,
  ) {
    this.pageSize = options.pageSize ?? 5000;
    this.pollMs = options.pollMs ?? 1000;
  }

  async *pages(from: BackupCheckpoint): AsyncIterable<ObjectPage> {
    const { objectName } = this.query;
    let jobId = from.bulkJobId ?? null;
    let locator = from.bulkLocator ?? null;
    if (jobId !== null) {
      const info = await this.existingJob(jobId);
      if (info === null || info.state === 'Failed' || info.state === 'Aborted') {
        this.logger.info(`${objectName}: Bulk job ${jobId} is ${info?.state ?? 'gone'}; a new job continues after ${from.lastId ?? 'the start'}`);
        jobId = null;
      }
    }
    if (jobId === null) {
      const prepared = from.lastId === null ? (this.options.createdJobId ?? null) : null;
      if (prepared !== null) {
        jobId = prepared;
      } else {
        jobId = await createBulkQueryJob(this.client, this.calls, this.query, from.lastId);
      }
      locator = null;
      // Checkpointed before waiting: a killed worker's successor reads this job instead of starting another.
      yield { records: [], count: 0, position: { nextRecordsUrl: null, bulkJobId: jobId, bulkLocator: null }, last: false };
    }
    await this.waitForCompletion(jobId);
    for (;;) {
      const id = jobId;
      const at = locator;
      const page = await this.calls.call(`bulk results ${objectName}`, () => this.client.bulkQueryResults(id, at, this.pageSize));
      locator = page.nextLocator;
      // Streamed into the part as parsed: the page's CSV text is all that is held whole.
      yield { records: bulkCsvRecords(page.csv, this.options.fieldTypes), count: page.records, position: { nextRecordsUrl: null, bulkJobId: id, bulkLocator: locator }, last: locator === null };
      if (locator === null) return;
    }
  }

  /** The job's state, or `null` when Salesforce no longer knows it. */
  private async existingJob(jobId: string): Promise<BulkQueryJobInfo | null> {
    try {
      return await this.calls.call(`bulk job ${jobId}`, () => this.client.bulkQueryInfo(jobId));
    } catch (error) {
      if (error instanceof SalesforceRequestRejectedError) return null;
      throw error;
    }
  }

  private async waitForCompletion(jobId: string): Promise<void> {
    for (;;) {
      const info = await this.calls.call(`bulk job ${jobId}`, () => this.client.bulkQueryInfo(jobId));
      switch (info.state) {
        case 'JobComplete':
          return;
        case 'Failed':
        case 'Aborted':
          // Retryable: the attempt's successor sees the state and starts a new job after the last stored Id.
          throw new SalesforceUnavailableError(`Bulk query job ${jobId} ${info.state}${info.errorMessage === null ? '' : `: ${info.errorMessage}`}`, 'BULK_JOB_FAILED');
        case 'UploadComplete':
        case 'InProgress':
          await sleep(this.pollMs, undefined, { signal: this.options.signal }).catch(() => undefined);
          if (this.options.signal.aborted) throw this.options.signal.reason;
          break;
        default: {
          const unreachable: never = info.state;
          throw new Error(`unknown Bulk job state ${String(unreachable)}`);
        }
      }
    }
  }
}
