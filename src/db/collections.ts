/**
 * Names of the collections the engine's stores own: Agenda's jobs, job logs and tenant quota counters
 * (their specs are {@link import('./indexes.ts').jobCollectionSpecs}). Every other collection is declared
 * by its own store (`static readonly collection`), and `src/app/collectionSpecs.ts` lists them all.
 */
export const Collections = {
  /** Agenda's job collection, extended with longhaul's job fields. */
  jobs: 'agendaJobs',
  /** Job log lines. */
  jobLogs: 'jobLogs',
  /** Per-tenant job quota counters: `queue:<tenant>` (creation rate, jobs waiting to start), `run:<tenant>` (running slots). */
  tenantQuotas: 'tenantQuotas',
} as const;
