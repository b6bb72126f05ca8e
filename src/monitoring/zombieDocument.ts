import type { JobLogLineRecord } from './jobLogLineRecord.ts';
import type { JobProgressRecord } from '../engine/jobRecord.ts';

export type ZombieReason = 'WORKER_LOST' | 'HEARTBEAT_STALLED' | 'NO_PROGRESS';
export type ZombieAction = 'REQUEUED' | 'ABORTED' | 'MOVED_TO_DEBUG';

/**
 * One zombie incident, stored in the `zombies` collection. `_id` is `<jobId>:<runId>`: inserting it is
 * the one decision per zombie when several detectors see the same job at once.
 */
export interface ZombieDocument {
  _id: string;
  jobId: string;
  tenantId: string;
  jobType: string;
  runId: string;
  attempt: number;
  reason: ZombieReason;
  since: Date;
  detectedAt: Date;
  workerId: string | null;
  lastProgress: JobProgressRecord;
  lastLogs: JobLogLineRecord[];
  action: ZombieAction | null;
  resolvedAt: Date | null;
  /** Ids of diagnostic reports written for it. */
  diagnosticIds: string[];
}
