/** The GraphQL documents of the jobs views, and the shapes of what they select (see `schema/job.graphql`). */

/** `JobState` of the schema. */
export type JobState = 'QUEUED' | 'RUNNING' | 'RETRYING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED' | 'DEBUG';

/** Every {@link JobState}, in the order of a job's life. */
export const JOB_STATES: readonly JobState[] = ['QUEUED', 'RUNNING', 'RETRYING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'DEBUG'];

/** States after which a job does nothing more on its own. */
export const FINAL_STATES: ReadonlySet<JobState> = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED', 'DEBUG']);

/** `JobEventKind` of the schema. */
export type JobEventKind = 'SNAPSHOT' | 'CREATED' | 'STARTED' | 'PROGRESS' | 'CHECKPOINT' | 'RETRYING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED' | 'REQUEUED' | 'DEBUG';

/** `JobProgress` of the schema: how far a job has come. */
export interface JobProgress {
  processed: number;
  total: number | null;
  fraction: number | null;
  message: string | null;
}

/** `JobError` of the schema: one failed attempt, with its stack when the worker recorded one. */
export interface JobError {
  code: string;
  message: string;
  attempt: number;
  at: string;
  stack: string | null;
}

/** A job as the list selects it. */
export interface JobRow {
  id: string;
  type: string;
  state: JobState;
  progress: JobProgress;
  attempts: number;
  maxAttempts: number;
  lastError: Pick<JobError, 'code' | 'message'> | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** `JobLogLine` of the schema. */
export interface JobLogLine {
  at: string;
  level: string;
  message: string;
  attempt: number | null;
}

/** A job as its page selects it. */
export interface JobDetail extends JobRow {
  input: unknown;
  priority: number;
  result: unknown;
  checkpoint: unknown;
  retryAt: string | null;
  runAt: string;
  errors: JobError[];
}

/** One event of `jobEvents` or `jobProgress`. */
export interface JobEvent<J = JobRow> {
  position: string;
  kind: JobEventKind;
  at: string;
  gap: boolean;
  job: J;
}

/** A job type as the create form selects it. */
export interface JobType {
  name: string;
  description: string;
  inputSchema: unknown;
}

/** `jobs(filter)` and `jobEvents(filter)` take this. */
export interface JobFilter {
  types?: string[];
  states?: JobState[];
}

const ROW_FIELDS = `id type state attempts maxAttempts createdAt startedAt finishedAt
  progress { processed total fraction message }
  lastError { code message }`;

const DETAIL_FIELDS = `${ROW_FIELDS} input priority result checkpoint retryAt runAt
  errors { code message attempt at stack }`;

/** `jobs(filter, first)`: the newest jobs, the live list's starting point. */
export const LIST_JOBS = `query DashboardJobs($filter: JobFilter, $first: Int) {
  jobs(filter: $filter, first: $first) { nodes { ${ROW_FIELDS} } pageInfo { hasNextPage } }
}`;

/** `jobTypes`: the create form's choices. */
export const JOB_TYPES = `query DashboardJobTypes { jobTypes { name description inputSchema } }`;

/** `jobEvents(filter)`: every change of the tenant's jobs, applied to the live list. */
export const JOB_EVENTS = `subscription DashboardJobEvents($filter: JobFilter) {
  jobEvents(filter: $filter) { position kind at gap job { ${ROW_FIELDS} } }
}`;

/** `createJob(input)`. */
export const CREATE_JOB = `mutation DashboardCreateJob($input: CreateJobInput!) { createJob(input: $input) { ${ROW_FIELDS} } }`;

/** `job(id)` with everything the job page shows but logs. */
export const GET_JOB = `query DashboardJob($id: ID!) { job(id: $id) { ${DETAIL_FIELDS} } }`;

/** `job(id) { logs(last) }`: queried again (throttled) when the job's events say it moved. */
export const JOB_LOGS = `query DashboardJobLogs($id: ID!, $last: Int) { job(id: $id) { id logs(last: $last) { at level message attempt } } }`;

/** `jobProgress(id, after)`: the job page's live source and timeline. */
export const WATCH_JOB = `subscription DashboardWatchJob($id: ID!, $after: String) {
  jobProgress(id: $id, after: $after) { position kind at gap job { ${DETAIL_FIELDS} } }
}`;

/** `cancelJob(id)`. */
export const CANCEL_JOB = `mutation DashboardCancelJob($id: ID!) { cancelJob(id: $id) { ${DETAIL_FIELDS} } }`;

/** `retryJob(id)`. */
export const RETRY_JOB = `mutation DashboardRetryJob($id: ID!) { retryJob(id: $id) { ${DETAIL_FIELDS} } }`;
