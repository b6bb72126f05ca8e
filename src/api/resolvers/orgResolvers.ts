import type { Resolvers } from '../generated/graphql.ts';
import { guard } from './guard.ts';

/** Queries, mutations and fields of Salesforce orgs. */
export const orgResolvers: Resolvers = {
  Query: {
    orgs: (_, __, ctx) => guard(() => ctx.orgs.list(ctx.caller.tenantId)),
    org: (_, { id }, ctx) => guard(() => ctx.orgs.get(ctx.caller.tenantId, id, { refresh: true })),
  },
  Mutation: {
    connectOrg: (_, { input }, ctx) => guard(() => ctx.orgs.connect(ctx.caller.tenantId, input)),
  },
  Org: {
    authFlow: (org) => org.flow,
  },
};
