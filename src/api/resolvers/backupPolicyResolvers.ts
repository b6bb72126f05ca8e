import type { Resolvers } from '../generated/graphql.ts';
import type { ApiContext } from '../context.ts';
import { policyCron, type RetentionDecision } from '../../jobs/salesforce/index.ts';
import { guard } from './guard.ts';

/** Each request's retention plans, one per org (every backup of a list shares its org's plan). */
const plans = new WeakMap<ApiContext, Map<string, Promise<Map<string, RetentionDecision>>>>();

function retentionOf(ctx: ApiContext, orgId: string, backupId: string): Promise<RetentionDecision | undefined> {
  let byOrg = plans.get(ctx);
  if (byOrg === undefined) plans.set(ctx, (byOrg = new Map<string, Promise<Map<string, RetentionDecision>>>()));
  let plan = byOrg.get(orgId);
  if (plan === undefined) byOrg.set(orgId, (plan = ctx.backupPolicies.retention(ctx.caller.tenantId, orgId)));
  return plan.then((p) => p.get(backupId));
}

/** Queries and mutations of backup policies, and the retention fields of a backup: thin calls to `BackupPolicyService`. */
export const backupPolicyResolvers: Resolvers = {
  Query: {
    backupPolicy: (_, { orgId }, ctx) => guard(() => ctx.backupPolicies.get(ctx.caller, orgId)),
  },
  Mutation: {
    setBackupPolicy: (_, { orgId, policy }, ctx) =>
      guard(() =>
        ctx.backupPolicies.set(ctx.caller, orgId, {
          objects: policy.objects,
          at: policy.at,
          timezone: policy.timezone,
          fullEvery: policy.fullEvery,
          retention: policy.retention,
          enabled: policy.enabled,
        }),
      ),
    removeBackupPolicy: (_, { orgId }, ctx) => guard(() => ctx.backupPolicies.remove(ctx.caller, orgId)),
  },
  BackupPolicy: {
    org: (policy, _, ctx) => ctx.orgs.get(ctx.caller.tenantId, policy.orgId),
    cron: (policy) => policyCron(policy.at),
    fullEvery: (policy) => policy.fullEveryDays,
  },
  Backup: {
    keptBy: async (backup, _, ctx) => (await retentionOf(ctx, backup.orgId, backup.id))?.keptBy ?? [],
    expiresAt: async (backup, _, ctx) => (await retentionOf(ctx, backup.orgId, backup.id))?.expiresAt ?? null,
  },
};
