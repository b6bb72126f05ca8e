import type { Resolvers } from '../generated/graphql.ts';
import type { ApiContext } from '../context.ts';
import { ApiErrorCode } from '../errors/apiErrorCode.ts';
import { apiError } from '../errors/toGraphQLError.ts';
import { guard } from './guard.ts';

const MAX_PAGE = 100;

/** Refuses a non-operator key an operator action with `FORBIDDEN`. */
function requireOperator(ctx: ApiContext, action: string): void {
  if (!ctx.caller.operator) throw apiError(ApiErrorCode.Forbidden, `${action} needs an operator key`);
}

/**
 * The debug queue: `Monitoring.debugQueue` (the caller's tenant's DEBUG jobs, every tenant's for an
 * operator), `Job.debugActions`, and the operator mutations that rerun, requeue or discard a DEBUG job.
 */
export const debugQueueResolvers: Resolvers = {
  Monitoring: {
    debugQueue: (_, { first, after }, ctx) =>
      guard(async () => {
        const size = first ?? 20;
        if (size < 1 || size > MAX_PAGE) throw apiError(ApiErrorCode.BadUserInput, `first must be between 1 and ${MAX_PAGE}`);
        const page = await ctx.debugQueue.list(ctx.caller, size, after);
        return { edges: page.edges, nodes: page.edges.map((e) => e.node), pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor } };
      }),
  },
  Mutation: {
    rerunInDebug: (_, { id }, ctx) =>
      guard(async () => {
        requireOperator(ctx, 'rerunInDebug');
        return ctx.debugQueue.rerun(ctx.caller, id);
      }),
    requeueFromDebug: (_, { id }, ctx) =>
      guard(async () => {
        requireOperator(ctx, 'requeueFromDebug');
        return ctx.debugQueue.requeue(ctx.caller, id);
      }),
    discardDebugJob: (_, { id, reason }, ctx) =>
      guard(async () => {
        requireOperator(ctx, 'discardDebugJob');
        if (reason.trim() === '') throw apiError(ApiErrorCode.BadUserInput, 'reason must not be empty');
        return ctx.debugQueue.discard(ctx.caller, id, reason);
      }),
  },
  Job: {
    debugActions: (job) => (job.debugActions ?? []).map((a) => ({ kind: a.kind, at: a.at, by: a.by, reason: a.reason })),
  },
};
