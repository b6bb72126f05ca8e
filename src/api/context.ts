import type { Logger } from '../logging/logger.ts';
import type { Caller, JobService } from '../engine/jobService.ts';
import type { Loaders } from './loaders.ts';
import type { OrgService } from '../salesforce/index.ts';
import type { BackupStore } from '../storage/index.ts';

/** What every resolver gets: who calls, the domain services, and this request's loaders. */
export interface ApiContext {
  caller: Caller;
  jobs: JobService;
  /** Salesforce orgs of every tenant (calls are tenant-scoped). */
  orgs: OrgService;
  /** Backup records. */
  backups: BackupStore;
  loaders: Loaders;
  logger: Logger;
}
