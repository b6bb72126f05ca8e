import { JobTypeRegistry } from '../engine/jobTypeRegistry.ts';
import { blockJob, countJob, flakyJob, hangJob } from './demo/index.ts';

/** Options of {@link createBuiltinRegistry}. */
export interface BuiltinRegistryOptions {
  /**
   * Register the demo job types (`demo.count`, `demo.flaky`, `demo.hang`, `demo.block`); default `true`.
   * They block, crash or fill up the worker they run on, so a service registers them only where
   * `LONGHAUL_DEMO_JOBS` says (`Config.demoJobs`: not with `NODE_ENV=production` by default).
   */
  demoJobs?: boolean;
}

/** A registry holding the job types shipped with longhaul outside the Salesforce family. */
export function createBuiltinRegistry(options: BuiltinRegistryOptions = {}): JobTypeRegistry {
  const registry = new JobTypeRegistry();
  if (options.demoJobs ?? true) registry.register(countJob).register(flakyJob).register(hangJob).register(blockJob);
  return registry;
}
