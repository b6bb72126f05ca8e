import type { Resolvers } from '../generated/graphql.ts';
import { ApiErrorCode } from '../errors/apiErrorCode.ts';
import { apiError } from '../errors/toGraphQLError.ts';
import { guard } from './guard.ts';

const MAX_PAGE = 100;
const MAX_NEXT_RUNS = 50;

/** Checks a page size argument. */
function pageSize(first: number | null | undefined): number {
  const size = first ?? 20;
  if (size < 1 || size > MAX_PAGE) throw apiError(ApiErrorCode.BadUserInput, `first must be between 1 and ${MAX_PAGE}`);
  return size;
}

/** Queries, mutations and fields of schedules: thin, the tenant rule and every check live in `ScheduleService`. */
export const scheduleResolvers: Resolvers = {
  Query: {
    schedule: (_, { id }, ctx) => guard(() => ctx.schedules.get(ctx.caller, id)),
    schedules: (_, { filter, first, after }, ctx) =>
      guard(async () => {
        const page = await ctx.schedules.list(ctx.caller, { enabled: filter?.enabled, jobTypes: filter?.jobTypes, owned: filter?.owned }, pageSize(first), after);
        return { edges: page.edges, nodes: page.edges.map((e) => e.node), pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor } };
      }),
  },
  Mutation: {
    createSchedule: (_, { input }, ctx) => guard(() => ctx.schedules.create(ctx.caller, input)),
    updateSchedule: (_, { id, input }, ctx) => guard(() => ctx.schedules.update(ctx.caller, id, input)),
    pauseSchedule: (_, { id }, ctx) => guard(() => ctx.schedules.pause(ctx.caller, id)),
    resumeSchedule: (_, { id }, ctx) => guard(() => ctx.schedules.resume(ctx.caller, id)),
    deleteSchedule: (_, { id }, ctx) => guard(() => ctx.schedules.delete(ctx.caller, id)),
  },
  Schedule: {
    input: (schedule) => schedule.input ?? {},
    // The store keeps the occurrence a pause left (resume computes it again); the contract says none while paused.
    nextRunAt: (schedule) => (schedule.enabled ? schedule.nextRunAt : null),
    nextRuns: (schedule, { count }, ctx) => {
      const size = count ?? 5;
      if (size < 1 || size > MAX_NEXT_RUNS) throw apiError(ApiErrorCode.BadUserInput, `count must be between 1 and ${MAX_NEXT_RUNS}`);
      return ctx.schedules.nextRuns(schedule, size);
    },
    runs: (schedule, { first, after }, ctx) =>
      guard(async () => {
        const page = await ctx.schedules.runs(ctx.caller, schedule, pageSize(first), after);
        return { edges: page.edges, nodes: page.edges.map((e) => e.node), pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor } };
      }),
  },
  ScheduleRun: {
    job: (run, _, ctx) => (run.job !== undefined ? run.job : guard(() => ctx.jobs.get(ctx.caller, run.jobId))),
  },
};
