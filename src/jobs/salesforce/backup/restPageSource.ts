import type { JobLogger } from '../../../engine/jobContext.ts';
import { SalesforceRequestRejectedError, type QueryPage, type RetryingCaller, type SalesforceClient } from '../../../salesforce/index.ts';
import type { BackupCheckpoint } from './backupCheckpoint.ts';
import { objectSoql, withoutAttributes, type ObjectPage, type ObjectPageSource, type ObjectQuery } from './objectPageSource.ts';

/**
 * An object read through REST `query` / `queryAll` and `nextRecordsUrl` paging (2,000 records a
 * page). Resumes at the checkpoint's locator; a locator that expired (15 minutes idle) is replaced
 * by the same query after the last stored Id.
 */
export class RestPageSource implements ObjectPageSource {
  constructor(
    private readonly client: SalesforceClient,
    private readonly calls: RetryingCaller,
    private readonly query: ObjectQuery,
    private readonly logger: JobLogger,
  ) {}

  async *pages(from: BackupCheckpoint): AsyncIterable<ObjectPage> {
    const { objectName } = this.query;
    const all = this.query.changesSince !== null;
    const first = (afterId: string | null) => this.calls.call(`query ${objectName}`, () => this.client.query(objectSoql(this.query, afterId), { all }));
    let page: QueryPage;
    if (from.nextRecordsUrl !== null) {
      const locator = from.nextRecordsUrl;
      page = await this.calls.call(`queryMore ${objectName}`, () => this.client.queryMore(locator)).catch((error: unknown) => {
        if (error instanceof SalesforceRequestRejectedError && error.sfErrorCode === 'INVALID_QUERY_LOCATOR') {
          this.logger.info(`${objectName}: query locator expired; continuing after ${from.lastId}`);
          return first(from.lastId);
        }
        throw error;
      });
    } else {
      page = await first(from.lastId);
    }
    for (;;) {
      const next = page.done ? null : page.nextRecordsUrl;
      yield { records: page.records.map(withoutAttributes), count: page.records.length, position: { nextRecordsUrl: next, bulkJobId: null, bulkLocator: null }, last: next === null };
      if (next === null) return;
      page = await this.calls.call(`queryMore ${objectName}`, () => this.client.queryMore(next));
    }
  }
}
