import type { Resolvers } from '../generated/graphql.ts';
import { guard } from './guard.ts';

/** `createJobs`: a batch of jobs through `JobService.createMany`, which holds every rule of a batch. */
export const jobBatchResolvers: Resolvers = {
  Mutation: {
    createJobs: (_, { inputs }, ctx) => guard(() => ctx.jobs.createMany(ctx.caller, inputs)),
  },
};
