/* eslint-disable */
import * as types from './graphql.ts';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query BackupsOfOrg($orgId: ID!) {\n  backups(orgId: $orgId) {\n    id mode status records bytes createdAt durationMs keptBy expiresAt\n    job { id }\n  }\n  backupPolicy(orgId: $orgId) {\n    at timezone fullEvery enabled\n    retention { daily weekly monthly keepDays }\n  }\n}": typeof types.BackupsOfOrgDocument,
    "\n  fragment CliJobFields on Job {\n    id type state priority attempts maxAttempts\n    progress { processed total fraction message }\n    lastError { code message attempt at }\n    result createdAt startedAt finishedAt retryAt\n  }\n": typeof types.CliJobFieldsFragmentDoc,
    "mutation CreateJob($input: CreateJobInput!) { createJob(input: $input) { ...CliJobFields } }": typeof types.CreateJobDocument,
    "mutation CreateJobs($inputs: [CreateJobInput!]!) { createJobs(inputs: $inputs) { ...CliJobFields } }": typeof types.CreateJobsDocument,
    "query Job($id: ID!) { job(id: $id) { ...CliJobFields } }": typeof types.JobDocument,
    "query Jobs($filter: JobFilter, $first: Int, $after: String) {\n  jobs(filter: $filter, first: $first, after: $after) { nodes { ...CliJobFields } pageInfo { hasNextPage endCursor } }\n}": typeof types.JobsDocument,
    "subscription WatchJob($id: ID!, $after: String) {\n  jobProgress(id: $id, after: $after) { position kind at gap job { ...CliJobFields } }\n}": typeof types.WatchJobDocument,
    "query MonitoringOverview($includeResolved: Boolean, $first: Int, $after: String) {\n  monitoring {\n    zombies(includeResolved: $includeResolved) {\n      id reason since detectedAt workerId attempt action resolvedAt\n      lastProgress { processed total }\n      job { id type state }\n    }\n    debugQueue(first: $first, after: $after) {\n      nodes {\n        id type state attempts maxAttempts createdAt\n        lastError { code message attempt at }\n        debugActions { kind at by reason }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n}": typeof types.MonitoringOverviewDocument,
    "\n  fragment CliScheduleFields on Schedule {\n    id name jobType cron every timezone overlap catchUp enabled owner nextRunAt\n    lastRun { occurrenceAt job { id state } }\n  }\n": typeof types.CliScheduleFieldsFragmentDoc,
    "mutation CreateSchedule($input: CreateScheduleInput!) { createSchedule(input: $input) { ...CliScheduleFields } }": typeof types.CreateScheduleDocument,
    "query Schedules($filter: ScheduleFilter, $first: Int, $after: String) {\n  schedules(filter: $filter, first: $first, after: $after) { nodes { ...CliScheduleFields } pageInfo { hasNextPage endCursor } }\n}": typeof types.SchedulesDocument,
    "mutation PauseSchedule($id: ID!) { pauseSchedule(id: $id) { ...CliScheduleFields } }": typeof types.PauseScheduleDocument,
    "mutation ResumeSchedule($id: ID!) { resumeSchedule(id: $id) { ...CliScheduleFields } }": typeof types.ResumeScheduleDocument,
    "mutation DeleteSchedule($id: ID!) { deleteSchedule(id: $id) { ...CliScheduleFields } }": typeof types.DeleteScheduleDocument,
};
const documents: Documents = {
    "query BackupsOfOrg($orgId: ID!) {\n  backups(orgId: $orgId) {\n    id mode status records bytes createdAt durationMs keptBy expiresAt\n    job { id }\n  }\n  backupPolicy(orgId: $orgId) {\n    at timezone fullEvery enabled\n    retention { daily weekly monthly keepDays }\n  }\n}": types.BackupsOfOrgDocument,
    "\n  fragment CliJobFields on Job {\n    id type state priority attempts maxAttempts\n    progress { processed total fraction message }\n    lastError { code message attempt at }\n    result createdAt startedAt finishedAt retryAt\n  }\n": types.CliJobFieldsFragmentDoc,
    "mutation CreateJob($input: CreateJobInput!) { createJob(input: $input) { ...CliJobFields } }": types.CreateJobDocument,
    "mutation CreateJobs($inputs: [CreateJobInput!]!) { createJobs(inputs: $inputs) { ...CliJobFields } }": types.CreateJobsDocument,
    "query Job($id: ID!) { job(id: $id) { ...CliJobFields } }": types.JobDocument,
    "query Jobs($filter: JobFilter, $first: Int, $after: String) {\n  jobs(filter: $filter, first: $first, after: $after) { nodes { ...CliJobFields } pageInfo { hasNextPage endCursor } }\n}": types.JobsDocument,
    "subscription WatchJob($id: ID!, $after: String) {\n  jobProgress(id: $id, after: $after) { position kind at gap job { ...CliJobFields } }\n}": types.WatchJobDocument,
    "query MonitoringOverview($includeResolved: Boolean, $first: Int, $after: String) {\n  monitoring {\n    zombies(includeResolved: $includeResolved) {\n      id reason since detectedAt workerId attempt action resolvedAt\n      lastProgress { processed total }\n      job { id type state }\n    }\n    debugQueue(first: $first, after: $after) {\n      nodes {\n        id type state attempts maxAttempts createdAt\n        lastError { code message attempt at }\n        debugActions { kind at by reason }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n}": types.MonitoringOverviewDocument,
    "\n  fragment CliScheduleFields on Schedule {\n    id name jobType cron every timezone overlap catchUp enabled owner nextRunAt\n    lastRun { occurrenceAt job { id state } }\n  }\n": types.CliScheduleFieldsFragmentDoc,
    "mutation CreateSchedule($input: CreateScheduleInput!) { createSchedule(input: $input) { ...CliScheduleFields } }": types.CreateScheduleDocument,
    "query Schedules($filter: ScheduleFilter, $first: Int, $after: String) {\n  schedules(filter: $filter, first: $first, after: $after) { nodes { ...CliScheduleFields } pageInfo { hasNextPage endCursor } }\n}": types.SchedulesDocument,
    "mutation PauseSchedule($id: ID!) { pauseSchedule(id: $id) { ...CliScheduleFields } }": types.PauseScheduleDocument,
    "mutation ResumeSchedule($id: ID!) { resumeSchedule(id: $id) { ...CliScheduleFields } }": types.ResumeScheduleDocument,
    "mutation DeleteSchedule($id: ID!) { deleteSchedule(id: $id) { ...CliScheduleFields } }": types.DeleteScheduleDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BackupsOfOrg($orgId: ID!) {\n  backups(orgId: $orgId) {\n    id mode status records bytes createdAt durationMs keptBy expiresAt\n    job { id }\n  }\n  backupPolicy(orgId: $orgId) {\n    at timezone fullEvery enabled\n    retention { daily weekly monthly keepDays }\n  }\n}"): typeof import('./graphql.ts').BackupsOfOrgDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CliJobFields on Job {\n    id type state priority attempts maxAttempts\n    progress { processed total fraction message }\n    lastError { code message attempt at }\n    result createdAt startedAt finishedAt retryAt\n  }\n"): typeof import('./graphql.ts').CliJobFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateJob($input: CreateJobInput!) { createJob(input: $input) { ...CliJobFields } }"): typeof import('./graphql.ts').CreateJobDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateJobs($inputs: [CreateJobInput!]!) { createJobs(inputs: $inputs) { ...CliJobFields } }"): typeof import('./graphql.ts').CreateJobsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Job($id: ID!) { job(id: $id) { ...CliJobFields } }"): typeof import('./graphql.ts').JobDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Jobs($filter: JobFilter, $first: Int, $after: String) {\n  jobs(filter: $filter, first: $first, after: $after) { nodes { ...CliJobFields } pageInfo { hasNextPage endCursor } }\n}"): typeof import('./graphql.ts').JobsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription WatchJob($id: ID!, $after: String) {\n  jobProgress(id: $id, after: $after) { position kind at gap job { ...CliJobFields } }\n}"): typeof import('./graphql.ts').WatchJobDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MonitoringOverview($includeResolved: Boolean, $first: Int, $after: String) {\n  monitoring {\n    zombies(includeResolved: $includeResolved) {\n      id reason since detectedAt workerId attempt action resolvedAt\n      lastProgress { processed total }\n      job { id type state }\n    }\n    debugQueue(first: $first, after: $after) {\n      nodes {\n        id type state attempts maxAttempts createdAt\n        lastError { code message attempt at }\n        debugActions { kind at by reason }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n}"): typeof import('./graphql.ts').MonitoringOverviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CliScheduleFields on Schedule {\n    id name jobType cron every timezone overlap catchUp enabled owner nextRunAt\n    lastRun { occurrenceAt job { id state } }\n  }\n"): typeof import('./graphql.ts').CliScheduleFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateSchedule($input: CreateScheduleInput!) { createSchedule(input: $input) { ...CliScheduleFields } }"): typeof import('./graphql.ts').CreateScheduleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Schedules($filter: ScheduleFilter, $first: Int, $after: String) {\n  schedules(filter: $filter, first: $first, after: $after) { nodes { ...CliScheduleFields } pageInfo { hasNextPage endCursor } }\n}"): typeof import('./graphql.ts').SchedulesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PauseSchedule($id: ID!) { pauseSchedule(id: $id) { ...CliScheduleFields } }"): typeof import('./graphql.ts').PauseScheduleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ResumeSchedule($id: ID!) { resumeSchedule(id: $id) { ...CliScheduleFields } }"): typeof import('./graphql.ts').ResumeScheduleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteSchedule($id: ID!) { deleteSchedule(id: $id) { ...CliScheduleFields } }"): typeof import('./graphql.ts').DeleteScheduleDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
