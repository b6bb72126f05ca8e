import { JobTypeRegistry } from '../engine/jobTypeRegistry.ts';
import { blockJob, countJob, flakyJob, hangJob } from './demo/index.ts';

/** A registry holding every job type shipped with longhaul. */
export function createBuiltinRegistry(): JobTypeRegistry {
  return new JobTypeRegistry().register(countJob).register(flakyJob).register(hangJob).register(blockJob);
}
