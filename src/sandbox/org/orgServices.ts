import { BulkJobRegistry } from '../bulk/bulkJobRegistry.ts';
import { QueryCursorRegistry } from '../soql/queryCursorRegistry.ts';
import { RecordWriter } from './recordWriter.ts';
import type { SandboxOrg } from './sandboxOrg.ts';
import { SalesforceId } from './salesforceId.ts';

/** Settings of the per-org services. */
export interface OrgServicesOptions {
  /** Idle lifetime of REST query cursors in ms. */
  readonly cursorTtlMs: number;
  /** Most open REST query cursors per org. */
  readonly maxCursors: number;
}

/**
 * An org with what serves it: the record writer, its REST query cursors
 * and its Bulk 2.0 jobs.
 */
export class OrgServices {
  readonly org: SandboxOrg;
  readonly writer: RecordWriter;
  readonly cursors: QueryCursorRegistry;
  readonly bulkJobs: BulkJobRegistry;
  private cursorCounter = 0;

  constructor(org: SandboxOrg, options: OrgServicesOptions) {
    this.org = org;
    this.writer = new RecordWriter(org);
    this.cursors = new QueryCursorRegistry({
      ttlMs: options.cursorTtlMs,
      maxCursors: options.maxCursors,
      clock: () => org.now(),
      newId: () => {
        this.cursorCounter += 1;
        return SalesforceId.encode('01g', org.orgNumber, this.cursorCounter);
      },
    });
    this.bulkJobs = new BulkJobRegistry(org);
  }
}
