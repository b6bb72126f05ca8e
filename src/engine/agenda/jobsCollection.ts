import type { CollectionSpec } from '../../db/collectionSpec.ts';

/**
 * Agenda's job collection, extended with longhaul's job fields: its name and the indexes longhaul's queries rely on
 * (Agenda's own backend adds its own at start). Owned by {@link import('./agendaJobRepository.ts').AgendaJobRepository}.
 */
export const jobsCollection: CollectionSpec = {
  name: 'agendaJobs',
  holds: "a job: Agenda's scheduling fields and longhaul's (tenant, state, progress, checkpoint, attempts, result)",
  indexes: [
    // Idempotency keys are unique per tenant (a job without one stores `id:<its id>`).
    { name: 'tenant_idempotency', key: { tenantId: 1, idempotencyKey: 1 }, unique: true },
    { name: 'tenant_created', key: { tenantId: 1, createdAt: -1 } },
    // The zombie detectors' scan of RUNNING jobs (every worker, every interval) and a worker's jobs by state.
    { name: 'state_worker', key: { state: 1, workerId: 1 } },
  ],
};
