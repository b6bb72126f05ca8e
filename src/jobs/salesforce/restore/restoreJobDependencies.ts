import type { JobTransition } from '../../../engine/jobType.ts';
import type { OrgService } from '../../../salesforce/index.ts';
import type { BackupFileStore, BackupStore, RestoreIdMap, RestoreInFlightStore, RestoreResultStore, RestoreStore } from '../../../storage/index.ts';

/** What the restore job needs, and how it behaves. */
export interface RestoreJobDependencies {
  /** The domain service of restores: a restore follows its job there (`RestoreService.followJob`). */
  service: { followJob(transition: JobTransition): Promise<void> };
  orgs: Pick<OrgService, 'openClient'>;
  backups: BackupStore;
  files: BackupFileStore;
  restores: RestoreStore;
  results: RestoreResultStore;
  idMap: RestoreIdMap;
  inFlight: RestoreInFlightStore;
  /** Objects with more records than this are written through Bulk API 2.0 ingest; default 2,000. */
  bulkThreshold?: number;
  /** Records of one Bulk ingest job (one batch, one checkpoint); default 10,000. */
  bulkBatchSize?: number;
  /** Polling interval of Bulk ingest jobs; default 1000 ms. */
  bulkPollMs?: number;
  /** Tries of a Salesforce call failing with a retryable error; default 6 (`RETRYING_CALLER_DEFAULTS`). */
  callTries?: number;
  /** First delay between those tries, doubling up to 30 s; default 500 ms (`RETRYING_CALLER_DEFAULTS`). */
  callBackoffMs?: number;
}
