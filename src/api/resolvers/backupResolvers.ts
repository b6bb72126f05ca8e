import type { Resolvers } from '../generated/graphql.ts';
import { BackupObjectStatus } from '../../storage/index.ts';
import { guard } from './guard.ts';

/** Queries, mutations and fields of backups: thin calls to `BackupService`. */
export const backupResolvers: Resolvers = {
  Query: {
    backups: (_, { orgId }, ctx) => guard(() => ctx.backups.listByOrg(ctx.caller, orgId)),
    backup: (_, { id }, ctx) => guard(() => ctx.backups.get(ctx.caller, id)),
  },
  Mutation: {
    startBackup: (_, { orgId, objects, mode }, ctx) => guard(() => ctx.backups.start(ctx.caller, { orgId, objects, mode })),
  },
  Backup: {
    org: (backup, _, ctx) => ctx.orgs.get(ctx.caller.tenantId, backup.orgId),
    // Read by the service with the backup (the job first): an ended job never comes with an unfinished backup.
    job: (backup) => backup.job,
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
