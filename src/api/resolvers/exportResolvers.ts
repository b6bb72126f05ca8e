import type { Resolvers } from '../generated/graphql.ts';
import { exportDownloadPath, ExportStatus } from '../../storage/index.ts';
import { guard } from './guard.ts';

/** Queries, mutations and fields of CSV exports: thin calls to `ExportService`. */
export const exportResolvers: Resolvers = {
  Query: {
    export: (_, { id }, ctx) => guard(() => ctx.recovery.exports.get(ctx.caller, id)),
    exports: (_, __, ctx) => guard(() => ctx.recovery.exports.list(ctx.caller)),
  },
  Mutation: {
    startExport: (_, { input }, ctx) => guard(() => ctx.recovery.exports.start(ctx.caller, input)),
  },
  Export: {
    // A file past its time is expired even before the sweeper marks it.
    status: (exp) => (exp.status === ExportStatus.Succeeded && exp.expiresAt !== null && exp.expiresAt.getTime() <= Date.now() ? ExportStatus.Expired : exp.status),
    url: (exp) => (exp.status === ExportStatus.Succeeded && (exp.expiresAt === null || exp.expiresAt.getTime() > Date.now()) ? exportDownloadPath(exp.id) : null),
    backup: (exp, _, ctx) => ctx.backups.get(ctx.caller, exp.backupId),
    org: (exp, _, ctx) => ctx.orgs.get(ctx.caller.tenantId, exp.orgId),
    // Read by the service with the export (see `readWithJobs`).
    job: (exp) => exp.job,
  },
};
