import DataLoader from 'dataloader';
import type { Resolvers } from '../generated/graphql.ts';
import type { ApiContext } from '../context.ts';
import type { DiagnosticDocument } from '../../monitoring/diagnosticDocument.ts';
import type { JobProgressRecord } from '../../engine/jobRecord.ts';
import { parseJobId } from '../../engine/jobId.ts';
import { toJobView, type JobView } from '../../engine/jobView.ts';
import { ApiErrorCode } from '../errors/apiErrorCode.ts';
import { apiError } from '../errors/toGraphQLError.ts';
import { guard } from './guard.ts';

/** Path a diagnostic file downloads from (see `src/http/diagnosticsRoute.ts`). */
export function diagnosticPath(id: string): string {
  return `/diagnostics/${encodeURIComponent(id)}`;
}

const progress = (p: JobProgressRecord) => ({
  processed: p.processed,
  total: p.total,
  fraction: p.total !== null && p.total > 0 ? Math.min(1, p.processed / p.total) : null,
  message: p.message,
});

/** Per request: diagnostics of the jobs a response asks about, in one round trip. */
const jobDiagnosticsLoaders = new WeakMap<ApiContext, DataLoader<string, DiagnosticDocument[]>>();
function jobDiagnostics(ctx: ApiContext): DataLoader<string, DiagnosticDocument[]> {
  let loader = jobDiagnosticsLoaders.get(ctx);
  if (loader === undefined) {
    loader = new DataLoader(async (ids) => {
      const found = await ctx.liveness.diagnosticsOfJobs(ids);
      return ids.map((id) => found.get(id) ?? []);
    });
    jobDiagnosticsLoaders.set(ctx, loader);
  }
  return loader;
}

/** Jobs by id across tenants (zombies and workers were already scoped), those of other tenants dropped for a tenant caller. */
async function jobsByIds(ctx: ApiContext, ids: readonly string[]): Promise<JobView[]> {
  const docs = await ctx.jobs.store.findManyAnyTenant(ids.map(parseJobId));
  return docs.filter((d) => ctx.caller.operator || d.tenantId === ctx.caller.tenantId).map((d) => toJobView(d));
}

/** Workers, zombies and diagnostics of `monitoring`, the liveness fields of `Job`, and `captureDiagnostics`. */
export const zombieResolvers: Resolvers = {
  Monitoring: {
    zombies: (_, { includeResolved }, ctx) => guard(() => ctx.liveness.listZombies(ctx.caller, includeResolved ?? false)),
    workers: (_, { includeStopped }, ctx) => guard(() => ctx.liveness.listWorkers(includeStopped ?? false)),
    diagnostics: (_, { workerId, jobId }, ctx) => guard(() => ctx.liveness.listDiagnostics(ctx.caller, { workerId, jobId })),
  },
  Mutation: {
    captureDiagnostics: (_, { workerId, kind }, ctx) =>
      guard(() => ctx.liveness.captureDiagnostics(ctx.caller, workerId, kind ?? 'REPORT')),
  },
  Zombie: {
    id: (z) => z._id,
    job: (z, _, ctx) =>
      guard(async () => {
        const job = await ctx.jobs.get(ctx.caller, z.jobId);
        if (job === null) throw apiError(ApiErrorCode.NotFound, `job ${z.jobId} of zombie ${z._id} not found`);
        return job;
      }),
    lastProgress: (z) => progress(z.lastProgress),
    lastLogs: (z) => z.lastLogs,
    diagnostics: (z, _, ctx) => guard(() => ctx.liveness.diagnosticsByIds(ctx.caller, z.diagnosticIds)),
  },
  Worker: {
    id: (w) => w._id,
    lastHeartbeatAt: (w) => w.heartbeatAt,
    alive: (w, _, ctx) => ctx.liveness.isAlive(w),
    stoppedAt: (w) => w.stoppedAt ?? null,
    runningJobs: (w, _, ctx) => guard(() => jobsByIds(ctx, w.runningJobIds)),
  },
  DiagnosticReport: {
    id: (d) => d._id,
    url: (d) => diagnosticPath(d._id),
    expiresAt: (d, _, ctx) => ctx.liveness.diagnostics.expiresAt(d),
  },
  Job: {
    workerId: (job) => job.workerId ?? null,
    heartbeatAt: (job) => job.heartbeatAt ?? null,
    diagnostics: (job, _, ctx) => jobDiagnostics(ctx).load(job.id),
  },
};
