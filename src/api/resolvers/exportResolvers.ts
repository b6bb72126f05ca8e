import type { Resolvers } from '../generated/graphql.ts';
import { ApiErrorCode } from '../errors/apiErrorCode.ts';
import { apiError } from '../errors/toGraphQLError.ts';
import { BackupObjectStatus, exportDownloadPath, ExportStatus } from '../../storage/index.ts';
import { guard } from './guard.ts';

/** The job type running exports (registered by `src/jobs/salesforce`; the API only names it). */
const EXPORT_JOB_TYPE = 'salesforce.export';

/** Queries, mutations and fields of CSV exports. */
export const exportResolvers: Resolvers = {
  Query: {
    export: (_, { id }, ctx) => guard(() => ctx.recovery.exports.get(ctx.caller.tenantId, id)),
    exports: (_, __, ctx) => guard(() => ctx.recovery.exports.list(ctx.caller.tenantId)),
  },
  Mutation: {
    startExport: (_, { input }, ctx) =>
      guard(async () => {
        const tenantId = ctx.caller.tenantId;
        const backup = await ctx.backups.get(tenantId, input.backupId);
        if (backup === null) throw apiError(ApiErrorCode.NotFound, `backup ${input.backupId} not found`);
        if (!backup.objects.some((o) => o.name === input.object && o.status === BackupObjectStatus.Succeeded)) {
          throw apiError(ApiErrorCode.BadUserInput, `backup ${input.backupId} holds no complete copy of ${input.object}`);
        }
        const filter = (input.filter ?? []).map((c) => ({ field: c.field, operator: c.operator, value: c.value ?? null }));
        const request = { backupId: input.backupId, object: input.object, fields: input.fields ?? undefined, filter };
        ctx.jobs.registry.parseInput(EXPORT_JOB_TYPE, { exportId: '0'.repeat(24), ...request });
        const exp = await ctx.recovery.exports.create({ tenantId, orgId: backup.orgId, ...request, fields: request.fields ?? null });
        try {
          const job = await ctx.jobs.create(ctx.caller, { type: EXPORT_JOB_TYPE, input: { exportId: exp.id, ...request, spreadsheetSafe: input.spreadsheetSafe ?? false } });
          await ctx.recovery.exports.attachJob(exp.id, job.id);
          return job;
        } catch (error) {
          await ctx.recovery.exports.remove(exp.id);
          throw error;
        }
      }),
  },
  Export: {
    status: async (exp, _, ctx) => {
      if (exp.status === ExportStatus.Succeeded && exp.expiresAt !== null && exp.expiresAt.getTime() <= Date.now()) return ExportStatus.Expired;
      if ((exp.status !== ExportStatus.Queued && exp.status !== ExportStatus.Running) || exp.jobId === null) return exp.status;
      const job = await ctx.jobs.get(ctx.caller, exp.jobId);
      return job !== null && (job.state === 'FAILED' || job.state === 'CANCELLED') ? ExportStatus.Failed : exp.status;
    },
    url: (exp) => (exp.status === ExportStatus.Succeeded && (exp.expiresAt === null || exp.expiresAt.getTime() > Date.now()) ? exportDownloadPath(exp.id) : null),
    backup: (exp, _, ctx) => ctx.backups.get(ctx.caller.tenantId, exp.backupId),
    org: (exp, _, ctx) => ctx.orgs.get(ctx.caller.tenantId, exp.orgId),
    job: (exp, _, ctx) => (exp.jobId === null ? null : ctx.jobs.get(ctx.caller, exp.jobId)),
  },
};
