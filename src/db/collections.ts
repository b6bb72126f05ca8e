/** Names of longhaul's collections, in one place. */
export const Collections = {
  /** Capped collection behind the event bus. */
  events: 'events',
  /** Named sequence counters (event positions). */
  counters: 'counters',
  /** Salesforce orgs of every tenant, credentials sealed. */
  orgs: 'orgs',
  /** Backups: status, objects, counts and checksums. */
  backups: 'backups',
  /** GridFS bucket of backup files (`backupFiles.files`, `backupFiles.chunks`). */
  backupFilesBucket: 'backupFiles',
  /** Registered processes and their heartbeats. */
  workers: 'workers',
  /** Zombie incidents, `_id` `<jobId>:<runId>`. */
  zombies: 'zombies',
  /** Diagnostic report records. */
  diagnostics: 'diagnostics',
  /** GridFS bucket of diagnostic files (`diagnostics.files`, `diagnostics.chunks`). */
  diagnosticsBucket: 'diagnostics',
  /** Deployment-wide job counters for `/metrics`, `_id` `<metric>|<type>|<outcome>` (see `JobCounterLedger`). */
  jobCounters: 'jobCounters',
  /** Per-tenant job quota counters: `queue:<tenant>` (creation rate, jobs waiting to start), `run:<tenant>` (running slots). */
  tenantQuotas: 'tenantQuotas',
  /** Alert incidents and their webhook delivery state, `_id` `<rule>:<key>:<occurrence>`. */
  alerts: 'alerts',
} as const;
