import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { JobView } from '../../engine/jobView.ts';
import type { JobEvent as JobEventModel } from '../../engine/jobEvent.ts';
import type { OrgView } from '../../salesforce/orgDocument.ts';
import type { BackupView, BackupObjectEntry } from '../../storage/backupDocument.ts';
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
  createdAt: Scalars['DateTime']['output'];
  /** finishedAt - startedAt, once finished. */
  durationMs: Maybe<Scalars['Float']['output']>;
  /** Objects that failed, with their errors. */
  errors: Array<BackupObject>;
  finishedAt: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** The job running it. */
  job: Maybe<Job>;
  mode: BackupMode;
  objects: Array<BackupObject>;
  org: Maybe<Org>;
  /** Records stored, all objects. */
  records: Scalars['Float']['output'];
  startedAt: Maybe<Scalars['DateTime']['output']>;
  status: BackupStatus;
};

export type BackupMode =
  /** Every record of every chosen object. */
  | 'FULL'
  /** Records changed since the last successful backup (not supported yet: BAD_USER_INPUT). */
  | 'INCREMENTAL';

/** One object of a backup, stored as gzip NDJSON parts plus its describe. */
export type BackupObject = {
  __typename?: 'BackupObject';
  /** Compressed bytes stored. */
  bytes: Scalars['Float']['output'];
  error: Maybe<BackupObjectError>;
  /** COUNT() when the backup started. */
  estimatedRecords: Maybe<Scalars['Float']['output']>;
  finishedAt: Maybe<Scalars['DateTime']['output']>;
  name: Scalars['String']['output'];
  /** Files the records are stored in (one per query page). */
  parts: Scalars['Int']['output'];
  records: Scalars['Float']['output'];
  /** sha256 (hex) of the object's uncompressed NDJSON, once it is done. */
  sha256: Maybe<Scalars['String']['output']>;
  startedAt: Maybe<Scalars['DateTime']['output']>;
  status: BackupObjectStatus;
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

export type BackupStatus =
  | 'FAILED'
  /** Finished, but some objects failed; see their `error`. */
  | 'PARTIAL'
  | 'QUEUED'
  | 'RUNNING'
  | 'SUCCEEDED';

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

/** A unit of background work, run by a worker through its job type's plugin. */
export type Job = {
  __typename?: 'Job';
  /** Attempts started so far (1 while the first attempt runs). */
  attempts: Scalars['Int']['output'];
  /** Last checkpoint the job saved; a resumed attempt starts from it. */
  checkpoint: Maybe<Scalars['JSON']['output']>;
  createdAt: Scalars['DateTime']['output'];
  /** Errors of every failed attempt, oldest first. */
  errors: Array<JobError>;
  finishedAt: Maybe<Scalars['DateTime']['output']>;
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

export type Mutation = {
  __typename?: 'Mutation';
  /** Cancel a job that has not finished; a running job is told through its signal. */
  cancelJob: Job;
  /** Registers an org after verifying its credentials (identity call). Failing verification is BAD_USER_INPUT with reason ORG_CONNECTION_FAILED. */
  connectOrg: Org;
  /** Create a job; returns at once with its id. */
  createJob: Job;
  /** Run a FAILED or CANCELLED job again, from its last checkpoint, with fresh attempts. */
  retryJob: Job;
  /** Starts a `salesforce.backup` job; `objects` defaults to every queryable, replicateable object. */
  startBackup: Job;
};


export type MutationCancelJobArgs = {
  id: Scalars['ID']['input'];
};


export type MutationConnectOrgArgs = {
  input: ConnectOrgInput;
};


export type MutationCreateJobArgs = {
  input: CreateJobInput;
};


export type MutationRetryJobArgs = {
  id: Scalars['ID']['input'];
};


export type MutationStartBackupArgs = {
  mode?: InputMaybe<BackupMode>;
  objects?: InputMaybe<Array<Scalars['String']['input']>>;
  orgId: Scalars['ID']['input'];
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
  /** The caller's backups of an org, newest first (at most 100). */
  backups: Array<Backup>;
  job: Maybe<Job>;
  jobTypes: Array<JobType>;
  jobs: JobConnection;
  /** One of the caller's orgs; checks its connection and reads its API budget now. */
  org: Maybe<Org>;
  /** The caller's orgs, oldest first, with the status of their last check. */
  orgs: Array<Org>;
};


export type QueryBackupArgs = {
  id: Scalars['ID']['input'];
};


export type QueryBackupsArgs = {
  orgId: Scalars['ID']['input'];
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

export type Subscription = {
  __typename?: 'Subscription';
  /** Every job event of this tenant, optionally filtered, for dashboards. */
  jobEvents: JobEvent;
  /** A job's current snapshot, then every change; completes after a terminal state. With `after`, replays what was missed since that position. */
  jobProgress: JobEvent;
};


export type SubscriptionJobEventsArgs = {
  filter?: InputMaybe<JobFilter>;
};


export type SubscriptionJobProgressArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  id: Scalars['ID']['input'];
};

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
  ApiBudget: ResolverTypeWrapper<ApiBudget>;
  Backup: ResolverTypeWrapper<BackupView>;
  BackupMode: BackupMode;
  BackupObject: ResolverTypeWrapper<BackupObjectEntry>;
  BackupObjectError: ResolverTypeWrapper<BackupObjectError>;
  BackupObjectStatus: BackupObjectStatus;
  BackupStatus: BackupStatus;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  ConnectOrgInput: ConnectOrgInput;
  CreateJobInput: CreateJobInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
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
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Org: ResolverTypeWrapper<OrgView>;
  OrgAuthFlow: OrgAuthFlow;
  OrgConnectionStatus: OrgConnectionStatus;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  ApiBudget: ApiBudget;
  Backup: BackupView;
  BackupObject: BackupObjectEntry;
  BackupObjectError: BackupObjectError;
  Boolean: Scalars['Boolean']['output'];
  ConnectOrgInput: ConnectOrgInput;
  CreateJobInput: CreateJobInput;
  DateTime: Scalars['DateTime']['output'];
  Float: Scalars['Float']['output'];
  ID: Scalars['ID']['output'];
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
  Mutation: Record<PropertyKey, never>;
  Org: OrgView;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  String: Scalars['String']['output'];
  Subscription: Record<PropertyKey, never>;
}>;

export type ApiBudgetResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ApiBudget'] = ResolversParentTypes['ApiBudget']> = ResolversObject<{
  checkedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  max?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  remaining?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type BackupResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Backup'] = ResolversParentTypes['Backup']> = ResolversObject<{
  bytes?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  durationMs?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['BackupObject']>, ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  job?: Resolver<Maybe<ResolversTypes['Job']>, ParentType, ContextType>;
  mode?: Resolver<ResolversTypes['BackupMode'], ParentType, ContextType>;
  objects?: Resolver<Array<ResolversTypes['BackupObject']>, ParentType, ContextType>;
  org?: Resolver<Maybe<ResolversTypes['Org']>, ParentType, ContextType>;
  records?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  startedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['BackupStatus'], ParentType, ContextType>;
}>;

export type BackupObjectResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['BackupObject'] = ResolversParentTypes['BackupObject']> = ResolversObject<{
  bytes?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['BackupObjectError']>, ParentType, ContextType>;
  estimatedRecords?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  parts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  records?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  sha256?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  startedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['BackupObjectStatus'], ParentType, ContextType>;
}>;

export type BackupObjectErrorResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['BackupObjectError'] = ResolversParentTypes['BackupObjectError']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type JobResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Job'] = ResolversParentTypes['Job']> = ResolversObject<{
  attempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  checkpoint?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['JobError']>, ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
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

export type MutationResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  cancelJob?: Resolver<ResolversTypes['Job'], ParentType, ContextType, RequireFields<MutationCancelJobArgs, 'id'>>;
  connectOrg?: Resolver<ResolversTypes['Org'], ParentType, ContextType, RequireFields<MutationConnectOrgArgs, 'input'>>;
  createJob?: Resolver<ResolversTypes['Job'], ParentType, ContextType, RequireFields<MutationCreateJobArgs, 'input'>>;
  retryJob?: Resolver<ResolversTypes['Job'], ParentType, ContextType, RequireFields<MutationRetryJobArgs, 'id'>>;
  startBackup?: Resolver<ResolversTypes['Job'], ParentType, ContextType, RequireFields<MutationStartBackupArgs, 'mode' | 'orgId'>>;
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
  backups?: Resolver<Array<ResolversTypes['Backup']>, ParentType, ContextType, RequireFields<QueryBackupsArgs, 'orgId'>>;
  job?: Resolver<Maybe<ResolversTypes['Job']>, ParentType, ContextType, RequireFields<QueryJobArgs, 'id'>>;
  jobTypes?: Resolver<Array<ResolversTypes['JobType']>, ParentType, ContextType>;
  jobs?: Resolver<ResolversTypes['JobConnection'], ParentType, ContextType, RequireFields<QueryJobsArgs, 'first'>>;
  org?: Resolver<Maybe<ResolversTypes['Org']>, ParentType, ContextType, RequireFields<QueryOrgArgs, 'id'>>;
  orgs?: Resolver<Array<ResolversTypes['Org']>, ParentType, ContextType>;
}>;

export type SubscriptionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  jobEvents?: SubscriptionResolver<ResolversTypes['JobEvent'], "jobEvents", ParentType, ContextType, Partial<SubscriptionJobEventsArgs>>;
  jobProgress?: SubscriptionResolver<ResolversTypes['JobEvent'], "jobProgress", ParentType, ContextType, RequireFields<SubscriptionJobProgressArgs, 'id'>>;
}>;

export type Resolvers<ContextType = ApiContext> = ResolversObject<{
  ApiBudget?: ApiBudgetResolvers<ContextType>;
  Backup?: BackupResolvers<ContextType>;
  BackupObject?: BackupObjectResolvers<ContextType>;
  BackupObjectError?: BackupObjectErrorResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  JSON?: GraphQLScalarType;
  Job?: JobResolvers<ContextType>;
  JobConnection?: JobConnectionResolvers<ContextType>;
  JobEdge?: JobEdgeResolvers<ContextType>;
  JobError?: JobErrorResolvers<ContextType>;
  JobEvent?: JobEventResolvers<ContextType>;
  JobLogLine?: JobLogLineResolvers<ContextType>;
  JobProgress?: JobProgressResolvers<ContextType>;
  JobType?: JobTypeResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Org?: OrgResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
}>;

