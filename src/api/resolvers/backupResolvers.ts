import type { Resolvers } from '../generated/graphql.ts';
import { BackupObjectStatus } from '../../storage/index.ts';
import { guard } from './guard.ts';

/** The job type running backups (registered by `src/jobs/salesforce`; the API only names it). */
const BACKUP_JOB_TYPE = 'salesforce.backup';

/** Queries, mutations and fields of backups. */
export const backupResolvers: Resolvers = {
  Query: {
    backups: (_, { orgId }, ctx) =>
      guard(async () => {
        await ctx.orgs.require(ctx.caller.tenantId, orgId);
        return ctx.backups.listByOrg(ctx.caller.tenantId, orgId);
      }),
    backup: (_, { id }, ctx) => guard(() => ctx.backups.get(ctx.caller.tenantId, id)),
  },
  Mutation: {
    startBackup: (_, { orgId, objects, mode }, ctx) =>
      guard(async () => {
        await ctx.orgs.require(ctx.caller.tenantId, orgId);
        const backupMode = mode ?? 'FULL';
        // Input is checked by the job type before anything is stored.
        ctx.jobs.registry.parseInput(BACKUP_JOB_TYPE, { backupId: '0'.repeat(24), orgId, mode: backupMode, objects: objects ?? undefined });
        const backup = await ctx.backups.create({ tenantId: ctx.caller.tenantId, orgId, mode: backupMode, objects: objects ?? null });
        try {
          const job = await ctx.jobs.create(ctx.caller, { type: BACKUP_JOB_TYPE, input: { backupId: backup.id, orgId, mode: backupMode, objects: objects ?? undefined } });
          await ctx.backups.attachJob(backup.id, job.id);
          return job;
        } catch (error) {
          await ctx.backups.remove(backup.id);
          throw error;
        }
      }),
  },
  Backup: {
    // A backup whose job gave up (or was cancelled) never wrote its own end.
    status: async (backup, _, ctx) => {
      if ((backup.status !== 'QUEUED' && backup.status !== 'RUNNING') || backup.jobId === null) return backup.status;
      const job = await ctx.jobs.get(ctx.caller, backup.jobId);
      return job !== null && (job.state === 'FAILED' || job.state === 'CANCELLED') ? 'FAILED' : backup.status;
    },
    org: (backup, _, ctx) => ctx.orgs.get(ctx.caller.tenantId, backup.orgId),
    job: (backup, _, ctx) => (backup.jobId === null ? null : ctx.jobs.get(ctx.caller, backup.jobId)),
    records: (backup) => backup.objects.reduce((sum, o) => sum + o.records, 0),
    bytes: (backup) => backup.objects.reduce((sum, o) => sum + o.bytes, 0),
    errors: (backup) => backup.objects.filter((o) => o.status === BackupObjectStatus.Failed),
    durationMs: (backup) => (backup.startedAt !== null && backup.finishedAt !== null ? backup.finishedAt.getTime() - backup.startedAt.getTime() : null),
    estimatedRecords: (backup) => backup.objects.reduce((sum, o) => sum + (o.estimatedRecords ?? 0), 0),
    currentObject: (backup) => backup.objects.find((o) => o.status === BackupObjectStatus.Running)?.name ?? null,
    objectsDone: (backup) => backup.objects.filter((o) => o.status === BackupObjectStatus.Succeeded || o.status === BackupObjectStatus.Failed).length,
    objectsTotal: (backup) => backup.objects.length,
  },
  BackupObject: {
    mode: (entry) => entry.mode ?? 'FULL',
    method: (entry) => entry.method ?? null,
    baseBackupId: (entry) => entry.baseBackupId ?? null,
    changesSince: (entry) => (entry.changesSince === undefined || entry.changesSince === null ? null : new Date(entry.changesSince)),
    deletedRecords: (entry) => entry.deletedRecords ?? 0,
  },
};
