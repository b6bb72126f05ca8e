import type { Caller } from '../../engine/jobService.ts';
import { toJobView } from '../../engine/jobView.ts';
import { parseJobId } from '../../engine/jobId.ts';
import { MAX_WINDOW_MINUTES } from '../../monitoring/stats/queueStatsReader.ts';
import type { MonitoringEventModel } from '../../monitoring/monitoringEvent.ts';
import { ApiErrorCode } from '../errors/apiErrorCode.ts';
import { apiError } from '../errors/toGraphQLError.ts';
import type { Resolvers } from '../generated/graphql.ts';
import { monitoringEventsStream } from '../subscriptions/monitoringEventsStream.ts';
import { guard } from './guard.ts';

/** The tenant a caller's monitoring reads are scoped to; `null` (every tenant) for operators. */
function scopeOf(caller: Caller): string | null {
  return caller.operator ? null : caller.tenantId;
}

function windowOf(windowMinutes: number | null | undefined): number {
  const window = windowMinutes ?? 15;
  if (!Number.isInteger(window) || window < 1 || window > MAX_WINDOW_MINUTES) {
    throw apiError(ApiErrorCode.BadUserInput, `windowMinutes must be between 1 and ${MAX_WINDOW_MINUTES}`);
  }
  return window;
}

/** Queue statistics, failure rate, alerts, and the `monitoringEvents` subscription with the records its events name. */
export const monitoringStatsResolvers: Resolvers = {
  Monitoring: {
    queueStats: (_, { windowMinutes }, ctx) => guard(() => ctx.monitoringQueries.stats.queueStats(scopeOf(ctx.caller), windowOf(windowMinutes))),
    failureRate: (_, { windowMinutes }, ctx) => guard(() => ctx.monitoringQueries.stats.failureRate(scopeOf(ctx.caller), windowOf(windowMinutes))),
    alerts: (_, { includeResolved }, ctx) => guard(() => ctx.monitoringQueries.records.listAlerts(scopeOf(ctx.caller), includeResolved ?? false)),
  },
  Alert: {
    id: (alert) => alert._id,
    delivered: (alert) => alert.delivered ?? 0,
  },
  MonitoringEvent: {
    job: (event, _, ctx) =>
      guard(async () => {
        if (event.jobId === undefined) return null;
        if (!ctx.caller.operator) return ctx.jobs.get(ctx.caller, event.jobId);
        const [doc] = await ctx.jobs.store.findManyAnyTenant([parseJobId(event.jobId)]);
        return doc === undefined ? null : toJobView(doc);
      }),
    zombie: (event, _, ctx) => guard(async () => (event.zombieId === undefined ? null : ctx.monitoringQueries.records.zombie(event.zombieId, scopeOf(ctx.caller)))),
    worker: (event, _, ctx) => guard(async () => (event.workerId === undefined ? null : ctx.monitoringQueries.records.worker(event.workerId))),
    diagnostic: (event, _, ctx) => guard(async () => (event.diagnosticId === undefined ? null : ctx.monitoringQueries.records.diagnostic(event.diagnosticId, scopeOf(ctx.caller)))),
    alert: (event, _, ctx) => guard(async () => (event.alertId === undefined ? null : ctx.monitoringQueries.records.alert(event.alertId, scopeOf(ctx.caller)))),
  },
  Subscription: {
    monitoringEvents: {
      subscribe: (_, __, ctx) => monitoringEventsStream(ctx.jobs.bus, ctx.caller),
      resolve: (event: MonitoringEventModel) => event,
    },
  },
};
