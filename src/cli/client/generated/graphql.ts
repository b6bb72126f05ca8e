/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type BackupMode =
  /** Every record of every chosen object. */
  | 'FULL'
  /** Records changed since the object's last successful backup, deletions included (`IsDeleted`); objects never backed up are read in full. */
  | 'INCREMENTAL';

/** Why retention keeps a backup. */
export type BackupRetentionRule =
  /** A kept (or running) INCREMENTAL backup builds on it. */
  | 'CHAIN_BASE'
  | 'DAILY'
  /** Queued or running. */
  | 'IN_PROGRESS'
  | 'KEEP_DAYS'
  /** The newest finished backup, and per object the newest backup holding it (the next INCREMENTAL builds on them). */
  | 'LATEST'
  | 'MONTHLY'
  | 'WEEKLY';

export type BackupStatus =
  /** Its job was cancelled. */
  | 'CANCELLED'
  /** Its job gave up (out of attempts, or parked in the debug queue); see the job's `lastError`. */
  | 'FAILED'
  /** Finished, but some objects failed; see their `error`. */
  | 'PARTIAL'
  | 'QUEUED'
  | 'RUNNING'
  | 'SUCCEEDED';

export type CreateJobInput = {
  /** Creating a job with a key used before returns that job instead of a new one. */
  idempotencyKey?: string | null | undefined;
  /** Input for the job type, checked against its schema. */
  input?: unknown;
  /** Attempts before the job fails. Default: the type's maxAttempts. */
  maxAttempts?: number | null | undefined;
  /** Higher runs first. Default: the type's priority. */
  priority?: number | null | undefined;
  /** Do not start before this time. Default: now. */
  runAt?: string | null | undefined;
  /** A registered job type, see `jobTypes`. */
  type: string;
};

export type CreateScheduleInput = {
  /** Default LATEST. */
  catchUp?: ScheduleCatchUp | null | undefined;
  /** 5 or 6 fields; exactly one of `cron` and `every`. */
  cron?: string | null | undefined;
  /** Default true. */
  enabled?: boolean | null | undefined;
  /** ISO 8601 duration of fixed length, PT1S to P366D; exactly one of `cron` and `every`. */
  every?: string | null | undefined;
  /** Input of every job, checked against the type's schema now. */
  input?: unknown;
  /** A public job type (see `jobTypes`); internal types are scheduled by their domain services. */
  jobType: string;
  name: string;
  /** Default SKIP. */
  overlap?: ScheduleOverlap | null | undefined;
  /** IANA zone of the cron. Default UTC. */
  timezone?: string | null | undefined;
};

/** What an operator did with a job in the debug queue (or how it got there). */
export type DebugActionKind =
  | 'DISCARDED'
  | 'ENTERED'
  | 'REQUEUED'
  | 'RERUN_IN_DEBUG';

export type JobEventKind =
  | 'CANCELLED'
  | 'CHECKPOINT'
  | 'CREATED'
  | 'DEBUG'
  | 'FAILED'
  | 'PROGRESS'
  | 'REQUEUED'
  | 'RETRYING'
  /** The job as it is now; first event of a subscription. */
  | 'SNAPSHOT'
  | 'STARTED'
  | 'SUCCEEDED';

export type JobFilter = {
  /** Only jobs in these states. */
  states?: Array<JobState> | null | undefined;
  /** Only jobs of these types. */
  types?: Array<string> | null | undefined;
};

/** Where a job is in its life. */
export type JobState =
  /** Cancelled by a client. */
  | 'CANCELLED'
  /** Parked in the debug queue for an operator to look at. */
  | 'DEBUG'
  /** Gave up after `maxAttempts`; `lastError` holds why. */
  | 'FAILED'
  /** Waiting to be picked up by a worker. */
  | 'QUEUED'
  /** Its last attempt failed; it waits out its backoff before the next one. */
  | 'RETRYING'
  /** A worker is running it. */
  | 'RUNNING'
  /** Finished; `result` holds what it produced. */
  | 'SUCCEEDED';

/** What a schedule does with the occurrences missed while every longhaul process was down (later than `LONGHAUL_SCHEDULE_MISFIRE_GRACE_MS`). */
export type ScheduleCatchUp =
  /** One job per missed occurrence, the latest `LONGHAUL_SCHEDULE_CATCH_UP_MAX` (default 100) at most. */
  | 'ALL'
  /** One job for everything missed, for the latest missed occurrence (the default). */
  | 'LATEST'
  /** No job for missed occurrences (several due at once, or one noticed later than the grace); the next one on time runs. */
  | 'NONE';

export type ScheduleFilter = {
  /** Only enabled (true) or paused (false) schedules. */
  enabled?: boolean | null | undefined;
  /** Only schedules of these job types. */
  jobTypes?: Array<string> | null | undefined;
  /** Only owned schedules (true) or only the tenant's own (false). */
  owned?: boolean | null | undefined;
};

/** What a schedule does when its previous job has not ended at its next occurrence. */
export type ScheduleOverlap =
  /** Cancel the previous job, then create the new one. */
  | 'CANCEL_RUNNING'
  /** Create the job anyway: it waits in the queue. */
  | 'QUEUE'
  /** Create no job for this occurrence (the default). */
  | 'SKIP';

/** What the zombie detector did with a zombie. */
export type ZombieAction =
  /** Aborted through its signal; it retries per its type's policy. */
  | 'ABORTED'
  /** Out of attempts: moved to the debug queue. */
  | 'MOVED_TO_DEBUG'
  /** Put back in the queue to run again from its checkpoint (counted as an attempt). */
  | 'REQUEUED';

/** Why a RUNNING job is considered a zombie. */
export type ZombieReason =
  /** The job's own heartbeat stalled past its type's limit while its worker is alive (e.g. a blocked event loop). */
  | 'HEARTBEAT_STALLED'
  /** The job heartbeats but reported no progress for longer than its type allows. */
  | 'NO_PROGRESS'
  /** The worker running it stopped heartbeating (died, was killed, lost its database). */
  | 'WORKER_LOST';

export type BackupsOfOrgQueryVariables = Exact<{
  orgId: string | number;
}>;


export type BackupsOfOrgQuery = { backups: Array<{ id: string, mode: BackupMode, status: BackupStatus, records: number, bytes: number, createdAt: string, durationMs: number | null, keptBy: Array<BackupRetentionRule>, expiresAt: string | null, job: { id: string } | null }>, backupPolicy: { at: string, timezone: string, fullEvery: number, enabled: boolean, retention: { daily: number, weekly: number, monthly: number, keepDays: number | null } } | null };

export type CliJobFieldsFragment = { id: string, type: string, state: JobState, priority: number, attempts: number, maxAttempts: number, result: unknown, createdAt: string, startedAt: string | null, finishedAt: string | null, retryAt: string | null, progress: { processed: number, total: number | null, fraction: number | null, message: string | null }, lastError: { code: string, message: string, attempt: number, at: string } | null };

export type CreateJobMutationVariables = Exact<{
  input: CreateJobInput;
}>;


export type CreateJobMutation = { createJob: { id: string, type: string, state: JobState, priority: number, attempts: number, maxAttempts: number, result: unknown, createdAt: string, startedAt: string | null, finishedAt: string | null, retryAt: string | null, progress: { processed: number, total: number | null, fraction: number | null, message: string | null }, lastError: { code: string, message: string, attempt: number, at: string } | null } };

export type CreateJobsMutationVariables = Exact<{
  inputs: Array<CreateJobInput> | CreateJobInput;
}>;


export type CreateJobsMutation = { createJobs: Array<{ id: string, type: string, state: JobState, priority: number, attempts: number, maxAttempts: number, result: unknown, createdAt: string, startedAt: string | null, finishedAt: string | null, retryAt: string | null, progress: { processed: number, total: number | null, fraction: number | null, message: string | null }, lastError: { code: string, message: string, attempt: number, at: string } | null }> };

export type JobQueryVariables = Exact<{
  id: string | number;
}>;


export type JobQuery = { job: { id: string, type: string, state: JobState, priority: number, attempts: number, maxAttempts: number, result: unknown, createdAt: string, startedAt: string | null, finishedAt: string | null, retryAt: string | null, progress: { processed: number, total: number | null, fraction: number | null, message: string | null }, lastError: { code: string, message: string, attempt: number, at: string } | null } | null };

export type JobsQueryVariables = Exact<{
  filter?: JobFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type JobsQuery = { jobs: { nodes: Array<{ id: string, type: string, state: JobState, priority: number, attempts: number, maxAttempts: number, result: unknown, createdAt: string, startedAt: string | null, finishedAt: string | null, retryAt: string | null, progress: { processed: number, total: number | null, fraction: number | null, message: string | null }, lastError: { code: string, message: string, attempt: number, at: string } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type WatchJobSubscriptionVariables = Exact<{
  id: string | number;
  after?: string | null | undefined;
}>;


export type WatchJobSubscription = { jobProgress: { position: string, kind: JobEventKind, at: string, gap: boolean, job: { id: string, type: string, state: JobState, priority: number, attempts: number, maxAttempts: number, result: unknown, createdAt: string, startedAt: string | null, finishedAt: string | null, retryAt: string | null, progress: { processed: number, total: number | null, fraction: number | null, message: string | null }, lastError: { code: string, message: string, attempt: number, at: string } | null } } };

export type MonitoringOverviewQueryVariables = Exact<{
  includeResolved?: boolean | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type MonitoringOverviewQuery = { monitoring: { zombies: Array<{ id: string, reason: ZombieReason, since: string, detectedAt: string, workerId: string | null, attempt: number, action: ZombieAction | null, resolvedAt: string | null, lastProgress: { processed: number, total: number | null }, job: { id: string, type: string, state: JobState } }>, debugQueue: { nodes: Array<{ id: string, type: string, state: JobState, attempts: number, maxAttempts: number, createdAt: string, lastError: { code: string, message: string, attempt: number, at: string } | null, debugActions: Array<{ kind: DebugActionKind, at: string, by: string | null, reason: string | null }> }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } };

export type CliScheduleFieldsFragment = { id: string, name: string, jobType: string, cron: string | null, every: string | null, timezone: string, overlap: ScheduleOverlap, catchUp: ScheduleCatchUp, enabled: boolean, owner: string | null, nextRunAt: string | null, lastRun: { occurrenceAt: string, job: { id: string, state: JobState } | null } | null };

export type CreateScheduleMutationVariables = Exact<{
  input: CreateScheduleInput;
}>;


export type CreateScheduleMutation = { createSchedule: { id: string, name: string, jobType: string, cron: string | null, every: string | null, timezone: string, overlap: ScheduleOverlap, catchUp: ScheduleCatchUp, enabled: boolean, owner: string | null, nextRunAt: string | null, lastRun: { occurrenceAt: string, job: { id: string, state: JobState } | null } | null } };

export type SchedulesQueryVariables = Exact<{
  filter?: ScheduleFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type SchedulesQuery = { schedules: { nodes: Array<{ id: string, name: string, jobType: string, cron: string | null, every: string | null, timezone: string, overlap: ScheduleOverlap, catchUp: ScheduleCatchUp, enabled: boolean, owner: string | null, nextRunAt: string | null, lastRun: { occurrenceAt: string, job: { id: string, state: JobState } | null } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type PauseScheduleMutationVariables = Exact<{
  id: string | number;
}>;


export type PauseScheduleMutation = { pauseSchedule: { id: string, name: string, jobType: string, cron: string | null, every: string | null, timezone: string, overlap: ScheduleOverlap, catchUp: ScheduleCatchUp, enabled: boolean, owner: string | null, nextRunAt: string | null, lastRun: { occurrenceAt: string, job: { id: string, state: JobState } | null } | null } };

export type ResumeScheduleMutationVariables = Exact<{
  id: string | number;
}>;


export type ResumeScheduleMutation = { resumeSchedule: { id: string, name: string, jobType: string, cron: string | null, every: string | null, timezone: string, overlap: ScheduleOverlap, catchUp: ScheduleCatchUp, enabled: boolean, owner: string | null, nextRunAt: string | null, lastRun: { occurrenceAt: string, job: { id: string, state: JobState } | null } | null } };

export type DeleteScheduleMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteScheduleMutation = { deleteSchedule: { id: string, name: string, jobType: string, cron: string | null, every: string | null, timezone: string, overlap: ScheduleOverlap, catchUp: ScheduleCatchUp, enabled: boolean, owner: string | null, nextRunAt: string | null, lastRun: { occurrenceAt: string, job: { id: string, state: JobState } | null } | null } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const CliJobFieldsFragmentDoc = new TypedDocumentString(`
    fragment CliJobFields on Job {
  id
  type
  state
  priority
  attempts
  maxAttempts
  progress {
    processed
    total
    fraction
    message
  }
  lastError {
    code
    message
    attempt
    at
  }
  result
  createdAt
  startedAt
  finishedAt
  retryAt
}
    `, {"fragmentName":"CliJobFields"}) as unknown as TypedDocumentString<CliJobFieldsFragment, unknown>;
export const CliScheduleFieldsFragmentDoc = new TypedDocumentString(`
    fragment CliScheduleFields on Schedule {
  id
  name
  jobType
  cron
  every
  timezone
  overlap
  catchUp
  enabled
  owner
  nextRunAt
  lastRun {
    occurrenceAt
    job {
      id
      state
    }
  }
}
    `, {"fragmentName":"CliScheduleFields"}) as unknown as TypedDocumentString<CliScheduleFieldsFragment, unknown>;
export const BackupsOfOrgDocument = new TypedDocumentString(`
    query BackupsOfOrg($orgId: ID!) {
  backups(orgId: $orgId) {
    id
    mode
    status
    records
    bytes
    createdAt
    durationMs
    keptBy
    expiresAt
    job {
      id
    }
  }
  backupPolicy(orgId: $orgId) {
    at
    timezone
    fullEvery
    enabled
    retention {
      daily
      weekly
      monthly
      keepDays
    }
  }
}
    `) as unknown as TypedDocumentString<BackupsOfOrgQuery, BackupsOfOrgQueryVariables>;
export const CreateJobDocument = new TypedDocumentString(`
    mutation CreateJob($input: CreateJobInput!) {
  createJob(input: $input) {
    ...CliJobFields
  }
}
    fragment CliJobFields on Job {
  id
  type
  state
  priority
  attempts
  maxAttempts
  progress {
    processed
    total
    fraction
    message
  }
  lastError {
    code
    message
    attempt
    at
  }
  result
  createdAt
  startedAt
  finishedAt
  retryAt
}`) as unknown as TypedDocumentString<CreateJobMutation, CreateJobMutationVariables>;
export const CreateJobsDocument = new TypedDocumentString(`
    mutation CreateJobs($inputs: [CreateJobInput!]!) {
  createJobs(inputs: $inputs) {
    ...CliJobFields
  }
}
    fragment CliJobFields on Job {
  id
  type
  state
  priority
  attempts
  maxAttempts
  progress {
    processed
    total
    fraction
    message
  }
  lastError {
    code
    message
    attempt
    at
  }
  result
  createdAt
  startedAt
  finishedAt
  retryAt
}`) as unknown as TypedDocumentString<CreateJobsMutation, CreateJobsMutationVariables>;
export const JobDocument = new TypedDocumentString(`
    query Job($id: ID!) {
  job(id: $id) {
    ...CliJobFields
  }
}
    fragment CliJobFields on Job {
  id
  type
  state
  priority
  attempts
  maxAttempts
  progress {
    processed
    total
    fraction
    message
  }
  lastError {
    code
    message
    attempt
    at
  }
  result
  createdAt
  startedAt
  finishedAt
  retryAt
}`) as unknown as TypedDocumentString<JobQuery, JobQueryVariables>;
export const JobsDocument = new TypedDocumentString(`
    query Jobs($filter: JobFilter, $first: Int, $after: String) {
  jobs(filter: $filter, first: $first, after: $after) {
    nodes {
      ...CliJobFields
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment CliJobFields on Job {
  id
  type
  state
  priority
  attempts
  maxAttempts
  progress {
    processed
    total
    fraction
    message
  }
  lastError {
    code
    message
    attempt
    at
  }
  result
  createdAt
  startedAt
  finishedAt
  retryAt
}`) as unknown as TypedDocumentString<JobsQuery, JobsQueryVariables>;
export const WatchJobDocument = new TypedDocumentString(`
    subscription WatchJob($id: ID!, $after: String) {
  jobProgress(id: $id, after: $after) {
    position
    kind
    at
    gap
    job {
      ...CliJobFields
    }
  }
}
    fragment CliJobFields on Job {
  id
  type
  state
  priority
  attempts
  maxAttempts
  progress {
    processed
    total
    fraction
    message
  }
  lastError {
    code
    message
    attempt
    at
  }
  result
  createdAt
  startedAt
  finishedAt
  retryAt
}`) as unknown as TypedDocumentString<WatchJobSubscription, WatchJobSubscriptionVariables>;
export const MonitoringOverviewDocument = new TypedDocumentString(`
    query MonitoringOverview($includeResolved: Boolean, $first: Int, $after: String) {
  monitoring {
    zombies(includeResolved: $includeResolved) {
      id
      reason
      since
      detectedAt
      workerId
      attempt
      action
      resolvedAt
      lastProgress {
        processed
        total
      }
      job {
        id
        type
        state
      }
    }
    debugQueue(first: $first, after: $after) {
      nodes {
        id
        type
        state
        attempts
        maxAttempts
        createdAt
        lastError {
          code
          message
          attempt
          at
        }
        debugActions {
          kind
          at
          by
          reason
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MonitoringOverviewQuery, MonitoringOverviewQueryVariables>;
export const CreateScheduleDocument = new TypedDocumentString(`
    mutation CreateSchedule($input: CreateScheduleInput!) {
  createSchedule(input: $input) {
    ...CliScheduleFields
  }
}
    fragment CliScheduleFields on Schedule {
  id
  name
  jobType
  cron
  every
  timezone
  overlap
  catchUp
  enabled
  owner
  nextRunAt
  lastRun {
    occurrenceAt
    job {
      id
      state
    }
  }
}`) as unknown as TypedDocumentString<CreateScheduleMutation, CreateScheduleMutationVariables>;
export const SchedulesDocument = new TypedDocumentString(`
    query Schedules($filter: ScheduleFilter, $first: Int, $after: String) {
  schedules(filter: $filter, first: $first, after: $after) {
    nodes {
      ...CliScheduleFields
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment CliScheduleFields on Schedule {
  id
  name
  jobType
  cron
  every
  timezone
  overlap
  catchUp
  enabled
  owner
  nextRunAt
  lastRun {
    occurrenceAt
    job {
      id
      state
    }
  }
}`) as unknown as TypedDocumentString<SchedulesQuery, SchedulesQueryVariables>;
export const PauseScheduleDocument = new TypedDocumentString(`
    mutation PauseSchedule($id: ID!) {
  pauseSchedule(id: $id) {
    ...CliScheduleFields
  }
}
    fragment CliScheduleFields on Schedule {
  id
  name
  jobType
  cron
  every
  timezone
  overlap
  catchUp
  enabled
  owner
  nextRunAt
  lastRun {
    occurrenceAt
    job {
      id
      state
    }
  }
}`) as unknown as TypedDocumentString<PauseScheduleMutation, PauseScheduleMutationVariables>;
export const ResumeScheduleDocument = new TypedDocumentString(`
    mutation ResumeSchedule($id: ID!) {
  resumeSchedule(id: $id) {
    ...CliScheduleFields
  }
}
    fragment CliScheduleFields on Schedule {
  id
  name
  jobType
  cron
  every
  timezone
  overlap
  catchUp
  enabled
  owner
  nextRunAt
  lastRun {
    occurrenceAt
    job {
      id
      state
    }
  }
}`) as unknown as TypedDocumentString<ResumeScheduleMutation, ResumeScheduleMutationVariables>;
export const DeleteScheduleDocument = new TypedDocumentString(`
    mutation DeleteSchedule($id: ID!) {
  deleteSchedule(id: $id) {
    ...CliScheduleFields
  }
}
    fragment CliScheduleFields on Schedule {
  id
  name
  jobType
  cron
  every
  timezone
  overlap
  catchUp
  enabled
  owner
  nextRunAt
  lastRun {
    occurrenceAt
    job {
      id
      state
    }
  }
}`) as unknown as TypedDocumentString<DeleteScheduleMutation, DeleteScheduleMutationVariables>;