import type { Db } from 'mongodb';
import { Collections } from './collections.ts';

/**
 * Creates the indexes longhaul's queries rely on. Idempotent; every index is a plain
 * ascending/descending one (no partial, TTL or sparse indexes: they must work on FerretDB and DocumentDB).
 */
export async function ensureIndexes(db: Db): Promise<void> {
  const jobs = db.collection(Collections.jobs);
  await jobs.createIndex({ tenantId: 1, idempotencyKey: 1 }, { unique: true, name: 'tenant_idempotency' });
  await jobs.createIndex({ tenantId: 1, createdAt: -1 }, { name: 'tenant_created' });
  // The zombie detectors' scan of RUNNING jobs (every worker, every interval) and a worker's jobs by state.
  await jobs.createIndex({ state: 1, workerId: 1 }, { name: 'state_worker' });
  await db.collection(Collections.jobLogs).createIndex({ jobId: 1, seq: -1 }, { name: 'job_seq' });
}
