import type { CollectionSpec } from '../../db/collectionSpec.ts';

/**
 * Ended jobs (SUCCEEDED, FAILED, CANCELLED), moved out of Agenda's collection by
 * {@link import('./agendaJobRepository.ts').AgendaJobRepository} so that the scheduler's scans cover live jobs only
 * (on FerretDB's SQLite backend every query but an `_id` lookup reads the whole collection). Same document shape as
 * {@link import('./jobsCollection.ts').jobsCollection}'s; DEBUG jobs stay live (the debug queue is live work).
 */
export const jobHistoryCollection: CollectionSpec = {
  name: 'jobHistory',
  holds: 'an ended job (SUCCEEDED, FAILED, CANCELLED), in the shape of agendaJobs, moved there when it ended',
  indexes: [
    // Idempotency keys stay unique per tenant across both collections (create checks this one too).
    { name: 'tenant_idempotency', key: { tenantId: 1, idempotencyKey: 1 }, unique: true },
    { name: 'tenant_created', key: { tenantId: 1, createdAt: -1 } },
    // Throughput and failure-rate statistics.
    { name: 'finished', key: { finishedAt: 1 } },
  ],
};
