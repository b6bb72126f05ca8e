import type { Resolvers } from '../generated/graphql.ts';

/**
 * The `monitoring` root. Its fields live with their concern: zombies, workers and diagnostics in
 * `zombieResolvers.ts`, the debug queue in `debugQueueResolvers.ts`, statistics, alerts and
 * `monitoringEvents` in `monitoringStatsResolvers.ts`.
 */
export const monitoringResolvers: Resolvers = {
  Query: {
    monitoring: () => ({}),
  },
};
