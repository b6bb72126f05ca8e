import { JobRecordNotFoundError } from '../../engine/errors/index.ts';
import { OrgNotFoundError, type OrgService, type SalesforceClient } from '../../salesforce/index.ts';

/**
 * `record`, or a {@link JobRecordNotFoundError} (non-retryable) when the job's tenant has no such
 * record (or `matches` says the record is not the one the input describes).
 */
export function requireJobRecord<T>(record: T | null, kind: string, id: string, matches: (record: T) => boolean = () => true): T {
  if (record === null || !matches(record)) throw new JobRecordNotFoundError(kind, id);
  return record;
}

/**
 * Opens a session to the job tenant's org `orgId`: an org of another tenant (or none) fails the job
 * at once with {@link JobRecordNotFoundError}, before any credential is opened or any call made.
 */
export async function openTenantClient(orgs: Pick<OrgService, 'openClient'>, tenantId: string, orgId: string): Promise<SalesforceClient> {
  try {
    return await orgs.openClient(tenantId, orgId);
  } catch (error) {
    if (error instanceof OrgNotFoundError) throw new JobRecordNotFoundError('org', orgId);
    throw error;
  }
}

/**
 * Enqueues the job of a record a service just created (`enqueue`, e.g. `JobService.createInternal`) and links
 * the two; when the enqueue fails (a quota, the database), the record is removed so nothing half-made stays.
 */
export async function enqueueRecordJob<J extends { id: string }>(
  records: { attachJob(tenantId: string, id: string, jobId: string): Promise<void>; remove(tenantId: string, id: string): Promise<void> },
  tenantId: string,
  recordId: string,
  enqueue: () => Promise<J>,
): Promise<J> {
  try {
    const job = await enqueue();
    await records.attachJob(tenantId, recordId, job.id);
    return job;
  } catch (error) {
    await records.remove(tenantId, recordId);
    throw error;
  }
}
