import type { CollectionSpec } from './collectionSpec.ts';
import { Collections } from './collections.ts';

/**
 * The collections of the engine's job repository (its job store and Agenda, the job log store, the tenant
 * quota store), declared here beside their names while the repository's stores take them over: the engine
 * owns them, the composition root only hands these specs to `ensureIndexes` with every other store's.
 */
export const jobCollectionSpecs: readonly CollectionSpec[] = [
  {
    name: Collections.jobs,
    holds: "a job: Agenda's scheduling fields and longhaul's (tenant, state, progress, checkpoint, attempts, result)",
    indexes: [
      { name: 'tenant_idempotency', key: { tenantId: 1, idempotencyKey: 1 }, unique: true },
      { name: 'tenant_created', key: { tenantId: 1, createdAt: -1 } },
      // The zombie detectors' scan of RUNNING jobs (every worker, every interval) and a worker's jobs by state.
      { name: 'state_worker', key: { state: 1, workerId: 1 } },
    ],
  },
  { name: Collections.jobLogs, holds: 'a log line of a job', indexes: [{ name: 'job_seq', key: { jobId: 1, seq: -1 } }] },
  { name: Collections.tenantQuotas, holds: "a tenant's job quota counter, `_id` `queue:<tenant>` or `run:<tenant>`", indexes: [] },
];
