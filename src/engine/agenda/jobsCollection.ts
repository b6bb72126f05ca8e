import type { CollectionSpec } from '../../db/collectionSpec.ts';

/**
 * Agenda's job collection, extended with longhaul's job fields: its name and the indexes longhaul's queries rely on
 * (Agenda's own backend adds its own at start).
 */
export const jobsCollection: CollectionSpec = {
  name: 'agendaJobs',
  indexes: [
    // Idempotency keys are unique per tenant (a job without one stores `id:<its id>`).
    { key: { tenantId: 1, idempotencyKey: 1 }, options: { unique: true, name: 'tenant_idempotency' } },
    { key: { tenantId: 1, createdAt: -1 }, options: { name: 'tenant_created' } },
    // The zombie detectors' scan of RUNNING jobs (every worker, every interval) and a worker's jobs by state.
    { key: { state: 1, workerId: 1 }, options: { name: 'state_worker' } },
  ],
};
