import type { Resolvers } from '../generated/graphql.ts';
import type { JobEvent } from '../../engine/jobEvent.ts';
import { decodePosition } from '../../bus/busPosition.ts';
import { jobEventsStream } from '../subscriptions/jobEventsStream.ts';
import { jobProgressStream } from '../subscriptions/jobProgressStream.ts';
import { guard } from './guard.ts';

/** Live job events over graphql-ws. Authorization and bad arguments fail before the stream starts. */
export const subscriptionResolvers: Resolvers = {
  Subscription: {
    jobProgress: {
      subscribe: (_, { id, after }, ctx) =>
        guard(async () => {
          const afterSeq = after === undefined || after === null ? undefined : decodePosition(after);
          await ctx.jobs.require(ctx.caller, id);
          return jobProgressStream(ctx.jobs.bus, ctx.jobs, ctx.caller, id, afterSeq);
        }),
      resolve: (event: JobEvent) => event,
    },
    jobEvents: {
      subscribe: (_, { filter }, ctx) => jobEventsStream(ctx.jobs.bus, ctx.caller, { types: filter?.types, states: filter?.states }),
      resolve: (event: JobEvent) => event,
    },
  },
};
