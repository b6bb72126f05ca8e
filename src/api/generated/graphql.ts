import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { JobView } from '../../engine/jobView.ts';
import type { JobEvent as JobEventModel } from '../../engine/jobEvent.ts';
import type { OrgView } from '../../salesforce/orgDocument.ts';
import type { BackupWithJob } from '../../jobs/salesforce/backup/backupService.ts';
import type { BackupObjectEntry } from '../../storage/backupDocument.ts';
import type { BackupPolicyView } from '../../storage/backupPolicyDocument.ts';
import type { RestoreWithJob } from '../../jobs/salesforce/restore/restoreService.ts';
import type { RestoreResultView } from '../../storage/restoreResultStore.ts';
import type { ExportWithJob } from '../../jobs/salesforce/export/exportService.ts';
import type { MonitoringRoot } from '../../monitoring/monitoringRoot.ts';
import type { MonitoringEventModel } from '../../monitoring/monitoringEvent.ts';
import type { ZombieDocument } from '../../monitoring/zombieDocument.ts';
import type { WorkerDocument } from '../../monitoring/workerDocument.ts';
import type { DiagnosticDocument } from '../../monitoring/diagnosticDocument.ts';
import type { AlertDocument } from '../../monitoring/alertDocument.ts';
import type { BackupChangePage } from '../../jobs/salesforce/backup/backupChangesService.ts';
import type { DataChangeRules } from '../../monitoring/alerts/dataChangeRuleService.ts';
import type { ScheduleView, ScheduleRunView } from '../../engine/schedules/scheduleService.ts';
import type { ApiContext } from '../context.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO-8601 date-time string in UTC, e.g. `2026-11-27T21:37:18.000Z`. */
  DateTime: { input: Date; output: Date; }
  /** Any JSON value: job input, checkpoint state, result. */
  JSON: { input: unknown; output: unknown; }
};

/** One incident of an alert rule: fired once, resolved once when it clears. */
export type Alert = {
  __typename?: 'Alert';
  /** Webhook deliveries that succeeded. */
  delivered: Scalars['Int']['output'];
  /** Counts and where the changed Ids are (data-change alerts); null for other kinds. */
  details: Maybe<Scalars['JSON']['output']>;
  firedAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** What the incident is about, e.g. a job id; one incident per rule and key. */
  key: Scalars['String']['output'];
  kind: AlertKind;
  message: Scalars['String']['output'];
  resolvedAt: Maybe<Scalars['DateTime']['output']>;
  /** Name of the rule that fired. */
  rule: Scalars['String']['output'];
};

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

/** An org's daily API allowance (the `DailyApiRequests` limit). */
export type ApiBudget = {
  __typename?: 'ApiBudget';
  /** When it was read. */
  checkedAt: Scalars['DateTime']['output'];
  max: Scalars['Int']['output'];
  remaining: Scalars['Int']['output'];
};

/** A backup of an org. */
export type Backup = {
  __typename?: 'Backup';
  /** Compressed bytes stored, all objects. */
  bytes: Scalars['Float']['output'];
  /** Per object compared with its previous backup: records created, updated and deleted since then (objects backed up for the first time are not listed). */
  changes: Array<BackupObjectChanges>;
  createdAt: Scalars['DateTime']['output'];
  /** The object being read while the backup runs. */
  currentObject: Maybe<Scalars['String']['output']>;
  /** finishedAt - startedAt, once finished. */
  durationMs: Maybe<Scalars['Float']['output']>;
  /** Objects that failed, with their errors. */
  errors: Array<BackupObject>;
  /** Sum of the objects' estimated records. */
  estimatedRecords: Scalars['Float']['output'];
  /** When the prune deletes it: for a backup no rule keeps, now (a failed one a day after it ended); for one kept only by KEEP_DAYS, when it gets too old; null otherwise. */
  expiresAt: Maybe<Scalars['DateTime']['output']>;
  finishedAt: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** The job running it. */
  job: Maybe<Job>;
  /** The retention rules of the org's policy that keep this backup; empty: the next prune deletes it (no policy: empty, and nothing is pruned). */
  keptBy: Array<BackupRetentionRule>;
  mode: BackupMode;
  objects: Array<BackupObject>;
  /** Objects finished (succeeded or failed). */
  objectsDone: Scalars['Int']['output'];
  objectsTotal: Scalars['Int']['output'];
  org: Maybe<Org>;
  /** Records stored, all objects. */
  records: Scalars['Float']['output'];
  startedAt: Maybe<Scalars['DateTime']['output']>;
  status: BackupStatus;
};

/** A page of changed record Ids. */
export type BackupChangeConnection = {
  __typename?: 'BackupChangeConnection';
  /** Salesforce record Ids, in Id order. */
  ids: Array<Scalars['String']['output']>;
  pageInfo: PageInfo;
  /** Ids of this kind in all pages. */
  totalCount: Scalars['Float']['output'];
};

export type BackupMode =
  /** Every record of every chosen object. */
  | 'FULL'
  /** Records changed since the object's last successful backup, deletions included (`IsDeleted`); objects never backed up are read in full. */
  | 'INCREMENTAL';

/** One object of a backup, stored as gzip NDJSON parts plus its describe. */
export type BackupObject = {
  __typename?: 'BackupObject';
  /** INCREMENTAL: the backup these changes apply to (a snapshot follows the chain back to a FULL one). */
  baseBackupId: Maybe<Scalars['ID']['output']>;
  /** Compressed bytes stored. */
  bytes: Scalars['Float']['output'];
  /** INCREMENTAL: the lower bound of SystemModstamp read. */
  changesSince: Maybe<Scalars['DateTime']['output']>;
  /** INCREMENTAL: deleted records among `records` (stored with IsDeleted true). */
  deletedRecords: Scalars['Float']['output'];
  error: Maybe<BackupObjectError>;
  /** COUNT() when the backup started (of the changes, for INCREMENTAL). */
  estimatedRecords: Maybe<Scalars['Float']['output']>;
  finishedAt: Maybe<Scalars['DateTime']['output']>;
  /** REST or BULK, once planned. */
  method: Maybe<BackupReadMethod>;
  /** FULL (every record) or INCREMENTAL (changes since `changesSince`); in a FULL backup always FULL. */
  mode: BackupMode;
  name: Scalars['String']['output'];
  /** Files the records are stored in (one per query page). */
  parts: Scalars['Int']['output'];
  records: Scalars['Float']['output'];
  /** sha256 (hex) of the object's uncompressed NDJSON, once it is done. */
  sha256: Maybe<Scalars['String']['output']>;
  startedAt: Maybe<Scalars['DateTime']['output']>;
  status: BackupObjectStatus;
};

/** What changed in one object of a backup since the object's previous backup (the last one in which it succeeded). */
export type BackupObjectChanges = {
  __typename?: 'BackupObjectChanges';
  created: Scalars['Float']['output'];
  deleted: Scalars['Float']['output'];
  object: Scalars['String']['output'];
  /** The backup compared with. */
  previousBackupId: Scalars['ID']['output'];
  /** Live records of the object in the previous backup. */
  previousRecords: Scalars['Float']['output'];
  updated: Scalars['Float']['output'];
};

/** Why an object of a backup failed. */
export type BackupObjectError = {
  __typename?: 'BackupObjectError';
  /** Salesforce's error code, e.g. `INVALID_FIELD`. */
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
};

export type BackupObjectStatus =
  | 'FAILED'
  | 'PENDING'
  | 'RUNNING'
  | 'SUCCEEDED';

/** The backup policy of an org: a daily backup at `at` in `timezone`, a FULL one every `fullEvery` days, and retention. */
export type BackupPolicy = {
  __typename?: 'BackupPolicy';
  /** Local time of the daily backup, HH:MM. */
  at: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** The schedule's cron expression (5 fields, in `timezone`). */
  cron: Scalars['String']['output'];
  enabled: Scalars['Boolean']['output'];
  /** A FULL backup when the last FULL one is older than this many days; INCREMENTAL otherwise. */
  fullEvery: Scalars['Int']['output'];
  /** Objects backed up; null: every queryable, replicateable object. */
  objects: Maybe<Array<Scalars['String']['output']>>;
  org: Maybe<Org>;
  orgId: Scalars['ID']['output'];
  retention: BackupRetention;
  /** IANA zone of `at` and of the retention's days, weeks and months. */
  timezone: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

/** A backup policy; every field has a default. */
export type BackupPolicyInput = {
  /** Local time HH:MM of the daily backup; default 02:00. */
  at?: InputMaybe<Scalars['String']['input']>;
  /** Default true. */
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
  /** Days between FULL backups (1-365); default 7. */
  fullEvery?: InputMaybe<Scalars['Int']['input']>;
  /** Default: every queryable, replicateable object. */
  objects?: InputMaybe<Array<Scalars['String']['input']>>;
  retention?: InputMaybe<BackupRetentionInput>;
  /** IANA zone; default the org's zone when known, else UTC. */
  timezone?: InputMaybe<Scalars['String']['input']>;
};

/** How an object's records were read. */
export type BackupReadMethod =
  /** A Bulk API 2.0 query job (objects at or above LONGHAUL_BACKUP_BULK_THRESHOLD records). */
  | 'BULK'
  /** REST query paging (small objects). */
  | 'REST';

/** How many backups a policy keeps: grandfather-father-son counts and/or every backup younger than keepDays. */
export type BackupRetention = {
  __typename?: 'BackupRetention';
  /** The newest backup of each of the last `daily` days that have one. */
  daily: Scalars['Int']['output'];
  /** Every backup younger than this many days; null: no such rule. */
  keepDays: Maybe<Scalars['Int']['output']>;
  /** The newest backup of each of the last `monthly` calendar months that have one. */
  monthly: Scalars['Int']['output'];
  /** The newest backup of each of the last `weekly` ISO weeks (Monday first) that have one. */
  weekly: Scalars['Int']['output'];
};

/** Retention counts; once any is given, the counts not given are 0. Default: daily 7, weekly 4, monthly 12. */
export type BackupRetentionInput = {
  daily?: InputMaybe<Scalars['Int']['input']>;
  keepDays?: InputMaybe<Scalars['Int']['input']>;
  monthly?: InputMaybe<Scalars['Int']['input']>;
  weekly?: InputMaybe<Scalars['Int']['input']>;
};

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

/** What happened to a record between two backups of its object. */
export type ChangeKind =
  /** Not in the previous backup's snapshot. */
  | 'CREATED'
  /** In the previous snapshot and gone (FULL backup) or read with IsDeleted (INCREMENTAL). */
  | 'DELETED'
  /** In both; its stored content differs. */
  | 'UPDATED';

/**
 * Credentials of an org; the flow follows from the fields given:
 * `username` + `password` + `clientId` + `clientSecret`; or `refreshToken` + `clientId` + `clientSecret`;
 * or `instanceUrl` + `accessToken`. An incomplete or mixed combination is `BAD_USER_INPUT`.
 */
export type ConnectOrgInput = {
  accessToken?: InputMaybe<Scalars['String']['input']>;
  clientId?: InputMaybe<Scalars['String']['input']>;
  clientSecret?: InputMaybe<Scalars['String']['input']>;
  instanceUrl?: InputMaybe<Scalars['String']['input']>;
  /** Default: https://login.salesforce.com (https://test.salesforce.com for sandboxes). */
  loginUrl?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  /** The password, followed by the security token if the org requires one. */
  password?: InputMaybe<Scalars['String']['input']>;
  refreshToken?: InputMaybe<Scalars['String']['input']>;
  username?: InputMaybe<Scalars['String']['input']>;
};

export type CreateJobInput = {
  /** Creating a job with a key used before returns that job instead of a new one. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** Input for the job type, checked against its schema. */
  input?: InputMaybe<Scalars['JSON']['input']>;
  /** Attempts before the job fails. Default: the type's maxAttempts. */
  maxAttempts?: InputMaybe<Scalars['Int']['input']>;
  /** Higher runs first. Default: the type's priority. */
  priority?: InputMaybe<Scalars['Int']['input']>;
  /** Do not start before this time. Default: now. */
  runAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** A registered job type, see `jobTypes`. */
  type: Scalars['String']['input'];
};

export type CreateScheduleInput = {
  /** Default LATEST. */
  catchUp?: InputMaybe<ScheduleCatchUp>;
  /** 5 or 6 fields; exactly one of `cron` and `every`. */
  cron?: InputMaybe<Scalars['String']['input']>;
  /** Default true. */
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
  /** ISO 8601 duration of fixed length, PT1S to P366D; exactly one of `cron` and `every`. */
  every?: InputMaybe<Scalars['String']['input']>;
  /** Input of every job, checked against the type's schema now. */
  input?: InputMaybe<Scalars['JSON']['input']>;
  /** A public job type (see `jobTypes`); internal types are scheduled by their domain services. */
  jobType: Scalars['String']['input'];
  name: Scalars['String']['input'];
  /** Default SKIP. */
  overlap?: InputMaybe<ScheduleOverlap>;
  /** IANA zone of the cron. Default UTC. */
  timezone?: InputMaybe<Scalars['String']['input']>;
};

/** An org's data-change alert rules. */
export type DataChangeAlertRules = {
  __typename?: 'DataChangeAlertRules';
  /** True while the org never set rules: the defaults (more than 5% of an object deleted; a PARTIAL backup) apply. */
  isDefault: Scalars['Boolean']['output'];
  orgId: Scalars['ID']['output'];
  rules: Array<DataChangeRule>;
};

/** A data-change alert rule of an org. */
export type DataChangeRule = {
  __typename?: 'DataChangeRule';
  /** Fires when at least this many records changed; null: no count threshold. */
  count: Maybe<Scalars['Float']['output']>;
  enabled: Scalars['Boolean']['output'];
  kind: DataChangeRuleKind;
  /** Only this object (it replaces the org-wide rule of its kind for it); null: every object. */
  object: Maybe<Scalars['String']['output']>;
  /** Fires when more than this share (0..1] of the records the previous backup held changed; null: no share threshold. */
  share: Maybe<Scalars['Float']['output']>;
};

/** A data-change alert rule to set: MASS_DELETION and MASS_UPDATE need a share or a count; BACKUP_PARTIAL takes neither, nor an object. */
export type DataChangeRuleInput = {
  count?: InputMaybe<Scalars['Float']['input']>;
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
  kind: DataChangeRuleKind;
  object?: InputMaybe<Scalars['String']['input']>;
  share?: InputMaybe<Scalars['Float']['input']>;
};

/** What a data-change alert rule watches. */
export type DataChangeRuleKind =
  /** A backup that ended PARTIAL (some objects failed). */
  | 'BACKUP_PARTIAL'
  /** Deleted records of an object in one backup above the rule's share or count. */
  | 'MASS_DELETION'
  /** Updated records of an object in one backup above the rule's share or count. */
  | 'MASS_UPDATE';

export type DebugAction = {
  __typename?: 'DebugAction';
  at: Scalars['DateTime']['output'];
  /** Tenant of the key that acted (absent for ENTERED). */
  by: Maybe<Scalars['String']['output']>;
  kind: DebugActionKind;
  reason: Maybe<Scalars['String']['output']>;
};

/** What an operator did with a job in the debug queue (or how it got there). */
export type DebugActionKind =
  | 'DISCARDED'
  | 'ENTERED'
  | 'REQUEUED'
  | 'RERUN_IN_DEBUG';

export type DiagnosticKind =
  /** A V8 heap snapshot (large): everything the process holds in memory, decrypted org credentials among it. Off unless LONGHAUL_HEAP_SNAPSHOTS=on; kept LONGHAUL_HEAP_SNAPSHOT_TTL_MS. */
  | 'HEAP_SNAPSHOT'
  /** A Node diagnostic report (process.report): JSON with stacks, heap and libuv state; stored without environment variables, command line or any configured secret. */
  | 'REPORT';

/** A diagnostic file written by a worker process, stored by longhaul. */
export type DiagnosticReport = {
  __typename?: 'DiagnosticReport';
  bytes: Scalars['Float']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** Event-loop delay when it was written. */
  eventLoopDelayMs: Maybe<Scalars['Float']['output']>;
  /** When it is deleted (LONGHAUL_DIAGNOSTICS_TTL_MS, LONGHAUL_HEAP_SNAPSHOT_TTL_MS); its download answers 410 from then on. */
  expiresAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** The job it was written for, when a hung job caused it. */
  jobId: Maybe<Scalars['ID']['output']>;
  kind: DiagnosticKind;
  /** Why it was written, e.g. `job hung: NO_PROGRESS`, `event loop blocked`, `requested by operator`. */
  reason: Scalars['String']['output'];
  /** Where to download it (`GET`, same API key; operators only). */
  url: Scalars['String']['output'];
  workerId: Scalars['String']['output'];
};

/** Event-loop delay of a worker process, measured continuously (perf_hooks.monitorEventLoopDelay) over the last heartbeat interval. */
export type EventLoopDelay = {
  __typename?: 'EventLoopDelay';
  maxMs: Scalars['Float']['output'];
  meanMs: Scalars['Float']['output'];
  p50Ms: Scalars['Float']['output'];
  p99Ms: Scalars['Float']['output'];
};

/** A CSV export of one object of a backup. */
export type Export = {
  __typename?: 'Export';
  backup: Maybe<Backup>;
  bytes: Scalars['Float']['output'];
  createdAt: Scalars['DateTime']['output'];
  error: Maybe<ExportError>;
  expiresAt: Maybe<Scalars['DateTime']['output']>;
  fields: Maybe<Array<Scalars['String']['output']>>;
  finishedAt: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  job: Maybe<Job>;
  object: Scalars['String']['output'];
  /** The org the backup was taken from. */
  org: Maybe<Org>;
  /** Data rows (the header row not counted). */
  rows: Scalars['Float']['output'];
  sha256: Maybe<Scalars['String']['output']>;
  status: ExportStatus;
  /** Download path (GET, same API key, Range supported), relative to the API's origin; null until it succeeded or once expired. */
  url: Maybe<Scalars['String']['output']>;
};

export type ExportError = {
  __typename?: 'ExportError';
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
};

/** A condition on a field (conditions are ANDed; values compare as text). */
export type ExportFilterInput = {
  field: Scalars['String']['input'];
  operator: ExportFilterOperator;
  value?: InputMaybe<Scalars['String']['input']>;
};

export type ExportFilterOperator =
  | 'CONTAINS'
  | 'EQUALS'
  | 'IS_NOT_NULL'
  | 'IS_NULL'
  | 'NOT_EQUALS';

export type ExportStatus =
  /** Its job was cancelled. */
  | 'CANCELLED'
  /** Its time was up; the file was removed. */
  | 'EXPIRED'
  | 'FAILED'
  | 'QUEUED'
  | 'RUNNING'
  | 'SUCCEEDED';

/** Share of finished jobs that failed (FAILED or moved to DEBUG) in a window. */
export type FailureRate = {
  __typename?: 'FailureRate';
  failed: Scalars['Int']['output'];
  finished: Scalars['Int']['output'];
  /** failed / finished; 0 when nothing finished. */
  rate: Scalars['Float']['output'];
  windowMinutes: Scalars['Int']['output'];
};

/** A source Id and the target Id it maps to. */
export type IdMappingInput = {
  sourceId: Scalars['ID']['input'];
  targetId: Scalars['ID']['input'];
};

/** A unit of background work, run by a worker through its job type's plugin. */
export type Job = {
  __typename?: 'Job';
  /** Attempts started so far (1 while the first attempt runs). */
  attempts: Scalars['Int']['output'];
  /** Last checkpoint the job saved; a resumed attempt starts from it. */
  checkpoint: Maybe<Scalars['JSON']['output']>;
  createdAt: Scalars['DateTime']['output'];
  /** How it entered and left the debug queue, oldest first. */
  debugActions: Array<DebugAction>;
  /** Diagnostic reports written while it ran. */
  diagnostics: Array<DiagnosticReport>;
  /** Errors of every failed attempt, oldest first. */
  errors: Array<JobError>;
  finishedAt: Maybe<Scalars['DateTime']['output']>;
  /** The run's last heartbeat. */
  heartbeatAt: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** The key the job was created with, if any. */
  idempotencyKey: Maybe<Scalars['String']['output']>;
  /** Input the job was created with, as validated by its type's schema. */
  input: Scalars['JSON']['output'];
  lastError: Maybe<JobError>;
  /** The job's log, newest last. */
  logs: Array<JobLogLine>;
  maxAttempts: Scalars['Int']['output'];
  priority: Scalars['Int']['output'];
  progress: JobProgress;
  /** What the job produced, once SUCCEEDED. */
  result: Maybe<Scalars['JSON']['output']>;
  /** When a RETRYING job runs again. */
  retryAt: Maybe<Scalars['DateTime']['output']>;
  /** When the job was scheduled to start at the earliest. */
  runAt: Scalars['DateTime']['output'];
  startedAt: Maybe<Scalars['DateTime']['output']>;
  state: JobState;
  /** Job type name, e.g. `demo.count`. */
  type: Scalars['String']['output'];
  /** The worker running it (RUNNING) or that ran its last attempt. */
  workerId: Maybe<Scalars['String']['output']>;
};


/** A unit of background work, run by a worker through its job type's plugin. */
export type JobLogsArgs = {
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of jobs, newest first. */
export type JobConnection = {
  __typename?: 'JobConnection';
  edges: Array<JobEdge>;
  nodes: Array<Job>;
  pageInfo: PageInfo;
};

export type JobEdge = {
  __typename?: 'JobEdge';
  cursor: Scalars['String']['output'];
  node: Job;
};

/** An error a job attempt ended with. */
export type JobError = {
  __typename?: 'JobError';
  at: Scalars['DateTime']['output'];
  /** The attempt that failed. */
  attempt: Scalars['Int']['output'];
  /** Stable code of the error class, e.g. `JOB_FAILED`, `WORKER_LOST`. */
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
  /** The error's stack trace as the worker recorded it (at most 8,000 characters), when it had one. */
  stack: Maybe<Scalars['String']['output']>;
};

/** Something that happened to a job. */
export type JobEvent = {
  __typename?: 'JobEvent';
  at: Scalars['DateTime']['output'];
  /** True on a SNAPSHOT sent because the `after` position asked for is older than what the bus still keeps: events in between are lost, the snapshot is current. */
  gap: Scalars['Boolean']['output'];
  /** The job as of this event. */
  job: Job;
  kind: JobEventKind;
  /** Position in the event stream; pass it as `after` to resume after this event. */
  position: Scalars['String']['output'];
};

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
  states?: InputMaybe<Array<JobState>>;
  /** Only jobs of these types. */
  types?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** A line of a job's own log. */
export type JobLogLine = {
  __typename?: 'JobLogLine';
  at: Scalars['DateTime']['output'];
  attempt: Maybe<Scalars['Int']['output']>;
  level: Scalars['String']['output'];
  message: Scalars['String']['output'];
};

/** How far a job has come, as reported by the job itself. */
export type JobProgress = {
  __typename?: 'JobProgress';
  /** processed / total, between 0 and 1, when total is known. */
  fraction: Maybe<Scalars['Float']['output']>;
  /** What the job is doing now, in a few words. */
  message: Maybe<Scalars['String']['output']>;
  /** Units of work done so far. */
  processed: Scalars['Float']['output'];
  /** Units of work in all, when the job knows it. */
  total: Maybe<Scalars['Float']['output']>;
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

/** A kind of job the workers know how to run. */
export type JobType = {
  __typename?: 'JobType';
  concurrency: Scalars['Int']['output'];
  defaultMaxAttempts: Scalars['Int']['output'];
  defaultPriority: Scalars['Int']['output'];
  description: Scalars['String']['output'];
  /** JSON Schema of the input. */
  inputSchema: Scalars['JSON']['output'];
  name: Scalars['String']['output'];
};

/** The monitoring view of the service. */
export type Monitoring = {
  __typename?: 'Monitoring';
  /** Alert incidents, newest first; open ones only unless `includeResolved`. */
  alerts: Array<Alert>;
  /** Jobs in state DEBUG, newest first. */
  debugQueue: JobConnection;
  /** Diagnostic reports, newest first, optionally of one worker or job. */
  diagnostics: Array<DiagnosticReport>;
  failureRate: FailureRate;
  queueStats: QueueStats;
  /** Registered processes; with `includeStopped`, also those gone in the last hour. */
  workers: Array<Worker>;
  /** RUNNING jobs whose worker died or which hang. With `includeResolved`, also incidents already handled (newest first). */
  zombies: Array<Zombie>;
};


/** The monitoring view of the service. */
export type MonitoringAlertsArgs = {
  includeResolved?: InputMaybe<Scalars['Boolean']['input']>;
};


/** The monitoring view of the service. */
export type MonitoringDebugQueueArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** The monitoring view of the service. */
export type MonitoringDiagnosticsArgs = {
  jobId?: InputMaybe<Scalars['ID']['input']>;
  workerId?: InputMaybe<Scalars['ID']['input']>;
};


/** The monitoring view of the service. */
export type MonitoringFailureRateArgs = {
  windowMinutes?: InputMaybe<Scalars['Int']['input']>;
};


/** The monitoring view of the service. */
export type MonitoringQueueStatsArgs = {
  windowMinutes?: InputMaybe<Scalars['Int']['input']>;
};


/** The monitoring view of the service. */
export type MonitoringWorkersArgs = {
  includeStopped?: InputMaybe<Scalars['Boolean']['input']>;
};


/** The monitoring view of the service. */
export type MonitoringZombiesArgs = {
  includeResolved?: InputMaybe<Scalars['Boolean']['input']>;
};

/** Something monitoring noticed. */
export type MonitoringEvent = {
  __typename?: 'MonitoringEvent';
  alert: Maybe<Alert>;
  at: Scalars['DateTime']['output'];
  diagnostic: Maybe<DiagnosticReport>;
  job: Maybe<Job>;
  kind: MonitoringEventKind;
  message: Scalars['String']['output'];
  /** Position in the event stream. */
  position: Scalars['String']['output'];
  worker: Maybe<Worker>;
  zombie: Maybe<Zombie>;
};

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

export type Mutation = {
  __typename?: 'Mutation';
  /** Cancel a job that has not finished; a running job is told through its signal. */
  cancelJob: Job;
  /** Operator: have a worker write a diagnostic report or heap snapshot now. */
  captureDiagnostics: DiagnosticReport;
  /** Registers an org after verifying its credentials (identity call). Failing verification is BAD_USER_INPUT with reason ORG_CONNECTION_FAILED. */
  connectOrg: Org;
  /** Create a job; returns at once with its id. */
  createJob: Job;
  /**
   * Create many jobs in one call (at most `LONGHAUL_CREATE_JOBS_MAX`, default 1000); returns them in input order.
   * The batch is checked whole first: one bad item refuses it all with `BAD_USER_INPUT`, its position in
   * `extensions.index` (from 0) and why in `extensions.reason`, and nothing is written. It counts whole against the
   * tenant's creation rate and waiting-jobs cap (`RATE_LIMITED` / `QUOTA_EXCEEDED`: none of it is created). An item
   * whose `idempotencyKey` was used before returns that job; items of one batch sharing a key return the same job.
   */
  createJobs: Array<Job>;
  /** Creates a schedule; bad input is BAD_USER_INPUT with every problem in `extensions.issues`, and nothing is stored. */
  createSchedule: Schedule;
  /** Deletes a schedule (its jobs stay); an owned one is FORBIDDEN (`extensions.reason` OWNED_SCHEDULE). */
  deleteSchedule: Schedule;
  /** Operator: give up on a DEBUG job (it becomes FAILED); the reason is recorded. */
  discardDebugJob: Job;
  /** Stops a schedule creating jobs (owned ones too). */
  pauseSchedule: Schedule;
  /** Removes the policy of one of the caller's orgs and its schedule (its backups stay); false when there was none. */
  removeBackupPolicy: Scalars['Boolean']['output'];
  /** Operator: put a DEBUG job back in the queue with fresh attempts. */
  requeueFromDebug: Job;
  /** Operator: run a DEBUG job once more, with debug-level logs captured into its own log. */
  rerunInDebug: Job;
  /** Lets a paused schedule create jobs again, from its next occurrence after now. */
  resumeSchedule: Schedule;
  /** Run a FAILED or CANCELLED job again, from its last checkpoint, with fresh attempts. */
  retryJob: Job;
  /** Sets (creates or replaces) the backup policy of one of the caller's orgs and its schedule. Bad fields: BAD_USER_INPUT with `issues`. */
  setBackupPolicy: BackupPolicy;
  /** Replaces the org's data-change alert rules (an empty list turns them off). A rule that cannot hold is BAD_USER_INPUT with reason INVALID_ALERT_RULE; nothing is stored then. */
  setDataChangeAlertRules: DataChangeAlertRules;
  /** Starts a `salesforce.backup` job; `objects` defaults to every queryable, replicateable object. */
  startBackup: Job;
  /** Starts a `salesforce.export` job writing one object of a backup as CSV. */
  startExport: Job;
  /** Starts a `salesforce.restore` job. The backup and the target org must be the caller's. */
  startRestore: Job;
  /** Changes a schedule; an owned one is FORBIDDEN (`extensions.reason` OWNED_SCHEDULE). */
  updateSchedule: Schedule;
};


export type MutationCancelJobArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCaptureDiagnosticsArgs = {
  kind?: InputMaybe<DiagnosticKind>;
  workerId: Scalars['ID']['input'];
};


export type MutationConnectOrgArgs = {
  input: ConnectOrgInput;
};


export type MutationCreateJobArgs = {
  input: CreateJobInput;
};


export type MutationCreateJobsArgs = {
  inputs: Array<CreateJobInput>;
};


export type MutationCreateScheduleArgs = {
  input: CreateScheduleInput;
};


export type MutationDeleteScheduleArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDiscardDebugJobArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationPauseScheduleArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRemoveBackupPolicyArgs = {
  orgId: Scalars['ID']['input'];
};


export type MutationRequeueFromDebugArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRerunInDebugArgs = {
  id: Scalars['ID']['input'];
};


export type MutationResumeScheduleArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRetryJobArgs = {
  id: Scalars['ID']['input'];
};


export type MutationSetBackupPolicyArgs = {
  orgId: Scalars['ID']['input'];
  policy: BackupPolicyInput;
};


export type MutationSetDataChangeAlertRulesArgs = {
  orgId: Scalars['ID']['input'];
  rules: Array<DataChangeRuleInput>;
};


export type MutationStartBackupArgs = {
  mode?: InputMaybe<BackupMode>;
  objects?: InputMaybe<Array<Scalars['String']['input']>>;
  orgId: Scalars['ID']['input'];
};


export type MutationStartExportArgs = {
  input: StartExportInput;
};


export type MutationStartRestoreArgs = {
  input: StartRestoreInput;
};


export type MutationUpdateScheduleArgs = {
  id: Scalars['ID']['input'];
  input: UpdateScheduleInput;
};

/** A Salesforce org of the caller's tenant. Secrets (password, client secret, tokens) are never returned. */
export type Org = {
  __typename?: 'Org';
  /** Remaining daily API requests as of the last check; null when the org's limits could not be read. */
  apiBudget: Maybe<ApiBudget>;
  authFlow: OrgAuthFlow;
  /** When the connection was last checked (`org(id)` checks it; `orgs` shows the last check). */
  checkedAt: Scalars['DateTime']['output'];
  clientId: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  instanceUrl: Maybe<Scalars['String']['output']>;
  loginUrl: Maybe<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  /** Salesforce's 18-character org Id. */
  salesforceOrgId: Scalars['String']['output'];
  salesforceUserId: Scalars['String']['output'];
  status: OrgConnectionStatus;
  /** Salesforce's (or the network's) error code when the last check failed, e.g. `invalid_grant`. */
  statusDetail: Maybe<Scalars['String']['output']>;
  username: Maybe<Scalars['String']['output']>;
};

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

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Query = {
  __typename?: 'Query';
  backup: Maybe<Backup>;
  /** The Ids of records of `object` the backup found created, updated or deleted since the object's previous backup, in pages. */
  backupChanges: BackupChangeConnection;
  /** The policy of one of the caller's orgs, or null. */
  backupPolicy: Maybe<BackupPolicy>;
  /** The caller's backups of an org, newest first (at most 100). */
  backups: Array<Backup>;
  /** The org's data-change alert rules (the defaults until set). */
  dataChangeAlertRules: DataChangeAlertRules;
  /** One of the caller's exports. */
  export: Maybe<Export>;
  /** The caller's exports, newest first (at most 100). */
  exports: Array<Export>;
  job: Maybe<Job>;
  jobTypes: Array<JobType>;
  jobs: JobConnection;
  monitoring: Monitoring;
  /** One of the caller's orgs; checks its connection and reads its API budget now. */
  org: Maybe<Org>;
  /** The caller's orgs, oldest first, with the status of their last check. */
  orgs: Array<Org>;
  /** One of the caller's restores. */
  restore: Maybe<Restore>;
  /** The caller's restores, newest first (at most 100). */
  restores: Array<Restore>;
  /** The caller's schedule, or null. */
  schedule: Maybe<Schedule>;
  /** The caller's schedules (every tenant's for an operator), newest first. */
  schedules: ScheduleConnection;
};


export type QueryBackupArgs = {
  id: Scalars['ID']['input'];
};


export type QueryBackupChangesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  backupId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  kind: ChangeKind;
  object: Scalars['String']['input'];
};


export type QueryBackupPolicyArgs = {
  orgId: Scalars['ID']['input'];
};


export type QueryBackupsArgs = {
  orgId: Scalars['ID']['input'];
};


export type QueryDataChangeAlertRulesArgs = {
  orgId: Scalars['ID']['input'];
};


export type QueryExportArgs = {
  id: Scalars['ID']['input'];
};


export type QueryJobArgs = {
  id: Scalars['ID']['input'];
};


export type QueryJobsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<JobFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryOrgArgs = {
  id: Scalars['ID']['input'];
};


export type QueryRestoreArgs = {
  id: Scalars['ID']['input'];
};


export type QueryScheduleArgs = {
  id: Scalars['ID']['input'];
};


export type QuerySchedulesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ScheduleFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type QueueStats = {
  __typename?: 'QueueStats';
  byState: Array<StateCount>;
  byType: Array<TypeStateCount>;
  /** Age in seconds of the oldest job waiting to run (QUEUED and due), if any. */
  oldestQueuedAgeSeconds: Maybe<Scalars['Float']['output']>;
  /** Finished jobs per minute over the window, oldest first. */
  throughput: Array<ThroughputBucket>;
};

/** A restore of a backup into an org. */
export type Restore = {
  __typename?: 'Restore';
  backup: Maybe<Backup>;
  counts: Array<RestoreObjectCounts>;
  createdAt: Scalars['DateTime']['output'];
  dryRun: Scalars['Boolean']['output'];
  error: Maybe<RestoreError>;
  finishedAt: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  job: Maybe<Job>;
  mode: RestoreMode;
  /** Set once planned (a dry run's result). */
  plan: Maybe<RestorePlan>;
  results: Array<RestoreResult>;
  startedAt: Maybe<Scalars['DateTime']['output']>;
  status: RestoreStatus;
  targetOrg: Maybe<Org>;
  totals: RestoreCounts;
};


/** A restore of a backup into an org. */
export type RestoreResultsArgs = {
  filter?: InputMaybe<RestoreResultFilter>;
};

export type RestoreCounts = {
  __typename?: 'RestoreCounts';
  created: Scalars['Float']['output'];
  failed: Scalars['Float']['output'];
  skipped: Scalars['Float']['output'];
  updated: Scalars['Float']['output'];
};

export type RestoreError = {
  __typename?: 'RestoreError';
  /** UNMAPPED_REFERENCES, NOTHING_WRITTEN, OBJECT_NOT_IN_BACKUP. */
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
};

/** How a restore treats the backed-up records. */
export type RestoreMode =
  /** Recreate records missing in the target (deleted ones, or every record in another org). */
  | 'INSERT_MISSING'
  /** Put the backed-up field values back on records present in the target; create nothing. */
  | 'OVERWRITE'
  /** Both: recreate missing records and overwrite present ones. */
  | 'UPSERT';

export type RestoreObjectCounts = {
  __typename?: 'RestoreObjectCounts';
  created: Scalars['Float']['output'];
  failed: Scalars['Float']['output'];
  object: Scalars['String']['output'];
  skipped: Scalars['Float']['output'];
  updated: Scalars['Float']['output'];
};

/** What happened to one record. */
export type RestoreOutcome =
  | 'CREATED'
  | 'FAILED'
  /** Left alone: the mode does not cover it (error code EXISTS or MISSING). */
  | 'SKIPPED'
  | 'UPDATED';

/** What a restore does; a dry run computes it exactly as the real run does. */
export type RestorePlan = {
  __typename?: 'RestorePlan';
  /** Lookups filled by the second pass, as Object.Field. */
  deferredReferences: Array<Scalars['String']['output']>;
  objects: Array<RestorePlanObject>;
  /** Object names, parents first. */
  order: Array<Scalars['String']['output']>;
  /** Source owners with no target owner (a real run refuses to start with any). */
  unmappedOwners: Array<Scalars['ID']['output']>;
  unmappedRecordTypes: Array<Scalars['ID']['output']>;
};

/** One object of a restore plan. */
export type RestorePlanObject = {
  __typename?: 'RestorePlanObject';
  createFields: Array<Scalars['String']['output']>;
  /** Lookups written by a second pass (they close a cycle of lookups). */
  deferredFields: Array<Scalars['String']['output']>;
  method: RestoreWriteMethod;
  name: Scalars['String']['output'];
  /** Place in the restore order, from 0 (parents first). */
  order: Scalars['Int']['output'];
  /** Records of the backup restored (after the recordIds filter). */
  records: Scalars['Float']['output'];
  skippedFields: Array<SkippedField>;
  toCreate: Scalars['Float']['output'];
  toSkip: Scalars['Float']['output'];
  toUpdate: Scalars['Float']['output'];
  unmappedReferences: Array<UnmappedReference>;
  updateFields: Array<Scalars['String']['output']>;
};

export type RestoreRecordError = {
  __typename?: 'RestoreRecordError';
  /** Salesforce's error code, e.g. DUPLICATE_VALUE; EXISTS or MISSING for a skipped record. */
  code: Scalars['String']['output'];
  fields: Array<Scalars['String']['output']>;
  message: Scalars['String']['output'];
};

/** The result of one record of a restore. */
export type RestoreResult = {
  __typename?: 'RestoreResult';
  at: Scalars['DateTime']['output'];
  /** Pass a result's cursor as `after` to read the next page. */
  cursor: Scalars['String']['output'];
  errors: Array<RestoreRecordError>;
  object: Scalars['String']['output'];
  outcome: RestoreOutcome;
  /** 1: the record; 2: its deferred lookups. */
  pass: Scalars['Int']['output'];
  sourceId: Scalars['ID']['output'];
  /** The record's Id in the target org. */
  targetId: Maybe<Scalars['ID']['output']>;
};

export type RestoreResultFilter = {
  /** Results after this cursor. */
  after?: InputMaybe<Scalars['String']['input']>;
  /** At most this many (default 100, at most 1000). */
  first?: InputMaybe<Scalars['Int']['input']>;
  object?: InputMaybe<Scalars['String']['input']>;
  outcome?: InputMaybe<RestoreOutcome>;
};

export type RestoreStatus =
  /** Its job was cancelled. */
  | 'CANCELLED'
  /** Ended with `error`: the run refused (e.g. UNMAPPED_REFERENCES) or its job gave up. */
  | 'FAILED'
  | 'QUEUED'
  | 'RUNNING'
  | 'SUCCEEDED';

/** How an object's records are written. */
export type RestoreWriteMethod =
  /** Bulk API 2.0 ingest jobs (objects above the configured threshold). */
  | 'BULK'
  /** sObject Collections, 200 records a request. */
  | 'COLLECTIONS';

/** A recurring job: a job of `jobType` with `input`, created at every occurrence of `cron` or `every`, exactly once per occurrence. */
export type Schedule = {
  __typename?: 'Schedule';
  catchUp: ScheduleCatchUp;
  createdAt: Scalars['DateTime']['output'];
  /** 5 fields (minute hour day month weekday) or 6 (seconds first), in `timezone`. */
  cron: Maybe<Scalars['String']['output']>;
  /** False while paused: a paused schedule creates no job. */
  enabled: Scalars['Boolean']['output'];
  /** An ISO 8601 duration of fixed length (`PT30S`, `PT5M`, `P1D`), counted from when it was set. */
  every: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** The input every job is created with, as validated by the type's schema. */
  input: Scalars['JSON']['output'];
  jobType: Scalars['String']['output'];
  /** The latest occurrence that created a job. */
  lastRun: Maybe<ScheduleRun>;
  name: Scalars['String']['output'];
  /** The next occurrence not yet handled (null while paused or when it never fires again). */
  nextRunAt: Maybe<Scalars['DateTime']['output']>;
  /** The next `count` occurrences (1 to 50; none while paused). */
  nextRuns: Array<Scalars['DateTime']['output']>;
  overlap: ScheduleOverlap;
  /** The domain service that keeps this schedule (e.g. `backupPolicy:<orgId>`), or null. Owned schedules can be paused and resumed, not changed or deleted, here. */
  owner: Maybe<Scalars['String']['output']>;
  /** The jobs this schedule created, latest occurrence first. */
  runs: ScheduleRunConnection;
  /** IANA zone of the cron (DST as croner handles it: a local time that does not exist fires once after the gap, a repeated hour once). */
  timezone: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
};


/** A recurring job: a job of `jobType` with `input`, created at every occurrence of `cron` or `every`, exactly once per occurrence. */
export type ScheduleNextRunsArgs = {
  count?: InputMaybe<Scalars['Int']['input']>;
};


/** A recurring job: a job of `jobType` with `input`, created at every occurrence of `cron` or `every`, exactly once per occurrence. */
export type ScheduleRunsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** What a schedule does with the occurrences missed while every longhaul process was down (later than `LONGHAUL_SCHEDULE_MISFIRE_GRACE_MS`). */
export type ScheduleCatchUp =
  /** One job per missed occurrence, the latest `LONGHAUL_SCHEDULE_CATCH_UP_MAX` (default 100) at most. */
  | 'ALL'
  /** One job for everything missed, for the latest missed occurrence (the default). */
  | 'LATEST'
  /** No job for missed occurrences (several due at once, or one noticed later than the grace); the next one on time runs. */
  | 'NONE';

/** A page of schedules, newest first. */
export type ScheduleConnection = {
  __typename?: 'ScheduleConnection';
  edges: Array<ScheduleEdge>;
  nodes: Array<Schedule>;
  pageInfo: PageInfo;
};

export type ScheduleEdge = {
  __typename?: 'ScheduleEdge';
  cursor: Scalars['String']['output'];
  node: Schedule;
};

export type ScheduleFilter = {
  /** Only enabled (true) or paused (false) schedules. */
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
  /** Only schedules of these job types. */
  jobTypes?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Only owned schedules (true) or only the tenant's own (false). */
  owned?: InputMaybe<Scalars['Boolean']['input']>;
};

/** What a schedule does when its previous job has not ended at its next occurrence. */
export type ScheduleOverlap =
  /** Cancel the previous job, then create the new one. */
  | 'CANCEL_RUNNING'
  /** Create the job anyway: it waits in the queue. */
  | 'QUEUE'
  /** Create no job for this occurrence (the default). */
  | 'SKIP';

/** An occurrence of a schedule and the job it created. */
export type ScheduleRun = {
  __typename?: 'ScheduleRun';
  /** The job (null once it was deleted). */
  job: Maybe<Job>;
  occurrenceAt: Scalars['DateTime']['output'];
};

/** A page of a schedule's runs, latest occurrence first. */
export type ScheduleRunConnection = {
  __typename?: 'ScheduleRunConnection';
  edges: Array<ScheduleRunEdge>;
  nodes: Array<ScheduleRun>;
  pageInfo: PageInfo;
};

export type ScheduleRunEdge = {
  __typename?: 'ScheduleRunEdge';
  cursor: Scalars['String']['output'];
  node: ScheduleRun;
};

export type SkippedField = {
  __typename?: 'SkippedField';
  name: Scalars['String']['output'];
  reason: SkippedFieldReason;
};

/** Why a backed-up field is not written. */
export type SkippedFieldReason =
  /** The target object has no such field. */
  | 'MISSING_IN_TARGET'
  /** A compound or binary field the backup does not hold as such. */
  | 'NOT_RESTORABLE'
  /** Neither createable nor updateable in the target (system, formula, auto-number fields). */
  | 'READ_ONLY';

export type StartExportInput = {
  backupId: Scalars['ID']['input'];
  /** Columns, in order; `Relationship.Field` (e.g. Account.Name) flattens a lookup. Default: every backed-up field. */
  fields?: InputMaybe<Array<Scalars['String']['input']>>;
  filter?: InputMaybe<Array<ExportFilterInput>>;
  /** The object to export. */
  object: Scalars['String']['input'];
  /**
   * Spreadsheet-safe output: a text cell starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`, so a
   * spreadsheet shows it as text instead of evaluating it as a formula (OWASP CSV injection). Off by default: the
   * file then holds every value exactly as backed up.
   */
  spreadsheetSafe?: InputMaybe<Scalars['Boolean']['input']>;
};

export type StartRestoreInput = {
  /** The backup to restore (a snapshot: an incremental backup is merged with the backups it builds on). */
  backupId: Scalars['ID']['input'];
  /** Plan only: walk the backup and the target, report what would be written, write nothing. */
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  mode?: InputMaybe<RestoreMode>;
  /** Objects to restore; default: every object the backup holds completely. */
  objects?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Owners (User Ids) of the source org and their counterparts in the target; unlisted owners are mapped by name. */
  ownerMappings?: InputMaybe<Array<IdMappingInput>>;
  /** Only these source record Ids; default: every record. */
  recordIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Record types of the source org and their counterparts; unlisted ones are mapped by SobjectType and DeveloperName. */
  recordTypeMappings?: InputMaybe<Array<IdMappingInput>>;
  /** The org to write into: the backup's own org, or another org of the caller (a cross-org restore). */
  targetOrgId: Scalars['ID']['input'];
};

/** Jobs in one state. */
export type StateCount = {
  __typename?: 'StateCount';
  count: Scalars['Int']['output'];
  state: JobState;
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Every job event of this tenant, optionally filtered, for dashboards. As in `jobProgress`, a subscriber that falls behind receives a job's latest PROGRESS in place of the ones waiting for it. */
  jobEvents: JobEvent;
  /** A job's current snapshot, then every change; completes after a terminal state. With `after`, replays what was missed since that position. A subscriber that falls behind receives the job's latest PROGRESS in place of the PROGRESS events it had not received yet (each event carries the whole job); every other event is delivered. */
  jobProgress: JobEvent;
  /** Zombies, debug-queue moves, workers joining and leaving, diagnostics and alerts (the caller's tenant's, or all for operators). */
  monitoringEvents: MonitoringEvent;
};


export type SubscriptionJobEventsArgs = {
  filter?: InputMaybe<JobFilter>;
};


export type SubscriptionJobProgressArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  id: Scalars['ID']['input'];
};

/** Jobs that finished in one minute. */
export type ThroughputBucket = {
  __typename?: 'ThroughputBucket';
  failed: Scalars['Int']['output'];
  start: Scalars['DateTime']['output'];
  succeeded: Scalars['Int']['output'];
};

/** Jobs of one type in one state. */
export type TypeStateCount = {
  __typename?: 'TypeStateCount';
  count: Scalars['Int']['output'];
  state: JobState;
  type: Scalars['String']['output'];
};

export type UnmappedReference = {
  __typename?: 'UnmappedReference';
  /** Records whose value of that lookup had no target Id (written empty). */
  count: Scalars['Int']['output'];
  /** The lookup field. */
  field: Scalars['String']['output'];
};

/** The fields to change; what is left out stays. Giving `cron` or `every` replaces the other. */
export type UpdateScheduleInput = {
  catchUp?: InputMaybe<ScheduleCatchUp>;
  cron?: InputMaybe<Scalars['String']['input']>;
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
  every?: InputMaybe<Scalars['String']['input']>;
  input?: InputMaybe<Scalars['JSON']['input']>;
  jobType?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  overlap?: InputMaybe<ScheduleOverlap>;
  timezone?: InputMaybe<Scalars['String']['input']>;
};

/** A process of the service as it registered itself. */
export type Worker = {
  __typename?: 'Worker';
  /** False once it deregistered or stopped heartbeating. */
  alive: Scalars['Boolean']['output'];
  eventLoopDelay: Maybe<EventLoopDelay>;
  host: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  lastHeartbeatAt: Scalars['DateTime']['output'];
  pid: Scalars['Int']['output'];
  /** `worker`, `api` or `all`. */
  role: Scalars['String']['output'];
  /** Resident memory in bytes at the last heartbeat. */
  rssBytes: Maybe<Scalars['Float']['output']>;
  /** Jobs it runs now (only the caller's tenant's, unless an operator asks). */
  runningJobs: Array<Job>;
  startedAt: Scalars['DateTime']['output'];
  /** When it deregistered (graceful stop). */
  stoppedAt: Maybe<Scalars['DateTime']['output']>;
  /** longhaul's version. */
  version: Scalars['String']['output'];
};

/** A RUNNING job whose worker died or which hangs; one per detected incident. */
export type Zombie = {
  __typename?: 'Zombie';
  action: Maybe<ZombieAction>;
  /** The attempt that became a zombie. */
  attempt: Scalars['Int']['output'];
  detectedAt: Scalars['DateTime']['output'];
  /** Diagnostic reports written for this incident. */
  diagnostics: Array<DiagnosticReport>;
  id: Scalars['ID']['output'];
  job: Job;
  /** The job's last log lines as of detection. */
  lastLogs: Array<JobLogLine>;
  /** Progress as of detection. */
  lastProgress: JobProgress;
  reason: ZombieReason;
  /** When the job left the zombie state (requeued, aborted, finished). */
  resolvedAt: Maybe<Scalars['DateTime']['output']>;
  /** The last sign of life: the worker's or job's last heartbeat, or the last progress. */
  since: Scalars['DateTime']['output'];
  /** The worker that ran it. */
  workerId: Maybe<Scalars['String']['output']>;
};

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

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Alert: ResolverTypeWrapper<AlertDocument>;
  AlertKind: AlertKind;
  ApiBudget: ResolverTypeWrapper<ApiBudget>;
  Backup: ResolverTypeWrapper<BackupWithJob>;
  BackupChangeConnection: ResolverTypeWrapper<BackupChangePage>;
  BackupMode: BackupMode;
  BackupObject: ResolverTypeWrapper<BackupObjectEntry>;
  BackupObjectChanges: ResolverTypeWrapper<BackupObjectChanges>;
  BackupObjectError: ResolverTypeWrapper<BackupObjectError>;
  BackupObjectStatus: BackupObjectStatus;
  BackupPolicy: ResolverTypeWrapper<BackupPolicyView>;
  BackupPolicyInput: BackupPolicyInput;
  BackupReadMethod: BackupReadMethod;
  BackupRetention: ResolverTypeWrapper<BackupRetention>;
  BackupRetentionInput: BackupRetentionInput;
  BackupRetentionRule: BackupRetentionRule;
  BackupStatus: BackupStatus;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  ChangeKind: ChangeKind;
  ConnectOrgInput: ConnectOrgInput;
  CreateJobInput: CreateJobInput;
  CreateScheduleInput: CreateScheduleInput;
  DataChangeAlertRules: ResolverTypeWrapper<DataChangeRules>;
  DataChangeRule: ResolverTypeWrapper<DataChangeRule>;
  DataChangeRuleInput: DataChangeRuleInput;
  DataChangeRuleKind: DataChangeRuleKind;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DebugAction: ResolverTypeWrapper<DebugAction>;
  DebugActionKind: DebugActionKind;
  DiagnosticKind: DiagnosticKind;
  DiagnosticReport: ResolverTypeWrapper<DiagnosticDocument>;
  EventLoopDelay: ResolverTypeWrapper<EventLoopDelay>;
  Export: ResolverTypeWrapper<ExportWithJob>;
  ExportError: ResolverTypeWrapper<ExportError>;
  ExportFilterInput: ExportFilterInput;
  ExportFilterOperator: ExportFilterOperator;
  ExportStatus: ExportStatus;
  FailureRate: ResolverTypeWrapper<FailureRate>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  IdMappingInput: IdMappingInput;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  Job: ResolverTypeWrapper<JobView>;
  JobConnection: ResolverTypeWrapper<Omit<JobConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['JobEdge']>, nodes: Array<ResolversTypes['Job']> }>;
  JobEdge: ResolverTypeWrapper<Omit<JobEdge, 'node'> & { node: ResolversTypes['Job'] }>;
  JobError: ResolverTypeWrapper<JobError>;
  JobEvent: ResolverTypeWrapper<JobEventModel>;
  JobEventKind: JobEventKind;
  JobFilter: JobFilter;
  JobLogLine: ResolverTypeWrapper<JobLogLine>;
  JobProgress: ResolverTypeWrapper<JobProgress>;
  JobState: JobState;
  JobType: ResolverTypeWrapper<JobType>;
  Monitoring: ResolverTypeWrapper<MonitoringRoot>;
  MonitoringEvent: ResolverTypeWrapper<MonitoringEventModel>;
  MonitoringEventKind: MonitoringEventKind;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Org: ResolverTypeWrapper<OrgView>;
  OrgAuthFlow: OrgAuthFlow;
  OrgConnectionStatus: OrgConnectionStatus;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  QueueStats: ResolverTypeWrapper<QueueStats>;
  Restore: ResolverTypeWrapper<RestoreWithJob>;
  RestoreCounts: ResolverTypeWrapper<RestoreCounts>;
  RestoreError: ResolverTypeWrapper<RestoreError>;
  RestoreMode: RestoreMode;
  RestoreObjectCounts: ResolverTypeWrapper<RestoreObjectCounts>;
  RestoreOutcome: RestoreOutcome;
  RestorePlan: ResolverTypeWrapper<RestorePlan>;
  RestorePlanObject: ResolverTypeWrapper<RestorePlanObject>;
  RestoreRecordError: ResolverTypeWrapper<RestoreRecordError>;
  RestoreResult: ResolverTypeWrapper<RestoreResultView>;
  RestoreResultFilter: RestoreResultFilter;
  RestoreStatus: RestoreStatus;
  RestoreWriteMethod: RestoreWriteMethod;
  Schedule: ResolverTypeWrapper<ScheduleView>;
  ScheduleCatchUp: ScheduleCatchUp;
  ScheduleConnection: ResolverTypeWrapper<Omit<ScheduleConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['ScheduleEdge']>, nodes: Array<ResolversTypes['Schedule']> }>;
  ScheduleEdge: ResolverTypeWrapper<Omit<ScheduleEdge, 'node'> & { node: ResolversTypes['Schedule'] }>;
  ScheduleFilter: ScheduleFilter;
  ScheduleOverlap: ScheduleOverlap;
  ScheduleRun: ResolverTypeWrapper<ScheduleRunView>;
  ScheduleRunConnection: ResolverTypeWrapper<Omit<ScheduleRunConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['ScheduleRunEdge']>, nodes: Array<ResolversTypes['ScheduleRun']> }>;
  ScheduleRunEdge: ResolverTypeWrapper<Omit<ScheduleRunEdge, 'node'> & { node: ResolversTypes['ScheduleRun'] }>;
  SkippedField: ResolverTypeWrapper<SkippedField>;
  SkippedFieldReason: SkippedFieldReason;
  StartExportInput: StartExportInput;
  StartRestoreInput: StartRestoreInput;
  StateCount: ResolverTypeWrapper<StateCount>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ThroughputBucket: ResolverTypeWrapper<ThroughputBucket>;
  TypeStateCount: ResolverTypeWrapper<TypeStateCount>;
  UnmappedReference: ResolverTypeWrapper<UnmappedReference>;
  UpdateScheduleInput: UpdateScheduleInput;
  Worker: ResolverTypeWrapper<WorkerDocument>;
  Zombie: ResolverTypeWrapper<ZombieDocument>;
  ZombieAction: ZombieAction;
  ZombieReason: ZombieReason;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Alert: AlertDocument;
  ApiBudget: ApiBudget;
  Backup: BackupWithJob;
  BackupChangeConnection: BackupChangePage;
  BackupObject: BackupObjectEntry;
  BackupObjectChanges: BackupObjectChanges;
  BackupObjectError: BackupObjectError;
  BackupPolicy: BackupPolicyView;
  BackupPolicyInput: BackupPolicyInput;
  BackupRetention: BackupRetention;
  BackupRetentionInput: BackupRetentionInput;
  Boolean: Scalars['Boolean']['output'];
  ConnectOrgInput: ConnectOrgInput;
  CreateJobInput: CreateJobInput;
  CreateScheduleInput: CreateScheduleInput;
  DataChangeAlertRules: DataChangeRules;
  DataChangeRule: DataChangeRule;
  DataChangeRuleInput: DataChangeRuleInput;
  DateTime: Scalars['DateTime']['output'];
  DebugAction: DebugAction;
  DiagnosticReport: DiagnosticDocument;
  EventLoopDelay: EventLoopDelay;
  Export: ExportWithJob;
  ExportError: ExportError;
  ExportFilterInput: ExportFilterInput;
  FailureRate: FailureRate;
  Float: Scalars['Float']['output'];
  ID: Scalars['ID']['output'];
  IdMappingInput: IdMappingInput;
  Int: Scalars['Int']['output'];
  JSON: Scalars['JSON']['output'];
  Job: JobView;
  JobConnection: Omit<JobConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['JobEdge']>, nodes: Array<ResolversParentTypes['Job']> };
  JobEdge: Omit<JobEdge, 'node'> & { node: ResolversParentTypes['Job'] };
  JobError: JobError;
  JobEvent: JobEventModel;
  JobFilter: JobFilter;
  JobLogLine: JobLogLine;
  JobProgress: JobProgress;
  JobType: JobType;
  Monitoring: MonitoringRoot;
  MonitoringEvent: MonitoringEventModel;
  Mutation: Record<PropertyKey, never>;
  Org: OrgView;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  QueueStats: QueueStats;
  Restore: RestoreWithJob;
  RestoreCounts: RestoreCounts;
  RestoreError: RestoreError;
  RestoreObjectCounts: RestoreObjectCounts;
  RestorePlan: RestorePlan;
  RestorePlanObject: RestorePlanObject;
  RestoreRecordError: RestoreRecordError;
  RestoreResult: RestoreResultView;
  RestoreResultFilter: RestoreResultFilter;
  Schedule: ScheduleView;
  ScheduleConnection: Omit<ScheduleConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['ScheduleEdge']>, nodes: Array<ResolversParentTypes['Schedule']> };
  ScheduleEdge: Omit<ScheduleEdge, 'node'> & { node: ResolversParentTypes['Schedule'] };
  ScheduleFilter: ScheduleFilter;
  ScheduleRun: ScheduleRunView;
  ScheduleRunConnection: Omit<ScheduleRunConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['ScheduleRunEdge']>, nodes: Array<ResolversParentTypes['ScheduleRun']> };
  ScheduleRunEdge: Omit<ScheduleRunEdge, 'node'> & { node: ResolversParentTypes['ScheduleRun'] };
  SkippedField: SkippedField;
  StartExportInput: StartExportInput;
  StartRestoreInput: StartRestoreInput;
  StateCount: StateCount;
  String: Scalars['String']['output'];
  Subscription: Record<PropertyKey, never>;
  ThroughputBucket: ThroughputBucket;
  TypeStateCount: TypeStateCount;
  UnmappedReference: UnmappedReference;
  UpdateScheduleInput: UpdateScheduleInput;
  Worker: WorkerDocument;
  Zombie: ZombieDocument;
}>;

export type MaxItemsDirectiveArgs = {
  n: Scalars['Int']['input'];
};

export type MaxItemsDirectiveResolver<Result, Parent, ContextType = ApiContext, Args = MaxItemsDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AlertResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Alert'] = ResolversParentTypes['Alert']> = ResolversObject<{
  delivered?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  details?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  firedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['AlertKind'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  resolvedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  rule?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type ApiBudgetResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ApiBudget'] = ResolversParentTypes['ApiBudget']> = ResolversObject<{
  checkedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  max?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  remaining?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type BackupResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Backup'] = ResolversParentTypes['Backup']> = ResolversObject<{
  bytes?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  changes?: Resolver<Array<ResolversTypes['BackupObjectChanges']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  currentObject?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  durationMs?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['BackupObject']>, ParentType, ContextType>;
  estimatedRecords?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  job?: Resolver<Maybe<ResolversTypes['Job']>, ParentType, ContextType>;
  keptBy?: Resolver<Array<ResolversTypes['BackupRetentionRule']>, ParentType, ContextType>;
  mode?: Resolver<ResolversTypes['BackupMode'], ParentType, ContextType>;
  objects?: Resolver<Array<ResolversTypes['BackupObject']>, ParentType, ContextType>;
  objectsDone?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  objectsTotal?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  org?: Resolver<Maybe<ResolversTypes['Org']>, ParentType, ContextType>;
  records?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  startedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['BackupStatus'], ParentType, ContextType>;
}>;

export type BackupChangeConnectionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['BackupChangeConnection'] = ResolversParentTypes['BackupChangeConnection']> = ResolversObject<{
  ids?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type BackupObjectResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['BackupObject'] = ResolversParentTypes['BackupObject']> = ResolversObject<{
  baseBackupId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  bytes?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  changesSince?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  deletedRecords?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['BackupObjectError']>, ParentType, ContextType>;
  estimatedRecords?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  method?: Resolver<Maybe<ResolversTypes['BackupReadMethod']>, ParentType, ContextType>;
  mode?: Resolver<ResolversTypes['BackupMode'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  parts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  records?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  sha256?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  startedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['BackupObjectStatus'], ParentType, ContextType>;
}>;

export type BackupObjectChangesResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['BackupObjectChanges'] = ResolversParentTypes['BackupObjectChanges']> = ResolversObject<{
  created?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  deleted?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  object?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  previousBackupId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  previousRecords?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  updated?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type BackupObjectErrorResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['BackupObjectError'] = ResolversParentTypes['BackupObjectError']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type BackupPolicyResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['BackupPolicy'] = ResolversParentTypes['BackupPolicy']> = ResolversObject<{
  at?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  cron?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  enabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  fullEvery?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  objects?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  org?: Resolver<Maybe<ResolversTypes['Org']>, ParentType, ContextType>;
  orgId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  retention?: Resolver<ResolversTypes['BackupRetention'], ParentType, ContextType>;
  timezone?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type BackupRetentionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['BackupRetention'] = ResolversParentTypes['BackupRetention']> = ResolversObject<{
  daily?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  keepDays?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  monthly?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  weekly?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type DataChangeAlertRulesResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['DataChangeAlertRules'] = ResolversParentTypes['DataChangeAlertRules']> = ResolversObject<{
  isDefault?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  orgId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  rules?: Resolver<Array<ResolversTypes['DataChangeRule']>, ParentType, ContextType>;
}>;

export type DataChangeRuleResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['DataChangeRule'] = ResolversParentTypes['DataChangeRule']> = ResolversObject<{
  count?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  enabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['DataChangeRuleKind'], ParentType, ContextType>;
  object?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  share?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DebugActionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['DebugAction'] = ResolversParentTypes['DebugAction']> = ResolversObject<{
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  by?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['DebugActionKind'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type DiagnosticReportResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['DiagnosticReport'] = ResolversParentTypes['DiagnosticReport']> = ResolversObject<{
  bytes?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  eventLoopDelayMs?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  jobId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['DiagnosticKind'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  workerId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type EventLoopDelayResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['EventLoopDelay'] = ResolversParentTypes['EventLoopDelay']> = ResolversObject<{
  maxMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  meanMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  p50Ms?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  p99Ms?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type ExportResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Export'] = ResolversParentTypes['Export']> = ResolversObject<{
  backup?: Resolver<Maybe<ResolversTypes['Backup']>, ParentType, ContextType>;
  bytes?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['ExportError']>, ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  fields?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  job?: Resolver<Maybe<ResolversTypes['Job']>, ParentType, ContextType>;
  object?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  org?: Resolver<Maybe<ResolversTypes['Org']>, ParentType, ContextType>;
  rows?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  sha256?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ExportStatus'], ParentType, ContextType>;
  url?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type ExportErrorResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ExportError'] = ResolversParentTypes['ExportError']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type FailureRateResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['FailureRate'] = ResolversParentTypes['FailureRate']> = ResolversObject<{
  failed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  finished?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rate?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  windowMinutes?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type JobResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Job'] = ResolversParentTypes['Job']> = ResolversObject<{
  attempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  checkpoint?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  debugActions?: Resolver<Array<ResolversTypes['DebugAction']>, ParentType, ContextType>;
  diagnostics?: Resolver<Array<ResolversTypes['DiagnosticReport']>, ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['JobError']>, ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  heartbeatAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  idempotencyKey?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  input?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  lastError?: Resolver<Maybe<ResolversTypes['JobError']>, ParentType, ContextType>;
  logs?: Resolver<Array<ResolversTypes['JobLogLine']>, ParentType, ContextType, RequireFields<JobLogsArgs, 'last'>>;
  maxAttempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  priority?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  progress?: Resolver<ResolversTypes['JobProgress'], ParentType, ContextType>;
  result?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  retryAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  runAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  startedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  state?: Resolver<ResolversTypes['JobState'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  workerId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type JobConnectionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['JobConnection'] = ResolversParentTypes['JobConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['JobEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Job']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type JobEdgeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['JobEdge'] = ResolversParentTypes['JobEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Job'], ParentType, ContextType>;
}>;

export type JobErrorResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['JobError'] = ResolversParentTypes['JobError']> = ResolversObject<{
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  attempt?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  stack?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type JobEventResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['JobEvent'] = ResolversParentTypes['JobEvent']> = ResolversObject<{
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  gap?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  job?: Resolver<ResolversTypes['Job'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['JobEventKind'], ParentType, ContextType>;
  position?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type JobLogLineResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['JobLogLine'] = ResolversParentTypes['JobLogLine']> = ResolversObject<{
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  attempt?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  level?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type JobProgressResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['JobProgress'] = ResolversParentTypes['JobProgress']> = ResolversObject<{
  fraction?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  message?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  processed?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  total?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export type JobTypeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['JobType'] = ResolversParentTypes['JobType']> = ResolversObject<{
  concurrency?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  defaultMaxAttempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  defaultPriority?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  inputSchema?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type MonitoringResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Monitoring'] = ResolversParentTypes['Monitoring']> = ResolversObject<{
  alerts?: Resolver<Array<ResolversTypes['Alert']>, ParentType, ContextType, RequireFields<MonitoringAlertsArgs, 'includeResolved'>>;
  debugQueue?: Resolver<ResolversTypes['JobConnection'], ParentType, ContextType, RequireFields<MonitoringDebugQueueArgs, 'first'>>;
  diagnostics?: Resolver<Array<ResolversTypes['DiagnosticReport']>, ParentType, ContextType, Partial<MonitoringDiagnosticsArgs>>;
  failureRate?: Resolver<ResolversTypes['FailureRate'], ParentType, ContextType, RequireFields<MonitoringFailureRateArgs, 'windowMinutes'>>;
  queueStats?: Resolver<ResolversTypes['QueueStats'], ParentType, ContextType, RequireFields<MonitoringQueueStatsArgs, 'windowMinutes'>>;
  workers?: Resolver<Array<ResolversTypes['Worker']>, ParentType, ContextType, RequireFields<MonitoringWorkersArgs, 'includeStopped'>>;
  zombies?: Resolver<Array<ResolversTypes['Zombie']>, ParentType, ContextType, RequireFields<MonitoringZombiesArgs, 'includeResolved'>>;
}>;

export type MonitoringEventResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['MonitoringEvent'] = ResolversParentTypes['MonitoringEvent']> = ResolversObject<{
  alert?: Resolver<Maybe<ResolversTypes['Alert']>, ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  diagnostic?: Resolver<Maybe<ResolversTypes['DiagnosticReport']>, ParentType, ContextType>;
  job?: Resolver<Maybe<ResolversTypes['Job']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['MonitoringEventKind'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  position?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  worker?: Resolver<Maybe<ResolversTypes['Worker']>, ParentType, ContextType>;
  zombie?: Resolver<Maybe<ResolversTypes['Zombie']>, ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  cancelJob?: Resolver<ResolversTypes['Job'], ParentType, ContextType, RequireFields<MutationCancelJobArgs, 'id'>>;
  captureDiagnostics?: Resolver<ResolversTypes['DiagnosticReport'], ParentType, ContextType, RequireFields<MutationCaptureDiagnosticsArgs, 'kind' | 'workerId'>>;
  connectOrg?: Resolver<ResolversTypes['Org'], ParentType, ContextType, RequireFields<MutationConnectOrgArgs, 'input'>>;
  createJob?: Resolver<ResolversTypes['Job'], ParentType, ContextType, RequireFields<MutationCreateJobArgs, 'input'>>;
  createJobs?: Resolver<Array<ResolversTypes['Job']>, ParentType, ContextType, RequireFields<MutationCreateJobsArgs, 'inputs'>>;
  createSchedule?: Resolver<ResolversTypes['Schedule'], ParentType, ContextType, RequireFields<MutationCreateScheduleArgs, 'input'>>;
  deleteSchedule?: Resolver<ResolversTypes['Schedule'], ParentType, ContextType, RequireFields<MutationDeleteScheduleArgs, 'id'>>;
  discardDebugJob?: Resolver<ResolversTypes['Job'], ParentType, ContextType, RequireFields<MutationDiscardDebugJobArgs, 'id' | 'reason'>>;
  pauseSchedule?: Resolver<ResolversTypes['Schedule'], ParentType, ContextType, RequireFields<MutationPauseScheduleArgs, 'id'>>;
  removeBackupPolicy?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRemoveBackupPolicyArgs, 'orgId'>>;
  requeueFromDebug?: Resolver<ResolversTypes['Job'], ParentType, ContextType, RequireFields<MutationRequeueFromDebugArgs, 'id'>>;
  rerunInDebug?: Resolver<ResolversTypes['Job'], ParentType, ContextType, RequireFields<MutationRerunInDebugArgs, 'id'>>;
  resumeSchedule?: Resolver<ResolversTypes['Schedule'], ParentType, ContextType, RequireFields<MutationResumeScheduleArgs, 'id'>>;
  retryJob?: Resolver<ResolversTypes['Job'], ParentType, ContextType, RequireFields<MutationRetryJobArgs, 'id'>>;
  setBackupPolicy?: Resolver<ResolversTypes['BackupPolicy'], ParentType, ContextType, RequireFields<MutationSetBackupPolicyArgs, 'orgId' | 'policy'>>;
  setDataChangeAlertRules?: Resolver<ResolversTypes['DataChangeAlertRules'], ParentType, ContextType, RequireFields<MutationSetDataChangeAlertRulesArgs, 'orgId' | 'rules'>>;
  startBackup?: Resolver<ResolversTypes['Job'], ParentType, ContextType, RequireFields<MutationStartBackupArgs, 'mode' | 'orgId'>>;
  startExport?: Resolver<ResolversTypes['Job'], ParentType, ContextType, RequireFields<MutationStartExportArgs, 'input'>>;
  startRestore?: Resolver<ResolversTypes['Job'], ParentType, ContextType, RequireFields<MutationStartRestoreArgs, 'input'>>;
  updateSchedule?: Resolver<ResolversTypes['Schedule'], ParentType, ContextType, RequireFields<MutationUpdateScheduleArgs, 'id' | 'input'>>;
}>;

export type OrgResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Org'] = ResolversParentTypes['Org']> = ResolversObject<{
  apiBudget?: Resolver<Maybe<ResolversTypes['ApiBudget']>, ParentType, ContextType>;
  authFlow?: Resolver<ResolversTypes['OrgAuthFlow'], ParentType, ContextType>;
  checkedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  clientId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  instanceUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  loginUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  salesforceOrgId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  salesforceUserId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['OrgConnectionStatus'], ParentType, ContextType>;
  statusDetail?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  username?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  backup?: Resolver<Maybe<ResolversTypes['Backup']>, ParentType, ContextType, RequireFields<QueryBackupArgs, 'id'>>;
  backupChanges?: Resolver<ResolversTypes['BackupChangeConnection'], ParentType, ContextType, RequireFields<QueryBackupChangesArgs, 'backupId' | 'first' | 'kind' | 'object'>>;
  backupPolicy?: Resolver<Maybe<ResolversTypes['BackupPolicy']>, ParentType, ContextType, RequireFields<QueryBackupPolicyArgs, 'orgId'>>;
  backups?: Resolver<Array<ResolversTypes['Backup']>, ParentType, ContextType, RequireFields<QueryBackupsArgs, 'orgId'>>;
  dataChangeAlertRules?: Resolver<ResolversTypes['DataChangeAlertRules'], ParentType, ContextType, RequireFields<QueryDataChangeAlertRulesArgs, 'orgId'>>;
  export?: Resolver<Maybe<ResolversTypes['Export']>, ParentType, ContextType, RequireFields<QueryExportArgs, 'id'>>;
  exports?: Resolver<Array<ResolversTypes['Export']>, ParentType, ContextType>;
  job?: Resolver<Maybe<ResolversTypes['Job']>, ParentType, ContextType, RequireFields<QueryJobArgs, 'id'>>;
  jobTypes?: Resolver<Array<ResolversTypes['JobType']>, ParentType, ContextType>;
  jobs?: Resolver<ResolversTypes['JobConnection'], ParentType, ContextType, RequireFields<QueryJobsArgs, 'first'>>;
  monitoring?: Resolver<ResolversTypes['Monitoring'], ParentType, ContextType>;
  org?: Resolver<Maybe<ResolversTypes['Org']>, ParentType, ContextType, RequireFields<QueryOrgArgs, 'id'>>;
  orgs?: Resolver<Array<ResolversTypes['Org']>, ParentType, ContextType>;
  restore?: Resolver<Maybe<ResolversTypes['Restore']>, ParentType, ContextType, RequireFields<QueryRestoreArgs, 'id'>>;
  restores?: Resolver<Array<ResolversTypes['Restore']>, ParentType, ContextType>;
  schedule?: Resolver<Maybe<ResolversTypes['Schedule']>, ParentType, ContextType, RequireFields<QueryScheduleArgs, 'id'>>;
  schedules?: Resolver<ResolversTypes['ScheduleConnection'], ParentType, ContextType, RequireFields<QuerySchedulesArgs, 'first'>>;
}>;

export type QueueStatsResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['QueueStats'] = ResolversParentTypes['QueueStats']> = ResolversObject<{
  byState?: Resolver<Array<ResolversTypes['StateCount']>, ParentType, ContextType>;
  byType?: Resolver<Array<ResolversTypes['TypeStateCount']>, ParentType, ContextType>;
  oldestQueuedAgeSeconds?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  throughput?: Resolver<Array<ResolversTypes['ThroughputBucket']>, ParentType, ContextType>;
}>;

export type RestoreResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Restore'] = ResolversParentTypes['Restore']> = ResolversObject<{
  backup?: Resolver<Maybe<ResolversTypes['Backup']>, ParentType, ContextType>;
  counts?: Resolver<Array<ResolversTypes['RestoreObjectCounts']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  dryRun?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['RestoreError']>, ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  job?: Resolver<Maybe<ResolversTypes['Job']>, ParentType, ContextType>;
  mode?: Resolver<ResolversTypes['RestoreMode'], ParentType, ContextType>;
  plan?: Resolver<Maybe<ResolversTypes['RestorePlan']>, ParentType, ContextType>;
  results?: Resolver<Array<ResolversTypes['RestoreResult']>, ParentType, ContextType, Partial<RestoreResultsArgs>>;
  startedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['RestoreStatus'], ParentType, ContextType>;
  targetOrg?: Resolver<Maybe<ResolversTypes['Org']>, ParentType, ContextType>;
  totals?: Resolver<ResolversTypes['RestoreCounts'], ParentType, ContextType>;
}>;

export type RestoreCountsResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['RestoreCounts'] = ResolversParentTypes['RestoreCounts']> = ResolversObject<{
  created?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  failed?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  skipped?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  updated?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type RestoreErrorResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['RestoreError'] = ResolversParentTypes['RestoreError']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type RestoreObjectCountsResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['RestoreObjectCounts'] = ResolversParentTypes['RestoreObjectCounts']> = ResolversObject<{
  created?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  failed?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  object?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  skipped?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  updated?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type RestorePlanResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['RestorePlan'] = ResolversParentTypes['RestorePlan']> = ResolversObject<{
  deferredReferences?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  objects?: Resolver<Array<ResolversTypes['RestorePlanObject']>, ParentType, ContextType>;
  order?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  unmappedOwners?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  unmappedRecordTypes?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
}>;

export type RestorePlanObjectResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['RestorePlanObject'] = ResolversParentTypes['RestorePlanObject']> = ResolversObject<{
  createFields?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  deferredFields?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  method?: Resolver<ResolversTypes['RestoreWriteMethod'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  order?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  records?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  skippedFields?: Resolver<Array<ResolversTypes['SkippedField']>, ParentType, ContextType>;
  toCreate?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  toSkip?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  toUpdate?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  unmappedReferences?: Resolver<Array<ResolversTypes['UnmappedReference']>, ParentType, ContextType>;
  updateFields?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type RestoreRecordErrorResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['RestoreRecordError'] = ResolversParentTypes['RestoreRecordError']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fields?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type RestoreResultResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['RestoreResult'] = ResolversParentTypes['RestoreResult']> = ResolversObject<{
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['RestoreRecordError']>, ParentType, ContextType>;
  object?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['RestoreOutcome'], ParentType, ContextType>;
  pass?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sourceId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  targetId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
}>;

export type ScheduleResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Schedule'] = ResolversParentTypes['Schedule']> = ResolversObject<{
  catchUp?: Resolver<ResolversTypes['ScheduleCatchUp'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  cron?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  enabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  every?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  input?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  jobType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  lastRun?: Resolver<Maybe<ResolversTypes['ScheduleRun']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nextRunAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  nextRuns?: Resolver<Array<ResolversTypes['DateTime']>, ParentType, ContextType, RequireFields<ScheduleNextRunsArgs, 'count'>>;
  overlap?: Resolver<ResolversTypes['ScheduleOverlap'], ParentType, ContextType>;
  owner?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  runs?: Resolver<ResolversTypes['ScheduleRunConnection'], ParentType, ContextType, RequireFields<ScheduleRunsArgs, 'first'>>;
  timezone?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type ScheduleConnectionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ScheduleConnection'] = ResolversParentTypes['ScheduleConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['ScheduleEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Schedule']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type ScheduleEdgeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ScheduleEdge'] = ResolversParentTypes['ScheduleEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Schedule'], ParentType, ContextType>;
}>;

export type ScheduleRunResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ScheduleRun'] = ResolversParentTypes['ScheduleRun']> = ResolversObject<{
  job?: Resolver<Maybe<ResolversTypes['Job']>, ParentType, ContextType>;
  occurrenceAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type ScheduleRunConnectionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ScheduleRunConnection'] = ResolversParentTypes['ScheduleRunConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['ScheduleRunEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['ScheduleRun']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type ScheduleRunEdgeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ScheduleRunEdge'] = ResolversParentTypes['ScheduleRunEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['ScheduleRun'], ParentType, ContextType>;
}>;

export type SkippedFieldResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SkippedField'] = ResolversParentTypes['SkippedField']> = ResolversObject<{
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['SkippedFieldReason'], ParentType, ContextType>;
}>;

export type StateCountResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['StateCount'] = ResolversParentTypes['StateCount']> = ResolversObject<{
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['JobState'], ParentType, ContextType>;
}>;

export type SubscriptionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  jobEvents?: SubscriptionResolver<ResolversTypes['JobEvent'], "jobEvents", ParentType, ContextType, Partial<SubscriptionJobEventsArgs>>;
  jobProgress?: SubscriptionResolver<ResolversTypes['JobEvent'], "jobProgress", ParentType, ContextType, RequireFields<SubscriptionJobProgressArgs, 'id'>>;
  monitoringEvents?: SubscriptionResolver<ResolversTypes['MonitoringEvent'], "monitoringEvents", ParentType, ContextType>;
}>;

export type ThroughputBucketResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ThroughputBucket'] = ResolversParentTypes['ThroughputBucket']> = ResolversObject<{
  failed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  start?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  succeeded?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type TypeStateCountResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['TypeStateCount'] = ResolversParentTypes['TypeStateCount']> = ResolversObject<{
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['JobState'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type UnmappedReferenceResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['UnmappedReference'] = ResolversParentTypes['UnmappedReference']> = ResolversObject<{
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type WorkerResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Worker'] = ResolversParentTypes['Worker']> = ResolversObject<{
  alive?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  eventLoopDelay?: Resolver<Maybe<ResolversTypes['EventLoopDelay']>, ParentType, ContextType>;
  host?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastHeartbeatAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  pid?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rssBytes?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  runningJobs?: Resolver<Array<ResolversTypes['Job']>, ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  stoppedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type ZombieResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Zombie'] = ResolversParentTypes['Zombie']> = ResolversObject<{
  action?: Resolver<Maybe<ResolversTypes['ZombieAction']>, ParentType, ContextType>;
  attempt?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  detectedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  diagnostics?: Resolver<Array<ResolversTypes['DiagnosticReport']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  job?: Resolver<ResolversTypes['Job'], ParentType, ContextType>;
  lastLogs?: Resolver<Array<ResolversTypes['JobLogLine']>, ParentType, ContextType>;
  lastProgress?: Resolver<ResolversTypes['JobProgress'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['ZombieReason'], ParentType, ContextType>;
  resolvedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  since?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  workerId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type Resolvers<ContextType = ApiContext> = ResolversObject<{
  Alert?: AlertResolvers<ContextType>;
  ApiBudget?: ApiBudgetResolvers<ContextType>;
  Backup?: BackupResolvers<ContextType>;
  BackupChangeConnection?: BackupChangeConnectionResolvers<ContextType>;
  BackupObject?: BackupObjectResolvers<ContextType>;
  BackupObjectChanges?: BackupObjectChangesResolvers<ContextType>;
  BackupObjectError?: BackupObjectErrorResolvers<ContextType>;
  BackupPolicy?: BackupPolicyResolvers<ContextType>;
  BackupRetention?: BackupRetentionResolvers<ContextType>;
  DataChangeAlertRules?: DataChangeAlertRulesResolvers<ContextType>;
  DataChangeRule?: DataChangeRuleResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DebugAction?: DebugActionResolvers<ContextType>;
  DiagnosticReport?: DiagnosticReportResolvers<ContextType>;
  EventLoopDelay?: EventLoopDelayResolvers<ContextType>;
  Export?: ExportResolvers<ContextType>;
  ExportError?: ExportErrorResolvers<ContextType>;
  FailureRate?: FailureRateResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  Job?: JobResolvers<ContextType>;
  JobConnection?: JobConnectionResolvers<ContextType>;
  JobEdge?: JobEdgeResolvers<ContextType>;
  JobError?: JobErrorResolvers<ContextType>;
  JobEvent?: JobEventResolvers<ContextType>;
  JobLogLine?: JobLogLineResolvers<ContextType>;
  JobProgress?: JobProgressResolvers<ContextType>;
  JobType?: JobTypeResolvers<ContextType>;
  Monitoring?: MonitoringResolvers<ContextType>;
  MonitoringEvent?: MonitoringEventResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Org?: OrgResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  QueueStats?: QueueStatsResolvers<ContextType>;
  Restore?: RestoreResolvers<ContextType>;
  RestoreCounts?: RestoreCountsResolvers<ContextType>;
  RestoreError?: RestoreErrorResolvers<ContextType>;
  RestoreObjectCounts?: RestoreObjectCountsResolvers<ContextType>;
  RestorePlan?: RestorePlanResolvers<ContextType>;
  RestorePlanObject?: RestorePlanObjectResolvers<ContextType>;
  RestoreRecordError?: RestoreRecordErrorResolvers<ContextType>;
  RestoreResult?: RestoreResultResolvers<ContextType>;
  Schedule?: ScheduleResolvers<ContextType>;
  ScheduleConnection?: ScheduleConnectionResolvers<ContextType>;
  ScheduleEdge?: ScheduleEdgeResolvers<ContextType>;
  ScheduleRun?: ScheduleRunResolvers<ContextType>;
  ScheduleRunConnection?: ScheduleRunConnectionResolvers<ContextType>;
  ScheduleRunEdge?: ScheduleRunEdgeResolvers<ContextType>;
  SkippedField?: SkippedFieldResolvers<ContextType>;
  StateCount?: StateCountResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  ThroughputBucket?: ThroughputBucketResolvers<ContextType>;
  TypeStateCount?: TypeStateCountResolvers<ContextType>;
  UnmappedReference?: UnmappedReferenceResolvers<ContextType>;
  Worker?: WorkerResolvers<ContextType>;
  Zombie?: ZombieResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = ApiContext> = ResolversObject<{
  maxItems?: MaxItemsDirectiveResolver<any, any, ContextType>;
}>;
