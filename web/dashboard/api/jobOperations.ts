/**
 * The GraphQL documents of the jobs views (see `schema/job.graphql`). Their result and variable types are generated
 * from the SDL into `./generated/` (`npm run codegen`); the names below are those types under the dashboard's names.
 */
import { graphql } from './generated/gql.ts';
import type {
  DashboardJobDetailFragment,
  DashboardJobEventsSubscription,
  DashboardJobLogsQuery,
  DashboardJobRowFragment,
  DashboardJobTypesQuery,
  JobFilter as JobFilterInput,
  JobState as JobStateEnum,
  JobEventKind as JobEventKindEnum,
} from './generated/graphql.ts';

/** `JobState` of the schema. */
export type JobState = JobStateEnum;

/** Every {@link JobState}, in the order of a job's life (the `Record` fails to compile when the schema gains one). */
export const JOB_STATES: readonly JobState[] = Object.keys({
  QUEUED: true,
  RUNNING: true,
  RETRYING: true,
  SUCCEEDED: true,
  FAILED: true,
  CANCELLED: true,
  DEBUG: true,
} satisfies Record<JobState, true>) as JobState[];

/** States after which a job does nothing more on its own. */
export const FINAL_STATES: ReadonlySet<JobState> = new Set<JobState>(['SUCCEEDED', 'FAILED', 'CANCELLED', 'DEBUG']);

/** `JobEventKind` of the schema. */
export type JobEventKind = JobEventKindEnum;

/** A job as the list selects it. */
export type JobRow = DashboardJobRowFragment;

/** `JobProgress` of the schema: how far a job has come. */
export type JobProgress = JobRow['progress'];

/** A job as its page selects it. */
export type JobDetail = DashboardJobDetailFragment;

/** `JobError` of the schema: one failed attempt, with its stack when the worker recorded one. */
export type JobError = JobDetail['errors'][number];

/** `JobLogLine` of the schema. */
export type JobLogLine = NonNullable<DashboardJobLogsQuery['job']>['logs'][number];

/** One event of `jobEvents` or `jobProgress`, carrying the job as the list (or, with `JobDetail`, the page) selects it. */
export type JobEvent<J = JobRow> = Omit<DashboardJobEventsSubscription['jobEvents'], 'job'> & { job: J };

/** A job type as the create form selects it. */
export type JobType = DashboardJobTypesQuery['jobTypes'][number];

/** `jobs(filter)` and `jobEvents(filter)` take this (a field left out, never null, means no filter on it). */
export type JobFilter = { [K in keyof JobFilterInput]?: NonNullable<JobFilterInput[K]> };

/** What the list shows of a job. */
export const ROW_FIELDS = graphql(`
  fragment DashboardJobRow on Job {
    id type state attempts maxAttempts createdAt startedAt finishedAt
    progress { processed total fraction message }
    lastError { code message }
  }
`);

/** What the job page shows of a job, but logs. */
export const DETAIL_FIELDS = graphql(`
  fragment DashboardJobDetail on Job {
    ...DashboardJobRow
    input priority result checkpoint retryAt runAt
    errors { code message attempt at stack }
  }
`);

/** `jobs(filter, first)`: the newest jobs, the live list's starting point. */
export const LIST_JOBS = graphql(`query DashboardJobs($filter: JobFilter, $first: Int) {
  jobs(filter: $filter, first: $first) { nodes { ...DashboardJobRow } pageInfo { hasNextPage } }
}`);

/** `jobTypes`: the create form's choices. */
export const JOB_TYPES = graphql(`query DashboardJobTypes { jobTypes { name description inputSchema } }`);

/** `jobEvents(filter)`: every change of the tenant's jobs, applied to the live list. */
export const JOB_EVENTS = graphql(`subscription DashboardJobEvents($filter: JobFilter) {
  jobEvents(filter: $filter) { position kind at gap job { ...DashboardJobRow } }
}`);

/** `createJob(input)`. */
export const CREATE_JOB = graphql(`mutation DashboardCreateJob($input: CreateJobInput!) { createJob(input: $input) { ...DashboardJobRow } }`);

/** `job(id)` with everything the job page shows but logs. */
export const GET_JOB = graphql(`query DashboardJob($id: ID!) { job(id: $id) { ...DashboardJobDetail } }`);

/** `job(id) { logs(last) }`: queried again (throttled) when the job's events say it moved. */
export const JOB_LOGS = graphql(`query DashboardJobLogs($id: ID!, $last: Int) { job(id: $id) { id logs(last: $last) { at level message attempt } } }`);

/** `jobProgress(id, after)`: the job page's live source and timeline. */
export const WATCH_JOB = graphql(`subscription DashboardWatchJob($id: ID!, $after: String) {
  jobProgress(id: $id, after: $after) { position kind at gap job { ...DashboardJobDetail } }
}`);

/** `cancelJob(id)`. */
export const CANCEL_JOB = graphql(`mutation DashboardCancelJob($id: ID!) { cancelJob(id: $id) { ...DashboardJobDetail } }`);

/** `retryJob(id)`. */
export const RETRY_JOB = graphql(`mutation DashboardRetryJob($id: ID!) { retryJob(id: $id) { ...DashboardJobDetail } }`);
