import type { Resolvers } from '../generated/graphql.ts';
import { ApiErrorCode } from '../errors/apiErrorCode.ts';
import { apiError } from '../errors/toGraphQLError.ts';
import { BackupStatus, RestoreStatus, type RestoreCounts } from '../../storage/index.ts';
import { guard } from './guard.ts';

/** The job type running restores (registered by `src/jobs/salesforce`; the API only names it). */
const RESTORE_JOB_TYPE = 'salesforce.restore';

/** Queries, mutations and fields of restores. */
export const restoreResolvers: Resolvers = {
  Query: {
    restore: (_, { id }, ctx) => guard(() => ctx.recovery.restores.get(ctx.caller.tenantId, id)),
    restores: (_, __, ctx) => guard(() => ctx.recovery.restores.list(ctx.caller.tenantId)),
  },
  Mutation: {
    startRestore: (_, { input }, ctx) =>
      guard(async () => {
        const tenantId = ctx.caller.tenantId;
        // Another tenant's backup or org is "not found": its existence is not the caller's business.
        const backup = await ctx.backups.get(tenantId, input.backupId);
        if (backup === null) throw apiError(ApiErrorCode.NotFound, `backup ${input.backupId} not found`);
        if (backup.status !== BackupStatus.Succeeded && backup.status !== BackupStatus.Partial) {
          throw apiError(ApiErrorCode.BadUserInput, `backup ${input.backupId} is ${backup.status}: only a finished backup can be restored`);
        }
        await ctx.orgs.require(tenantId, input.targetOrgId);
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
        // Input is checked by the job type before anything is stored.
        ctx.jobs.registry.parseInput(RESTORE_JOB_TYPE, { restoreId: '0'.repeat(24), ...request });
        const restore = await ctx.recovery.restores.create({
          tenantId,
          sourceOrgId: backup.orgId,
          ...request,
          objects: request.objects ?? null,
          recordIds: request.recordIds ?? null,
        });
        try {
          const job = await ctx.jobs.create(ctx.caller, { type: RESTORE_JOB_TYPE, input: { restoreId: restore.id, ...request } });
          await ctx.recovery.restores.attachJob(restore.id, job.id);
          return job;
        } catch (error) {
          await ctx.recovery.restores.remove(restore.id);
          throw error;
        }
      }),
  },
  Restore: {
    // A restore whose job gave up (or was cancelled) never wrote its own end.
    status: async (restore, _, ctx) => {
      if ((restore.status !== RestoreStatus.Queued && restore.status !== RestoreStatus.Running) || restore.jobId === null) return restore.status;
      const job = await ctx.jobs.get(ctx.caller, restore.jobId);
      return job !== null && (job.state === 'FAILED' || job.state === 'CANCELLED') ? RestoreStatus.Failed : restore.status;
    },
    backup: (restore, _, ctx) => ctx.backups.get(ctx.caller.tenantId, restore.backupId),
    targetOrg: (restore, _, ctx) => ctx.orgs.get(ctx.caller.tenantId, restore.targetOrgId),
    job: (restore, _, ctx) => (restore.jobId === null ? null : ctx.jobs.get(ctx.caller, restore.jobId)),
    totals: (restore) =>
      Object.values(restore.counts).reduce<RestoreCounts>(
        (sum, c) => ({ created: sum.created + c.created, updated: sum.updated + c.updated, failed: sum.failed + c.failed, skipped: sum.skipped + c.skipped }),
        { created: 0, updated: 0, failed: 0, skipped: 0 },
      ),
    counts: (restore) => Object.entries(restore.counts).map(([object, c]) => ({ object, ...c })),
    results: (restore, { filter }, ctx) =>
      guard(() =>
        ctx.recovery.restoreResults.list(restore.id, {
          outcome: filter?.outcome ?? undefined,
          object: filter?.object ?? undefined,
          after: filter?.after ?? undefined,
          first: filter?.first ?? undefined,
        }),
      ),
  },
};
