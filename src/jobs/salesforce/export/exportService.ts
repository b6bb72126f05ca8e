import type { Caller, JobService } from '../../../engine/jobService.ts';
import type { JobTransition } from '../../../engine/jobType.ts';
import type { JobView } from '../../../engine/jobView.ts';
import type { Logger } from '../../../logging/logger.ts';
import {
  BackupNotFoundError,
  BackupObjectStatus,
  SnapshotUnavailableError,
  type BackupStore,
  type ExportFilterCondition,
  type ExportStore,
  type ExportView,
} from '../../../storage/index.ts';
import { followJobRecord } from '../jobRecordFollower.ts';
import { EXPORT_JOB_TYPE } from './exportJob.ts';
import { enqueueRecordJob } from '../jobRecords.ts';
import { readWithJobs, type RecordWithJob } from '../recordWithJob.ts';

/** An export with its job, read so that an ended job never comes with an unfinished export (see `readWithJobs`). */
export type ExportWithJob = RecordWithJob<ExportView>;

/** Options of {@link ExportService}. */
export interface ExportServiceOptions {
  /** Creates the internal `salesforce.export` jobs. */
  jobs: Pick<JobService, 'createInternal' | 'registry' | 'getMany'>;
  backups: BackupStore;
  exports: ExportStore;
  logger: Logger;
}

/** What a client asks for when it starts an export. */
export interface StartExportRequest {
  backupId: string;
  object: string;
  fields?: string[] | null;
  filter?: ExportFilterCondition[] | null;
  /** Neutralise formula-like text cells (OWASP CSV injection); default false. */
  spreadsheetSafe?: boolean | null;
}

/**
 * CSV exports of each tenant: starts one (the backup must be the caller's and hold the object),
 * records it, enqueues its internal job (the record is removed if that fails), reads exports, and
 * makes an export follow its job when the job gives up or is cancelled.
 */
export class ExportService {
  constructor(private readonly options: ExportServiceOptions) {}

  /** Starts an export; returns its job. Throws `BackupNotFoundError`, `SnapshotUnavailableError`, `InvalidJobInputError`; nothing is written then. */
  async start(caller: Caller, input: StartExportRequest): Promise<JobView> {
    const { jobs, backups, exports } = this.options;
    const tenantId = caller.tenantId;
    const backup = await backups.get(tenantId, input.backupId);
    if (backup === null) throw new BackupNotFoundError(`backup ${input.backupId} not found`);
    if (!backup.objects.some((o) => o.name === input.object && o.status === BackupObjectStatus.Succeeded)) {
      throw new SnapshotUnavailableError(`backup ${input.backupId} holds no complete copy of ${input.object}`);
    }
    const filter = (input.filter ?? []).map((c) => ({ field: c.field, operator: c.operator, value: c.value ?? null }));
    const request = { backupId: input.backupId, object: input.object, fields: input.fields ?? undefined, filter };
    jobs.registry.parseInput(EXPORT_JOB_TYPE, { exportId: '0'.repeat(24), ...request });
    const exp = await exports.create({ tenantId, orgId: backup.orgId, ...request, fields: request.fields ?? null });
    return enqueueRecordJob(exports, tenantId, exp.id, () =>
      jobs.createInternal(caller, { type: EXPORT_JOB_TYPE, input: { exportId: exp.id, ...request, spreadsheetSafe: input.spreadsheetSafe ?? false } }),
    );
  }

  /** The caller's export with its job, or `null`. */
  async get(caller: Caller, id: string): Promise<ExportWithJob | null> {
    const exp = await this.options.exports.get(caller.tenantId, id);
    return exp === null ? null : (await this.withJobs(caller, [exp]))[0]!;
  }

  /** The caller's exports with their jobs, newest first (at most 100). */
  async list(caller: Caller): Promise<ExportWithJob[]> {
    return this.withJobs(caller, await this.options.exports.list(caller.tenantId));
  }

  private withJobs(caller: Caller, exports: readonly ExportView[]): Promise<ExportWithJob[]> {
    return readWithJobs(this.options.jobs, caller, exports, (id) => this.options.exports.get(caller.tenantId, id));
  }

  /** The `salesforce.export` type's transition hook: an export whose job gave up is `FAILED`, a cancelled one `CANCELLED`. */
  async followJob(transition: JobTransition): Promise<void> {
    await followJobRecord(this.options.exports, 'exportId', transition).catch((error: unknown) =>
      this.options.logger.error({ err: error, jobId: transition.jobId, kind: transition.kind }, 'could not make the export follow its job'),
    );
  }
}
