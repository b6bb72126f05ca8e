import { defineJobType, type JobType } from '../../../engine/jobType.ts';
import { ExportJobInput } from './exportJobInput.ts';
import { ExportRun, type ExportJobDependencies, type ExportJobResult } from './exportRun.ts';

/** Name of the export job type. */
export const EXPORT_JOB_TYPE = 'salesforce.export';

/**
 * `salesforce.export`: writes one object of a backup as CSV (RFC 4180: header row, UTF-8, CRLF,
 * quoting where needed; lookups flattened by relationship name) into GridFS, streamed from the backup
 * in batches: memory stays flat whatever the object's size. Internal: only `ExportService` creates its
 * jobs; an export or backup of another tenant fails the job at once (`RECORD_NOT_FOUND`), writing nothing.
 */
export function createExportJobType(deps: ExportJobDependencies): JobType<ExportJobInput, never, ExportJobResult> {
  return defineJobType<ExportJobInput, never, ExportJobResult>({
    name: EXPORT_JOB_TYPE,
    description: 'Exports one object of a backup as CSV (created by startExport). Result: { exportId, url, bytes, rows, sha256, expiresAt }.',
    visibility: 'internal',
    input: ExportJobInput,
    defaults: { concurrency: 2, maxAttempts: 3, backoff: { delayMs: 2000, maxDelayMs: 60_000 } },
    run: (ctx) => new ExportRun(ctx, deps).run(),
    onTransition: (transition) => deps.service.followJob(transition),
  });
}
