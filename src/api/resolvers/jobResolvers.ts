import type { Resolvers } from '../generated/graphql.ts';
import type { JobErrorRecord } from '../../engine/jobRecord.ts';
import { ApiErrorCode } from '../errors/apiErrorCode.ts';
import { apiError } from '../errors/toGraphQLError.ts';
import { guard } from './guard.ts';

const MAX_PAGE = 100;
const MAX_LOG_LINES = 1000;

/** Stacks name server files: only operators see them (tenants get the code and message). */
const jobError = (e: JobErrorRecord, operator: boolean) => ({ code: e.code, message: e.message, attempt: e.attempt, at: e.at, stack: operator ? (e.stack ?? null) : null });

/** Queries, mutations and fields of jobs. */
export const jobResolvers: Resolvers = {
  Query: {
    job: (_, { id }, ctx) => guard(() => ctx.jobs.get(ctx.caller, id)),
    jobs: (_, { filter, first, after }, ctx) =>
      guard(async () => {
        const size = first ?? 20;
        if (size < 1 || size > MAX_PAGE) throw apiError(ApiErrorCode.BadUserInput, `first must be between 1 and ${MAX_PAGE}`);
        const page = await ctx.jobs.list(ctx.caller, { types: filter?.types, states: filter?.states }, size, after);
        return { edges: page.edges, nodes: page.edges.map((e) => e.node), pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor } };
      }),
    jobTypes: (_, __, ctx) =>
      ctx.jobs.registry.listPublic().map((t) => ({
        name: t.name,
        description: t.description,
        inputSchema: ctx.jobs.registry.inputJsonSchema(t.name),
        defaultPriority: t.resolved.priority,
        defaultMaxAttempts: t.resolved.maxAttempts,
        concurrency: t.resolved.concurrency,
      })),
  },
  Mutation: {
    createJob: (_, { input }, ctx) => guard(() => ctx.jobs.create(ctx.caller, input)),
    cancelJob: (_, { id }, ctx) => guard(() => ctx.jobs.cancel(ctx.caller, id)),
    retryJob: (_, { id }, ctx) => guard(() => ctx.jobs.retry(ctx.caller, id)),
  },
  Job: {
    progress: (job) => ({
      processed: job.progress.processed,
      total: job.progress.total,
      fraction: job.progress.total !== null && job.progress.total > 0 ? Math.min(1, job.progress.processed / job.progress.total) : null,
      message: job.progress.message,
    }),
    input: (job) => job.input ?? {},
    lastError: (job, _, ctx) => (job.lastError === null ? null : jobError(job.lastError, ctx.caller.operator)),
    errors: (job, _, ctx) => job.errors.map((e) => jobError(e, ctx.caller.operator)),
    checkpoint: (job, _, ctx) => (job.checkpoint !== undefined ? job.checkpoint : ctx.loaders.checkpoint.load(job.id)),
    logs: (job, { last }, ctx) => {
      const count = last ?? 50;
      if (count < 0 || count > MAX_LOG_LINES) throw apiError(ApiErrorCode.BadUserInput, `last must be between 0 and ${MAX_LOG_LINES}`);
      return ctx.loaders.logs.load({ jobId: job.id, logCount: job.logCount, last: count });
    },
  },
};
