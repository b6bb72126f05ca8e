import type { JobTransition } from '../../engine/jobType.ts';
import type { JobBackedRecordStore, JobFollowKind } from '../../storage/index.ts';

/**
 * Makes the record a job's input names (`input[idField]`) follow the job's transition: see
 * `JobBackedRecordStore.followJob`. `SUCCEEDED` changes nothing (the run wrote its own end).
 */
export async function followJobRecord(store: Pick<JobBackedRecordStore<never, unknown>, 'followJob'>, idField: string, transition: JobTransition): Promise<void> {
  if (transition.kind === 'SUCCEEDED') return;
  const id = (transition.input as Record<string, unknown> | null)?.[idField];
  if (typeof id !== 'string') return;
  const error = transition.lastError === null ? null : { code: transition.lastError.code, message: transition.lastError.message };
  await store.followJob(transition.tenantId, id, transition.jobId, transition.kind satisfies JobFollowKind, error);
}
