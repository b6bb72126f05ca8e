import { z } from 'zod';
import { defineJobType, type JobType } from '../../../engine/jobType.ts';
import { RECORD_ID_PATTERN } from '../../../storage/index.ts';
import { POLICY_BACKUP_JOB_TYPE, type BackupPolicyService, type PolicyBackupOutcome } from './backupPolicyService.ts';

/** Input of `salesforce.policyBackup`, written by a policy's owned schedule. */
export const PolicyBackupJobInput = z.object({ orgId: z.string().regex(RECORD_ID_PATTERN) }).strict();
export type PolicyBackupJobInput = z.output<typeof PolicyBackupJobInput>;

/**
 * `salesforce.policyBackup`: one occurrence of an org's backup policy. Starts the backup the policy says (FULL
 * when the last FULL is older than `fullEvery` days or there is none, else INCREMENTAL) through `BackupService`,
 * or skips it while another backup of the org runs (result `{ skipped: 'BACKUP_RUNNING', jobId }`), and prunes.
 * Internal: only the policy's schedule creates its jobs.
 */
export function createPolicyBackupJobType(deps: { policies: Pick<BackupPolicyService, 'runScheduled'> }): JobType<PolicyBackupJobInput, never, PolicyBackupOutcome> {
  return defineJobType<PolicyBackupJobInput, never, PolicyBackupOutcome>({
    name: POLICY_BACKUP_JOB_TYPE,
    description: "Runs one occurrence of an org's backup policy: starts its FULL or INCREMENTAL backup, or skips it while one runs.",
    visibility: 'internal',
    input: PolicyBackupJobInput,
    defaults: { concurrency: 4, maxAttempts: 5, backoff: { delayMs: 5000, maxDelayMs: 300_000 } },
    run: async (ctx) => {
      const outcome = await deps.policies.runScheduled(ctx.tenantId, ctx.input.orgId);
      ctx.logger.info('started' in outcome ? `started a ${outcome.mode} backup (job ${outcome.jobId})` : `skipped: ${outcome.skipped}`, { orgId: ctx.input.orgId });
      return outcome;
    },
  });
}
