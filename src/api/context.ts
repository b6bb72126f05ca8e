import type { Logger } from '../logging/logger.ts';
import type { Caller, JobService } from '../engine/jobService.ts';
import type { Loaders } from './loaders.ts';

/** What every resolver gets: who calls, the domain services, and this request's loaders. */
export interface ApiContext {
  caller: Caller;
  jobs: JobService;
  loaders: Loaders;
  logger: Logger;
}
