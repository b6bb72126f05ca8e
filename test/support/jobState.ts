import { eventually, type EventuallyOptions } from './eventually.ts';
import { gqlData } from './graphqlClient.ts';

/** The states a job ends in: done, failed, cancelled, or parked in DEBUG after its last attempt. */
export const JOB_ENDED_STATES: readonly string[] = ['SUCCEEDED', 'FAILED', 'CANCELLED', 'DEBUG'];

/** Options of {@link waitForJobState}. */
export interface WaitForJobStateOptions extends EventuallyOptions {
  /** Job fields read (a GraphQL selection; `id` and `state` are always read); default `attempts`. */
  fields?: string;
  /** What must hold of the job besides its state (e.g. `(job) => job.attempts === 2`); default: nothing. */
  where?: (job: Record<string, any>) => boolean;
}

/**
 * Reads `job(id)` over GraphQL (HTTP, with `key`) until its state is one of `states` (and `where`
 * holds), through {@link eventually}; resolves with the job as read. States are reached through other
 * processes, so over HTTP there is no one event to await. On time-out (default 60 s) the message names
 * the job, the states awaited and the job as last read.
 */
export async function waitForJobState(url: string, key: string, jobId: string, states: string | readonly string[], options: WaitForJobStateOptions = {}): Promise<Record<string, any>> {
  const wanted: readonly string[] = typeof states === 'string' ? [states] : states;
  const query = `query($id: ID!) { job(id: $id) { id state ${options.fields ?? 'attempts'} } }`;
  return eventually(
    `job ${jobId} to be ${wanted.join(' or ')}`,
    async () => (await gqlData(url, key, query, { id: jobId })).job as Record<string, any>,
    (job) => wanted.includes(job.state) && (options.where?.(job) ?? true),
    options,
  );
}
