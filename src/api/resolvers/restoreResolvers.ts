import type { Resolvers } from '../generated/graphql.ts';
import type { RestoreCounts } from '../../storage/index.ts';
import { guard } from './guard.ts';

/** Queries, mutations and fields of restores: thin calls to `RestoreService`. */
export const restoreResolvers: Resolvers = {
  Query: {
    restore: (_, { id }, ctx) => guard(() => ctx.recovery.restores.get(ctx.caller, id)),
    restores: (_, __, ctx) => guard(() => ctx.recovery.restores.list(ctx.caller)),
  },
  Mutation: {
    startRestore: (_, { input }, ctx) => guard(() => ctx.recovery.restores.start(ctx.caller, input)),
  },
  Restore: {
    backup: (restore, _, ctx) => ctx.backups.get(ctx.caller, restore.backupId),
    targetOrg: (restore, _, ctx) => ctx.orgs.get(ctx.caller.tenantId, restore.targetOrgId),
    // Read by the service with the restore (see `readWithJobs`).
    job: (restore) => restore.job,
    totals: (restore) =>
      Object.values(restore.counts).reduce<RestoreCounts>(
        (sum, c) => ({ created: sum.created + c.created, updated: sum.updated + c.updated, failed: sum.failed + c.failed, skipped: sum.skipped + c.skipped }),
        { created: 0, updated: 0, failed: 0, skipped: 0 },
      ),
    counts: (restore) => Object.entries(restore.counts).map(([object, c]) => ({ object, ...c })),
    results: (restore, { filter }, ctx) =>
      guard(() =>
        ctx.recovery.restores.results(ctx.caller, restore, {
          outcome: filter?.outcome ?? undefined,
          object: filter?.object ?? undefined,
          after: filter?.after ?? undefined,
          first: filter?.first ?? undefined,
        }),
      ),
  },
};
