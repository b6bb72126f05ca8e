import type { Resolvers } from '../generated/graphql.ts';
import { guard } from './guard.ts';

/** Data changes of backups and the data-change alert rules of orgs: thin calls to their services. */
export const backupChangeResolvers: Resolvers = {
  Query: {
    backupChanges: (_, { backupId, object, kind, first, after }, ctx) => guard(() => ctx.backupChanges.list(ctx.caller, { backupId, object, kind, first, after })),
    dataChangeAlertRules: (_, { orgId }, ctx) => guard(() => ctx.dataChangeRules.get(ctx.caller.tenantId, orgId)),
  },
  Mutation: {
    setDataChangeAlertRules: (_, { orgId, rules }, ctx) => guard(() => ctx.dataChangeRules.set(ctx.caller.tenantId, orgId, rules)),
  },
  Backup: {
    changes: (backup) =>
      backup.objects.flatMap((o) =>
        o.changes === undefined || o.changes === null
          ? []
          : [{ object: o.name, previousBackupId: o.changes.previousBackupId, previousRecords: o.changes.previousRecords, created: o.changes.created, updated: o.changes.updated, deleted: o.changes.deleted }],
      ),
  },
  BackupChangeConnection: {
    pageInfo: (page) => ({ hasNextPage: page.hasNextPage, endCursor: page.endCursor }),
  },
  DataChangeAlertRules: {
    rules: (rules) => [...rules.rules],
  },
};
