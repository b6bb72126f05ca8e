import type { Caller, JobService } from '../../../engine/jobService.ts';
import type { JobTransition } from '../../../engine/jobType.ts';
import type { JobView } from '../../../engine/jobView.ts';
import type { Logger } from '../../../logging/logger.ts';
import type { OrgService } from '../../../salesforce/index.ts';
import {
  BackupNotFinishedError,
  BackupNotFoundError,
  BackupStatus,
  type BackupStore,
  type IdMapping,
  type RestoreMode,
  type RestoreResultFilter,
  type RestoreResultStore,
  type RestoreResultView,
  type RestoreStore,
  type RestoreView,
} from '../../../storage/index.ts';
import { followJobRecord } from '../jobRecordFollower.ts';
import { RESTORE_JOB_TYPE } from './restoreJob.ts';
import { enqueueRecordJob } from '../jobRecords.ts';
import { readWithJobs, type RecordWithJob } from '../recordWithJob.ts';

/** A restore with its job, read so that an ended job never comes with an unfinished restore (see `readWithJobs`). */
export type RestoreWithJob = RecordWithJob<RestoreView>;

/** Options of {@link RestoreService}. */
export interface RestoreServiceOptions {
  /** Creates the internal `salesforce.restore` jobs. */
  jobs: Pick<JobService, 'createInternal' | 'registry' | 'getMany'>;
  orgs: Pick<OrgService, 'require'>;
  backups: BackupStore;
  restores: RestoreStore;
  results: RestoreResultStore;
  logger: Logger;
}

/** What a client asks for when it starts a restore. */
export interface StartRestoreRequest {
  backupId: string;
  targetOrgId: string;
  mode?: RestoreMode | null;
  dryRun?: boolean | null;
  objects?: string[] | null;
  recordIds?: string[] | null;
  ownerMappings?: IdMapping[] | null;
  recordTypeMappings?: IdMapping[] | null;
}

/**
 * Restores of each tenant: starts one (the backup and the target org must be the caller's, the
 * backup finished), records it, enqueues its internal job (the record is removed if that fails),
 * reads restores and their per-record results, and makes a restore follow its job when the job
 * gives up or is cancelled.
 */
export class RestoreService {
  constructor(private readonly options: RestoreServiceOptions) {}

  /**
   * Starts a restore; returns its job. Another tenant's backup or org is not found (its existence
   * is not the caller's business). Throws `BackupNotFoundError`, `OrgNotFoundError`,
   * `BackupNotFinishedError`, `InvalidJobInputError`; nothing is written then.
   */
  async start(caller: Caller, input: StartRestoreRequest): Promise<JobView> {
    const { jobs, orgs, backups, restores } = this.options;
    const tenantId = caller.tenantId;
    const backup = await backups.get(tenantId, input.backupId);
    if (backup === null) throw new BackupNotFoundError(`backup ${input.backupId} not found`);
    if (backup.status !== BackupStatus.Succeeded && backup.status !== BackupStatus.Partial) {
      throw new BackupNotFinishedError(`backup ${input.backupId} is ${backup.status}: only a finished backup can be restored`);
    }
    await orgs.require(tenantId, input.targetOrgId);
    const request = {
      backupId: input.backupId,
      targetOrgId: input.targetOrgId,
      mode: input.mode ?? 'UPSERT',
      dryRun: input.dryRun ?? false,
      objects: input.objects ?? undefined,
      recordIds: input.recordIds ?? undefined,
      ownerMappings: input.ownerMappings ?? [],
      recordTypeMappings: input.recordTypeMappings ?? [],
    };
    jobs.registry.parseInput(RESTORE_JOB_TYPE, { restoreId: '0'.repeat(24), ...request });
    const restore = await restores.create({ tenantId, sourceOrgId: backup.orgId, ...request, objects: request.objects ?? null, recordIds: request.recordIds ?? null });
    return enqueueRecordJob(restores, tenantId, restore.id, () => jobs.createInternal(caller, { type: RESTORE_JOB_TYPE, input: { restoreId: restore.id, ...request } }));
  }

  /** The caller's restore with its job, or `null`. */
  async get(caller: Caller, id: string): Promise<RestoreWithJob | null> {
    const restore = await this.options.restores.get(caller.tenantId, id);
    return restore === null ? null : (await this.withJobs(caller, [restore]))[0]!;
  }

  /** The caller's restores with their jobs, newest first (at most 100). */
  async list(caller: Caller): Promise<RestoreWithJob[]> {
    return this.withJobs(caller, await this.options.restores.list(caller.tenantId));
  }

  private withJobs(caller: Caller, restores: readonly RestoreView[]): Promise<RestoreWithJob[]> {
    return readWithJobs(this.options.jobs, caller, restores, (id) => this.options.restores.get(caller.tenantId, id));
  }

  /** Per-record results of one of the caller's restores, in cursor order. */
  results(caller: Caller, restore: Pick<RestoreView, 'id'>, filter: RestoreResultFilter = {}): Promise<RestoreResultView[]> {
    return this.options.results.list(caller.tenantId, restore.id, filter);
  }

  /** The `salesforce.restore` type's transition hook: a restore whose job gave up is `FAILED`, a cancelled one `CANCELLED`. */
  async followJob(transition: JobTransition): Promise<void> {
    await followJobRecord(this.options.restores, 'restoreId', transition).catch((error: unknown) =>
      this.options.logger.error({ err: error, jobId: transition.jobId, kind: transition.kind }, 'could not make the restore follow its job'),
    );
  }
}
