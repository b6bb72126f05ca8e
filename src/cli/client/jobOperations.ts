/** The GraphQL documents the `longhaul jobs` commands send, and the shapes of what they select. */

const JOB_FIELDS = `id type state priority attempts maxAttempts
  progress { processed total fraction message }
  lastError { code message attempt at }
  result createdAt startedAt finishedAt retryAt`;

/** A job as the CLI selects it. */
export interface JobSummary {
  id: string;
  type: string;
  state: JobStateName;
  priority: number;
  attempts: number;
  maxAttempts: number;
  progress: { processed: number; total: number | null; fraction: number | null; message: string | null };
  lastError: { code: string; message: string; attempt: number; at: string } | null;
  result: unknown;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  retryAt: string | null;
}

/** `JobState` of the schema. */
export type JobStateName = 'QUEUED' | 'RUNNING' | 'RETRYING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED' | 'DEBUG';

/** `JobEventKind` of the schema. */
export type JobEventKindName = 'SNAPSHOT' | 'CREATED' | 'STARTED' | 'PROGRESS' | 'CHECKPOINT' | 'RETRYING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED' | 'REQUEUED' | 'DEBUG';

/** One `jobProgress` event as the CLI selects it. */
export interface JobEventSummary {
  position: string;
  kind: JobEventKindName;
  at: string;
  gap: boolean;
  job: JobSummary;
}

/** States after which a job does nothing more on its own. */
export const FINAL_STATES: ReadonlySet<JobStateName> = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED', 'DEBUG']);

/** `createJob`. */
export const CREATE_JOB = `mutation CreateJob($input: CreateJobInput!) { createJob(input: $input) { ${JOB_FIELDS} } }`;

/** `job(id)`. */
export const GET_JOB = `query Job($id: ID!) { job(id: $id) { ${JOB_FIELDS} } }`;

/** `jobs(filter, first, after)`. */
export const LIST_JOBS = `query Jobs($filter: JobFilter, $first: Int, $after: String) {
  jobs(filter: $filter, first: $first, after: $after) { nodes { ${JOB_FIELDS} } pageInfo { hasNextPage endCursor } }
}`;

/** `jobProgress(id, after)`: a snapshot, then every change, completing after a final state. */
export const WATCH_JOB = `subscription WatchJob($id: ID!, $after: String) {
  jobProgress(id: $id, after: $after) { position kind at gap job { ${JOB_FIELDS} } }
}`;
