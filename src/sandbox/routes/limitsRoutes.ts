import type { ApiContext } from '../http/apiContext.ts';
import { sendJson } from '../http/responseWriter.ts';
import type { RouteTable } from '../http/routeTable.ts';

/** Adds `GET limits` with the org's real `DailyApiRequests` and a few fixed allowances. */
export function registerLimitsRoutes(routes: RouteTable<ApiContext>): void {
  routes.add('GET', /^\/limits\/?$/, 'limits', async (ctx) => {
    const now = ctx.deps.options.clock();
    const usage = ctx.org.apiUsage;
    const bulkQueryJobs = ctx.services.bulkJobs.allQueryJobs().length;
    const bulkIngestJobs = ctx.services.bulkJobs.allIngestJobs().length;
    sendJson(ctx.res, 200, {
      ConcurrentAsyncGetReportInstances: { Max: 200, Remaining: 200 },
      DailyApiRequests: { Max: usage.max, Remaining: usage.remaining(now) },
      DailyBulkApiBatches: { Max: 15000, Remaining: Math.max(0, 15000 - bulkIngestJobs) },
      DailyBulkV2QueryFileStorageMB: { Max: 976562, Remaining: 976562 },
      DailyBulkV2QueryJobs: { Max: 10000, Remaining: Math.max(0, 10000 - bulkQueryJobs) },
      DataStorageMB: { Max: 5, Remaining: 5 },
      FileStorageMB: { Max: 20, Remaining: 20 },
    });
  });
}
