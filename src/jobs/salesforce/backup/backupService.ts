import type { Caller, JobService } from '../../../engine/jobService.ts';
import type { JobTransition } from '../../../engine/jobType.ts';
import type { JobView } from '../../../engine/jobView.ts';
import type { Logger } from '../../../logging/logger.ts';
import type { OrgService } from '../../../salesforce/index.ts';
import type { BackupMode, BackupStore, BackupView } from '../../../storage/index.ts';
import { followJobRecord } from '../jobRecordFollower.ts';
import { BACKUP_JOB_TYPE } from './backupJobType.ts';
import { enqueueRecordJob } from '../jobRecords.ts';
import { readWithJobs, type RecordWithJob } from '../recordWithJob.ts';

/** A backup with its job, read so that an ended job never comes with an unfinished backup (see `readWithJobs`). */
export type BackupWithJob = RecordWithJob<BackupView>;

/** Options of {@link BackupService}. */
export interface BackupServiceOptions {
  /** Creates the internal `salesforce.backup` jobs. */
  jobs: Pick<JobService, 'createInternal' | 'registry' | 'getMany'>;
  orgs: Pick<OrgService, 'require'>;
  backups: BackupStore;
  logger: Logger;
}

/** What a client asks for when it starts a backup. */
export interface StartBackupRequest {
  orgId: string;
  /** Default: every queryable, replicateable object. */
  objects?: string[] | null;
  /** Default `FULL`. */
  mode?: BackupMode | null;
}

/**
 * Backups of each tenant: starts one (checks the org is the caller's, validates, records the backup,
 * enqueues its internal job, and removes the record if the enqueue fails), reads them, and makes a
 * backup follow its job when the job gives up or is cancelled.
 */
export class BackupService {
  constructor(private readonly options: BackupServiceOptions) {}

  /** Starts a backup of the caller's org; returns its job. Throws `OrgNotFoundError`, `InvalidJobInputError`; nothing is written then. */
  async start(caller: Caller, request: StartBackupRequest): Promise<JobView> {
    const { jobs, orgs, backups } = this.options;
    await orgs.require(caller.tenantId, request.orgId);
    const mode = request.mode ?? 'FULL';
    const objects = request.objects ?? undefined;
    // The job type checks the input before anything is stored (the id is a placeholder of the right shape).
    jobs.registry.parseInput(BACKUP_JOB_TYPE, { backupId: '0'.repeat(24), orgId: request.orgId, mode, objects });
    const backup = await backups.create({ tenantId: caller.tenantId, orgId: request.orgId, mode, objects: objects ?? null });
    return enqueueRecordJob(backups, caller.tenantId, backup.id, () => jobs.createInternal(caller, { type: BACKUP_JOB_TYPE, input: { backupId: backup.id, orgId: request.orgId, mode, objects } }));
  }

  /** The caller's backup with its job, or `null`. */
  async get(caller: Caller, id: string): Promise<BackupWithJob | null> {
    const backup = await this.options.backups.get(caller.tenantId, id);
    return backup === null ? null : (await this.withJobs(caller, [backup]))[0]!;
  }

  /** The caller's backups of one of its orgs with their jobs, newest first. Throws `OrgNotFoundError`. */
  async listByOrg(caller: Caller, orgId: string): Promise<BackupWithJob[]> {
    await this.options.orgs.require(caller.tenantId, orgId);
    return this.withJobs(caller, await this.options.backups.listByOrg(caller.tenantId, orgId));
  }

  private withJobs(caller: Caller, backups: readonly BackupView[]): Promise<BackupWithJob[]> {
    return readWithJobs(this.options.jobs, caller, backups, (id) => this.options.backups.get(caller.tenantId, id));
  }

  /** The `salesforce.backup` type's transition hook: a backup whose job gave up is `FAILED`, a cancelled one `CANCELLED`. */
  async followJob(transition: JobTransition): Promise<void> {
    await followJobRecord(this.options.backups, 'backupId', transition).catch((error: unknown) =>
      this.options.logger.error({ err: error, jobId: transition.jobId, kind: transition.kind }, 'could not make the backup follow its job'),
    );
  }
}
