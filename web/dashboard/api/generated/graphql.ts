/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AlertKind =
  /** A backup ended PARTIAL. */
  | 'BACKUP_PARTIAL'
  | 'DEBUG_QUEUE_ENTERED'
  | 'FAILURE_RATE'
  /** Deleted records of an object above the org's rule in one backup (details: counts, the backupChanges arguments). */
  | 'MASS_DELETION'
  /** Updated records of an object above the org's rule in one backup (details: counts, the backupChanges arguments). */
  | 'MASS_UPDATE'
  /** An org under a backup policy had no successful backup within the policy's window. */
  | 'MISSED_BACKUP'
  | 'NO_LIVE_WORKER'
  | 'QUEUE_AGE'
  | 'ZOMBIE_DETECTED';

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

export type MonitoringEventKind =
  | 'ALERT_FIRED'
  | 'ALERT_RESOLVED'
  | 'DEBUG_ENTERED'
  | 'DEBUG_LEFT'
  | 'DIAGNOSTICS_CAPTURED'
  | 'WORKER_JOINED'
  | 'WORKER_LOST'
  | 'WORKER_STOPPED'
  | 'ZOMBIE_DETECTED';

/** How longhaul signs in to an org. */
export type OrgAuthFlow =
  /** A given access token on a given instance URL; it cannot be renewed. */
  | 'ACCESS_TOKEN'
  /** OAuth 2.0 refresh-token grant (refreshToken, clientId, clientSecret). */
  | 'REFRESH_TOKEN'
  /** OAuth 2.0 username-password grant (username, password, clientId, clientSecret). */
  | 'USERNAME_PASSWORD';

/** Whether an org answered the last time longhaul checked. */
export type OrgConnectionStatus =
  | 'CONNECTED'
  | 'FAILED';

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

export type DashboardJobRowFragment = { id: string, type: string, state: JobState, attempts: number, maxAttempts: number, createdAt: string, startedAt: string | null, finishedAt: string | null, progress: { processed: number, total: number | null, fraction: number | null, message: string | null }, lastError: { code: string, message: string } | null };

export type DashboardJobDetailFragment = { input: unknown, priority: number, result: unknown, checkpoint: unknown, retryAt: string | null, runAt: string, id: string, type: string, state: JobState, attempts: number, maxAttempts: number, createdAt: string, startedAt: string | null, finishedAt: string | null, errors: Array<{ code: string, message: string, attempt: number, at: string, stack: string | null }>, progress: { processed: number, total: number | null, fraction: number | null, message: string | null }, lastError: { code: string, message: string } | null };

export type DashboardJobsQueryVariables = Exact<{
  filter?: JobFilter | null | undefined;
  first?: number | null | undefined;
}>;


export type DashboardJobsQuery = { jobs: { nodes: Array<{ id: string, type: string, state: JobState, attempts: number, maxAttempts: number, createdAt: string, startedAt: string | null, finishedAt: string | null, progress: { processed: number, total: number | null, fraction: number | null, message: string | null }, lastError: { code: string, message: string } | null }>, pageInfo: { hasNextPage: boolean } } };

export type DashboardJobTypesQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardJobTypesQuery = { jobTypes: Array<{ name: string, description: string, inputSchema: unknown }> };

export type DashboardJobEventsSubscriptionVariables = Exact<{
  filter?: JobFilter | null | undefined;
}>;


export type DashboardJobEventsSubscription = { jobEvents: { position: string, kind: JobEventKind, at: string, gap: boolean, job: { id: string, type: string, state: JobState, attempts: number, maxAttempts: number, createdAt: string, startedAt: string | null, finishedAt: string | null, progress: { processed: number, total: number | null, fraction: number | null, message: string | null }, lastError: { code: string, message: string } | null } } };

export type DashboardCreateJobMutationVariables = Exact<{
  input: CreateJobInput;
}>;


export type DashboardCreateJobMutation = { createJob: { id: string, type: string, state: JobState, attempts: number, maxAttempts: number, createdAt: string, startedAt: string | null, finishedAt: string | null, progress: { processed: number, total: number | null, fraction: number | null, message: string | null }, lastError: { code: string, message: string } | null } };

export type DashboardJobQueryVariables = Exact<{
  id: string | number;
}>;


export type DashboardJobQuery = { job: { input: unknown, priority: number, result: unknown, checkpoint: unknown, retryAt: string | null, runAt: string, id: string, type: string, state: JobState, attempts: number, maxAttempts: number, createdAt: string, startedAt: string | null, finishedAt: string | null, errors: Array<{ code: string, message: string, attempt: number, at: string, stack: string | null }>, progress: { processed: number, total: number | null, fraction: number | null, message: string | null }, lastError: { code: string, message: string } | null } | null };

export type DashboardJobLogsQueryVariables = Exact<{
  id: string | number;
  last?: number | null | undefined;
}>;


export type DashboardJobLogsQuery = { job: { id: string, logs: Array<{ at: string, level: string, message: string, attempt: number | null }> } | null };

export type DashboardWatchJobSubscriptionVariables = Exact<{
  id: string | number;
  after?: string | null | undefined;
}>;


export type DashboardWatchJobSubscription = { jobProgress: { position: string, kind: JobEventKind, at: string, gap: boolean, job: { input: unknown, priority: number, result: unknown, checkpoint: unknown, retryAt: string | null, runAt: string, id: string, type: string, state: JobState, attempts: number, maxAttempts: number, createdAt: string, startedAt: string | null, finishedAt: string | null, errors: Array<{ code: string, message: string, attempt: number, at: string, stack: string | null }>, progress: { processed: number, total: number | null, fraction: number | null, message: string | null }, lastError: { code: string, message: string } | null } } };

export type DashboardCancelJobMutationVariables = Exact<{
  id: string | number;
}>;


export type DashboardCancelJobMutation = { cancelJob: { input: unknown, priority: number, result: unknown, checkpoint: unknown, retryAt: string | null, runAt: string, id: string, type: string, state: JobState, attempts: number, maxAttempts: number, createdAt: string, startedAt: string | null, finishedAt: string | null, errors: Array<{ code: string, message: string, attempt: number, at: string, stack: string | null }>, progress: { processed: number, total: number | null, fraction: number | null, message: string | null }, lastError: { code: string, message: string } | null } };

export type DashboardRetryJobMutationVariables = Exact<{
  id: string | number;
}>;


export type DashboardRetryJobMutation = { retryJob: { input: unknown, priority: number, result: unknown, checkpoint: unknown, retryAt: string | null, runAt: string, id: string, type: string, state: JobState, attempts: number, maxAttempts: number, createdAt: string, startedAt: string | null, finishedAt: string | null, errors: Array<{ code: string, message: string, attempt: number, at: string, stack: string | null }>, progress: { processed: number, total: number | null, fraction: number | null, message: string | null }, lastError: { code: string, message: string } | null } };

export type DashboardZombiesQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardZombiesQuery = { monitoring: { zombies: Array<{ id: string, reason: ZombieReason, since: string, detectedAt: string, workerId: string | null, attempt: number, action: ZombieAction | null, resolvedAt: string | null, lastProgress: { processed: number, total: number | null, fraction: number | null, message: string | null }, job: { id: string, type: string, state: JobState } }> } };

export type DashboardDebugQueueQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type DashboardDebugQueueQuery = { monitoring: { debugQueue: { nodes: Array<{ id: string, type: string, state: JobState, attempts: number, maxAttempts: number, createdAt: string, startedAt: string | null, finishedAt: string | null, debugActions: Array<{ kind: DebugActionKind, at: string, by: string | null, reason: string | null }>, progress: { processed: number, total: number | null, fraction: number | null, message: string | null }, lastError: { code: string, message: string } | null }> } } };

export type DashboardWorkersQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardWorkersQuery = { monitoring: { workers: Array<{ id: string, host: string, pid: number, role: string, version: string, startedAt: string, lastHeartbeatAt: string, alive: boolean, stoppedAt: string | null, rssBytes: number | null, eventLoopDelay: { meanMs: number, p50Ms: number, p99Ms: number, maxMs: number } | null, runningJobs: Array<{ id: string, type: string }> }> } };

export type DashboardQueueStatsQueryVariables = Exact<{
  windowMinutes?: number | null | undefined;
}>;


export type DashboardQueueStatsQuery = { monitoring: { queueStats: { oldestQueuedAgeSeconds: number | null, byState: Array<{ state: JobState, count: number }>, byType: Array<{ type: string, state: JobState, count: number }>, throughput: Array<{ start: string, succeeded: number, failed: number }> }, failureRate: { windowMinutes: number, finished: number, failed: number, rate: number } } };

export type DashboardAlertsQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardAlertsQuery = { monitoring: { alerts: Array<{ id: string, kind: AlertKind, rule: string, key: string, message: string, firedAt: string, resolvedAt: string | null, delivered: number }> } };

export type DashboardMonitoringEventsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type DashboardMonitoringEventsSubscription = { monitoringEvents: { position: string, kind: MonitoringEventKind, at: string, message: string } };

export type DashboardRerunInDebugMutationVariables = Exact<{
  id: string | number;
}>;


export type DashboardRerunInDebugMutation = { rerunInDebug: { id: string, state: JobState } };

export type DashboardRequeueFromDebugMutationVariables = Exact<{
  id: string | number;
}>;


export type DashboardRequeueFromDebugMutation = { requeueFromDebug: { id: string, state: JobState } };

export type DashboardDiscardDebugJobMutationVariables = Exact<{
  id: string | number;
  reason: string;
}>;


export type DashboardDiscardDebugJobMutation = { discardDebugJob: { id: string, state: JobState } };

export type DashboardOrgsQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardOrgsQuery = { orgs: Array<{ id: string, name: string, authFlow: OrgAuthFlow, instanceUrl: string | null, username: string | null, salesforceOrgId: string, status: OrgConnectionStatus, statusDetail: string | null, checkedAt: string, createdAt: string, apiBudget: { max: number, remaining: number, checkedAt: string } | null }> };

export type DashboardBackupPolicyQueryVariables = Exact<{
  orgId: string | number;
}>;


export type DashboardBackupPolicyQuery = { backupPolicy: { orgId: string, objects: Array<string> | null, at: string, timezone: string, cron: string, fullEvery: number, enabled: boolean, createdAt: string, updatedAt: string, retention: { daily: number, weekly: number, monthly: number, keepDays: number | null } } | null };

export type DashboardBackupHistoryQueryVariables = Exact<{
  orgId: string | number;
}>;


export type DashboardBackupHistoryQuery = { backups: Array<{ id: string, mode: BackupMode, status: BackupStatus, createdAt: string, startedAt: string | null, finishedAt: string | null, durationMs: number | null, records: number, bytes: number, estimatedRecords: number, objectsDone: number, objectsTotal: number, keptBy: Array<BackupRetentionRule>, expiresAt: string | null, job: { id: string, state: JobState } | null, errors: Array<{ name: string, error: { code: string, message: string } | null }>, changes: Array<{ object: string, previousBackupId: string, previousRecords: number, created: number, updated: number, deleted: number }> }> };

export type DashboardOrgAlertsQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardOrgAlertsQuery = { monitoring: { alerts: Array<{ id: string, kind: AlertKind, rule: string, key: string, message: string, firedAt: string, resolvedAt: string | null, delivered: number, details: unknown }> } };

export type DashboardScheduleRowFragment = { id: string, name: string, jobType: string, cron: string | null, every: string | null, timezone: string, overlap: ScheduleOverlap, catchUp: ScheduleCatchUp, enabled: boolean, owner: string | null, nextRunAt: string | null, createdAt: string, nextRuns: Array<string>, lastRun: { occurrenceAt: string, job: { id: string, state: JobState } | null } | null };

export type DashboardSchedulesQueryVariables = Exact<{
  filter?: ScheduleFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type DashboardSchedulesQuery = { schedules: { nodes: Array<{ id: string, name: string, jobType: string, cron: string | null, every: string | null, timezone: string, overlap: ScheduleOverlap, catchUp: ScheduleCatchUp, enabled: boolean, owner: string | null, nextRunAt: string | null, createdAt: string, nextRuns: Array<string>, lastRun: { occurrenceAt: string, job: { id: string, state: JobState } | null } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type DashboardPauseScheduleMutationVariables = Exact<{
  id: string | number;
}>;


export type DashboardPauseScheduleMutation = { pauseSchedule: { id: string, name: string, jobType: string, cron: string | null, every: string | null, timezone: string, overlap: ScheduleOverlap, catchUp: ScheduleCatchUp, enabled: boolean, owner: string | null, nextRunAt: string | null, createdAt: string, nextRuns: Array<string>, lastRun: { occurrenceAt: string, job: { id: string, state: JobState } | null } | null } };

export type DashboardResumeScheduleMutationVariables = Exact<{
  id: string | number;
}>;


export type DashboardResumeScheduleMutation = { resumeSchedule: { id: string, name: string, jobType: string, cron: string | null, every: string | null, timezone: string, overlap: ScheduleOverlap, catchUp: ScheduleCatchUp, enabled: boolean, owner: string | null, nextRunAt: string | null, createdAt: string, nextRuns: Array<string>, lastRun: { occurrenceAt: string, job: { id: string, state: JobState } | null } | null } };

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
export const DashboardJobRowFragmentDoc = new TypedDocumentString(`
    fragment DashboardJobRow on Job {
  id
  type
  state
  attempts
  maxAttempts
  createdAt
  startedAt
  finishedAt
  progress {
    processed
    total
    fraction
    message
  }
  lastError {
    code
    message
  }
}
    `, {"fragmentName":"DashboardJobRow"}) as unknown as TypedDocumentString<DashboardJobRowFragment, unknown>;
export const DashboardJobDetailFragmentDoc = new TypedDocumentString(`
    fragment DashboardJobDetail on Job {
  ...DashboardJobRow
  input
  priority
  result
  checkpoint
  retryAt
  runAt
  errors {
    code
    message
    attempt
    at
    stack
  }
}
    fragment DashboardJobRow on Job {
  id
  type
  state
  attempts
  maxAttempts
  createdAt
  startedAt
  finishedAt
  progress {
    processed
    total
    fraction
    message
  }
  lastError {
    code
    message
  }
}`, {"fragmentName":"DashboardJobDetail"}) as unknown as TypedDocumentString<DashboardJobDetailFragment, unknown>;
export const DashboardScheduleRowFragmentDoc = new TypedDocumentString(`
    fragment DashboardScheduleRow on Schedule {
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
  createdAt
  nextRuns(count: 5)
  lastRun {
    occurrenceAt
    job {
      id
      state
    }
  }
}
    `, {"fragmentName":"DashboardScheduleRow"}) as unknown as TypedDocumentString<DashboardScheduleRowFragment, unknown>;
export const DashboardJobsDocument = new TypedDocumentString(`
    query DashboardJobs($filter: JobFilter, $first: Int) {
  jobs(filter: $filter, first: $first) {
    nodes {
      ...DashboardJobRow
    }
    pageInfo {
      hasNextPage
    }
  }
}
    fragment DashboardJobRow on Job {
  id
  type
  state
  attempts
  maxAttempts
  createdAt
  startedAt
  finishedAt
  progress {
    processed
    total
    fraction
    message
  }
  lastError {
    code
    message
  }
}`) as unknown as TypedDocumentString<DashboardJobsQuery, DashboardJobsQueryVariables>;
export const DashboardJobTypesDocument = new TypedDocumentString(`
    query DashboardJobTypes {
  jobTypes {
    name
    description
    inputSchema
  }
}
    `) as unknown as TypedDocumentString<DashboardJobTypesQuery, DashboardJobTypesQueryVariables>;
export const DashboardJobEventsDocument = new TypedDocumentString(`
    subscription DashboardJobEvents($filter: JobFilter) {
  jobEvents(filter: $filter) {
    position
    kind
    at
    gap
    job {
      ...DashboardJobRow
    }
  }
}
    fragment DashboardJobRow on Job {
  id
  type
  state
  attempts
  maxAttempts
  createdAt
  startedAt
  finishedAt
  progress {
    processed
    total
    fraction
    message
  }
  lastError {
    code
    message
  }
}`) as unknown as TypedDocumentString<DashboardJobEventsSubscription, DashboardJobEventsSubscriptionVariables>;
export const DashboardCreateJobDocument = new TypedDocumentString(`
    mutation DashboardCreateJob($input: CreateJobInput!) {
  createJob(input: $input) {
    ...DashboardJobRow
  }
}
    fragment DashboardJobRow on Job {
  id
  type
  state
  attempts
  maxAttempts
  createdAt
  startedAt
  finishedAt
  progress {
    processed
    total
    fraction
    message
  }
  lastError {
    code
    message
  }
}`) as unknown as TypedDocumentString<DashboardCreateJobMutation, DashboardCreateJobMutationVariables>;
export const DashboardJobDocument = new TypedDocumentString(`
    query DashboardJob($id: ID!) {
  job(id: $id) {
    ...DashboardJobDetail
  }
}
    fragment DashboardJobRow on Job {
  id
  type
  state
  attempts
  maxAttempts
  createdAt
  startedAt
  finishedAt
  progress {
    processed
    total
    fraction
    message
  }
  lastError {
    code
    message
  }
}
fragment DashboardJobDetail on Job {
  ...DashboardJobRow
  input
  priority
  result
  checkpoint
  retryAt
  runAt
  errors {
    code
    message
    attempt
    at
    stack
  }
}`) as unknown as TypedDocumentString<DashboardJobQuery, DashboardJobQueryVariables>;
export const DashboardJobLogsDocument = new TypedDocumentString(`
    query DashboardJobLogs($id: ID!, $last: Int) {
  job(id: $id) {
    id
    logs(last: $last) {
      at
      level
      message
      attempt
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardJobLogsQuery, DashboardJobLogsQueryVariables>;
export const DashboardWatchJobDocument = new TypedDocumentString(`
    subscription DashboardWatchJob($id: ID!, $after: String) {
  jobProgress(id: $id, after: $after) {
    position
    kind
    at
    gap
    job {
      ...DashboardJobDetail
    }
  }
}
    fragment DashboardJobRow on Job {
  id
  type
  state
  attempts
  maxAttempts
  createdAt
  startedAt
  finishedAt
  progress {
    processed
    total
    fraction
    message
  }
  lastError {
    code
    message
  }
}
fragment DashboardJobDetail on Job {
  ...DashboardJobRow
  input
  priority
  result
  checkpoint
  retryAt
  runAt
  errors {
    code
    message
    attempt
    at
    stack
  }
}`) as unknown as TypedDocumentString<DashboardWatchJobSubscription, DashboardWatchJobSubscriptionVariables>;
export const DashboardCancelJobDocument = new TypedDocumentString(`
    mutation DashboardCancelJob($id: ID!) {
  cancelJob(id: $id) {
    ...DashboardJobDetail
  }
}
    fragment DashboardJobRow on Job {
  id
  type
  state
  attempts
  maxAttempts
  createdAt
  startedAt
  finishedAt
  progress {
    processed
    total
    fraction
    message
  }
  lastError {
    code
    message
  }
}
fragment DashboardJobDetail on Job {
  ...DashboardJobRow
  input
  priority
  result
  checkpoint
  retryAt
  runAt
  errors {
    code
    message
    attempt
    at
    stack
  }
}`) as unknown as TypedDocumentString<DashboardCancelJobMutation, DashboardCancelJobMutationVariables>;
export const DashboardRetryJobDocument = new TypedDocumentString(`
    mutation DashboardRetryJob($id: ID!) {
  retryJob(id: $id) {
    ...DashboardJobDetail
  }
}
    fragment DashboardJobRow on Job {
  id
  type
  state
  attempts
  maxAttempts
  createdAt
  startedAt
  finishedAt
  progress {
    processed
    total
    fraction
    message
  }
  lastError {
    code
    message
  }
}
fragment DashboardJobDetail on Job {
  ...DashboardJobRow
  input
  priority
  result
  checkpoint
  retryAt
  runAt
  errors {
    code
    message
    attempt
    at
    stack
  }
}`) as unknown as TypedDocumentString<DashboardRetryJobMutation, DashboardRetryJobMutationVariables>;
export const DashboardZombiesDocument = new TypedDocumentString(`
    query DashboardZombies {
  monitoring {
    zombies(includeResolved: true) {
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
        fraction
        message
      }
      job {
        id
        type
        state
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardZombiesQuery, DashboardZombiesQueryVariables>;
export const DashboardDebugQueueDocument = new TypedDocumentString(`
    query DashboardDebugQueue($first: Int) {
  monitoring {
    debugQueue(first: $first) {
      nodes {
        ...DashboardJobRow
        debugActions {
          kind
          at
          by
          reason
        }
      }
    }
  }
}
    fragment DashboardJobRow on Job {
  id
  type
  state
  attempts
  maxAttempts
  createdAt
  startedAt
  finishedAt
  progress {
    processed
    total
    fraction
    message
  }
  lastError {
    code
    message
  }
}`) as unknown as TypedDocumentString<DashboardDebugQueueQuery, DashboardDebugQueueQueryVariables>;
export const DashboardWorkersDocument = new TypedDocumentString(`
    query DashboardWorkers {
  monitoring {
    workers {
      id
      host
      pid
      role
      version
      startedAt
      lastHeartbeatAt
      alive
      stoppedAt
      rssBytes
      eventLoopDelay {
        meanMs
        p50Ms
        p99Ms
        maxMs
      }
      runningJobs {
        id
        type
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardWorkersQuery, DashboardWorkersQueryVariables>;
export const DashboardQueueStatsDocument = new TypedDocumentString(`
    query DashboardQueueStats($windowMinutes: Int) {
  monitoring {
    queueStats(windowMinutes: $windowMinutes) {
      byState {
        state
        count
      }
      byType {
        type
        state
        count
      }
      oldestQueuedAgeSeconds
      throughput {
        start
        succeeded
        failed
      }
    }
    failureRate(windowMinutes: $windowMinutes) {
      windowMinutes
      finished
      failed
      rate
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardQueueStatsQuery, DashboardQueueStatsQueryVariables>;
export const DashboardAlertsDocument = new TypedDocumentString(`
    query DashboardAlerts {
  monitoring {
    alerts {
      id
      kind
      rule
      key
      message
      firedAt
      resolvedAt
      delivered
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardAlertsQuery, DashboardAlertsQueryVariables>;
export const DashboardMonitoringEventsDocument = new TypedDocumentString(`
    subscription DashboardMonitoringEvents {
  monitoringEvents {
    position
    kind
    at
    message
  }
}
    `) as unknown as TypedDocumentString<DashboardMonitoringEventsSubscription, DashboardMonitoringEventsSubscriptionVariables>;
export const DashboardRerunInDebugDocument = new TypedDocumentString(`
    mutation DashboardRerunInDebug($id: ID!) {
  rerunInDebug(id: $id) {
    id
    state
  }
}
    `) as unknown as TypedDocumentString<DashboardRerunInDebugMutation, DashboardRerunInDebugMutationVariables>;
export const DashboardRequeueFromDebugDocument = new TypedDocumentString(`
    mutation DashboardRequeueFromDebug($id: ID!) {
  requeueFromDebug(id: $id) {
    id
    state
  }
}
    `) as unknown as TypedDocumentString<DashboardRequeueFromDebugMutation, DashboardRequeueFromDebugMutationVariables>;
export const DashboardDiscardDebugJobDocument = new TypedDocumentString(`
    mutation DashboardDiscardDebugJob($id: ID!, $reason: String!) {
  discardDebugJob(id: $id, reason: $reason) {
    id
    state
  }
}
    `) as unknown as TypedDocumentString<DashboardDiscardDebugJobMutation, DashboardDiscardDebugJobMutationVariables>;
export const DashboardOrgsDocument = new TypedDocumentString(`
    query DashboardOrgs {
  orgs {
    id
    name
    authFlow
    instanceUrl
    username
    salesforceOrgId
    status
    statusDetail
    checkedAt
    createdAt
    apiBudget {
      max
      remaining
      checkedAt
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardOrgsQuery, DashboardOrgsQueryVariables>;
export const DashboardBackupPolicyDocument = new TypedDocumentString(`
    query DashboardBackupPolicy($orgId: ID!) {
  backupPolicy(orgId: $orgId) {
    orgId
    objects
    at
    timezone
    cron
    fullEvery
    enabled
    createdAt
    updatedAt
    retention {
      daily
      weekly
      monthly
      keepDays
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardBackupPolicyQuery, DashboardBackupPolicyQueryVariables>;
export const DashboardBackupHistoryDocument = new TypedDocumentString(`
    query DashboardBackupHistory($orgId: ID!) {
  backups(orgId: $orgId) {
    id
    mode
    status
    createdAt
    startedAt
    finishedAt
    durationMs
    records
    bytes
    estimatedRecords
    objectsDone
    objectsTotal
    keptBy
    expiresAt
    job {
      id
      state
    }
    errors {
      name
      error {
        code
        message
      }
    }
    changes {
      object
      previousBackupId
      previousRecords
      created
      updated
      deleted
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardBackupHistoryQuery, DashboardBackupHistoryQueryVariables>;
export const DashboardOrgAlertsDocument = new TypedDocumentString(`
    query DashboardOrgAlerts {
  monitoring {
    alerts(includeResolved: true) {
      id
      kind
      rule
      key
      message
      firedAt
      resolvedAt
      delivered
      details
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardOrgAlertsQuery, DashboardOrgAlertsQueryVariables>;
export const DashboardSchedulesDocument = new TypedDocumentString(`
    query DashboardSchedules($filter: ScheduleFilter, $first: Int, $after: String) {
  schedules(filter: $filter, first: $first, after: $after) {
    nodes {
      ...DashboardScheduleRow
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment DashboardScheduleRow on Schedule {
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
  createdAt
  nextRuns(count: 5)
  lastRun {
    occurrenceAt
    job {
      id
      state
    }
  }
}`) as unknown as TypedDocumentString<DashboardSchedulesQuery, DashboardSchedulesQueryVariables>;
export const DashboardPauseScheduleDocument = new TypedDocumentString(`
    mutation DashboardPauseSchedule($id: ID!) {
  pauseSchedule(id: $id) {
    ...DashboardScheduleRow
  }
}
    fragment DashboardScheduleRow on Schedule {
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
  createdAt
  nextRuns(count: 5)
  lastRun {
    occurrenceAt
    job {
      id
      state
    }
  }
}`) as unknown as TypedDocumentString<DashboardPauseScheduleMutation, DashboardPauseScheduleMutationVariables>;
export const DashboardResumeScheduleDocument = new TypedDocumentString(`
    mutation DashboardResumeSchedule($id: ID!) {
  resumeSchedule(id: $id) {
    ...DashboardScheduleRow
  }
}
    fragment DashboardScheduleRow on Schedule {
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
  createdAt
  nextRuns(count: 5)
  lastRun {
    occurrenceAt
    job {
      id
      state
    }
  }
}`) as unknown as TypedDocumentString<DashboardResumeScheduleMutation, DashboardResumeScheduleMutationVariables>;