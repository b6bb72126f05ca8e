import type { JobContext } from '../../../engine/jobContext.ts';
import type { RetryingCaller, SalesforceClient } from '../../../salesforce/index.ts';
import type { RecordBatchWriter } from './recordBatchWriter.ts';
import type { ReferenceContext } from './referenceResolver.ts';
import type { RestoreCheckpoint } from './restoreCheckpoint.ts';
import type { RestoreJobDependencies } from './restoreJobDependencies.ts';
import type { RestoreJobInput } from './restoreJobInput.ts';
import type { RestoreRecordSource } from './restoreRecordSource.ts';

/** What both writing passes of a restore share: the job, its stores, the target session, and how lookups resolve. */
export interface RestorePassContext {
  ctx: JobContext<RestoreJobInput, RestoreCheckpoint>;
  deps: Pick<RestoreJobDependencies, 'restores' | 'results' | 'idMap' | 'inFlight'>;
  client: SalesforceClient;
  caller: RetryingCaller;
  writer: RecordBatchWriter;
  records: RestoreRecordSource;
  /** Owners and record types as the plan mapped them; `sameOrg` when the target is the backup's org. */
  refs: Omit<ReferenceContext, 'restored'>;
  /** Records of every object the plan writes (the progress total). */
  total: number;
}
