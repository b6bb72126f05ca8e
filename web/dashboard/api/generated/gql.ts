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
    "\n  fragment DashboardJobRow on Job {\n    id type state attempts maxAttempts createdAt startedAt finishedAt\n    progress { processed total fraction message }\n    lastError { code message }\n  }\n": typeof types.DashboardJobRowFragmentDoc,
    "\n  fragment DashboardJobDetail on Job {\n    ...DashboardJobRow\n    input priority result checkpoint retryAt runAt\n    errors { code message attempt at stack }\n  }\n": typeof types.DashboardJobDetailFragmentDoc,
    "query DashboardJobs($filter: JobFilter, $first: Int) {\n  jobs(filter: $filter, first: $first) { nodes { ...DashboardJobRow } pageInfo { hasNextPage } }\n}": typeof types.DashboardJobsDocument,
    "query DashboardJobTypes { jobTypes { name description inputSchema } }": typeof types.DashboardJobTypesDocument,
    "subscription DashboardJobEvents($filter: JobFilter) {\n  jobEvents(filter: $filter) { position kind at gap job { ...DashboardJobRow } }\n}": typeof types.DashboardJobEventsDocument,
    "mutation DashboardCreateJob($input: CreateJobInput!) { createJob(input: $input) { ...DashboardJobRow } }": typeof types.DashboardCreateJobDocument,
    "query DashboardJob($id: ID!) { job(id: $id) { ...DashboardJobDetail } }": typeof types.DashboardJobDocument,
    "query DashboardJobLogs($id: ID!, $last: Int) { job(id: $id) { id logs(last: $last) { at level message attempt } } }": typeof types.DashboardJobLogsDocument,
    "subscription DashboardWatchJob($id: ID!, $after: String) {\n  jobProgress(id: $id, after: $after) { position kind at gap job { ...DashboardJobDetail } }\n}": typeof types.DashboardWatchJobDocument,
    "mutation DashboardCancelJob($id: ID!) { cancelJob(id: $id) { ...DashboardJobDetail } }": typeof types.DashboardCancelJobDocument,
    "mutation DashboardRetryJob($id: ID!) { retryJob(id: $id) { ...DashboardJobDetail } }": typeof types.DashboardRetryJobDocument,
    "query DashboardZombies { monitoring { zombies(includeResolved: true) {\n  id reason since detectedAt workerId attempt action resolvedAt\n  lastProgress { processed total fraction message }\n  job { id type state }\n} } }": typeof types.DashboardZombiesDocument,
    "query DashboardDebugQueue($first: Int) { monitoring { debugQueue(first: $first) { nodes {\n  ...DashboardJobRow\n  debugActions { kind at by reason }\n} } } }": typeof types.DashboardDebugQueueDocument,
    "query DashboardWorkers { monitoring { workers {\n  id host pid role version startedAt lastHeartbeatAt alive stoppedAt rssBytes\n  eventLoopDelay { meanMs p50Ms p99Ms maxMs }\n  runningJobs { id type }\n} } }": typeof types.DashboardWorkersDocument,
    "query DashboardQueueStats($windowMinutes: Int) { monitoring {\n  queueStats(windowMinutes: $windowMinutes) {\n    byState { state count }\n    byType { type state count }\n    oldestQueuedAgeSeconds\n    throughput { start succeeded failed }\n  }\n  failureRate(windowMinutes: $windowMinutes) { windowMinutes finished failed rate }\n} }": typeof types.DashboardQueueStatsDocument,
    "query DashboardAlerts { monitoring { alerts { id kind rule key message firedAt resolvedAt delivered } } }": typeof types.DashboardAlertsDocument,
    "subscription DashboardMonitoringEvents { monitoringEvents { position kind at message } }": typeof types.DashboardMonitoringEventsDocument,
    "mutation DashboardRerunInDebug($id: ID!) { rerunInDebug(id: $id) { id state } }": typeof types.DashboardRerunInDebugDocument,
    "mutation DashboardRequeueFromDebug($id: ID!) { requeueFromDebug(id: $id) { id state } }": typeof types.DashboardRequeueFromDebugDocument,
    "mutation DashboardDiscardDebugJob($id: ID!, $reason: String!) { discardDebugJob(id: $id, reason: $reason) { id state } }": typeof types.DashboardDiscardDebugJobDocument,
    "query DashboardOrgs { orgs {\n  id name authFlow instanceUrl username salesforceOrgId status statusDetail checkedAt createdAt\n  apiBudget { max remaining checkedAt }\n} }": typeof types.DashboardOrgsDocument,
    "query DashboardBackupPolicy($orgId: ID!) { backupPolicy(orgId: $orgId) {\n  orgId objects at timezone cron fullEvery enabled createdAt updatedAt\n  retention { daily weekly monthly keepDays }\n} }": typeof types.DashboardBackupPolicyDocument,
    "query DashboardBackupHistory($orgId: ID!) { backups(orgId: $orgId) {\n  id mode status createdAt startedAt finishedAt durationMs\n  records bytes estimatedRecords objectsDone objectsTotal\n  keptBy expiresAt\n  job { id state }\n  errors { name error { code message } }\n  changes { object previousBackupId previousRecords created updated deleted }\n} }": typeof types.DashboardBackupHistoryDocument,
    "query DashboardOrgAlerts { monitoring { alerts(includeResolved: true) {\n  id kind rule key message firedAt resolvedAt delivered details\n} } }": typeof types.DashboardOrgAlertsDocument,
    "\n  fragment DashboardScheduleRow on Schedule {\n    id name jobType cron every timezone overlap catchUp enabled owner nextRunAt createdAt\n    nextRuns(count: 5)\n    lastRun { occurrenceAt job { id state } }\n  }\n": typeof types.DashboardScheduleRowFragmentDoc,
    "query DashboardSchedules($filter: ScheduleFilter, $first: Int, $after: String) {\n  schedules(filter: $filter, first: $first, after: $after) { nodes { ...DashboardScheduleRow } pageInfo { hasNextPage endCursor } }\n}": typeof types.DashboardSchedulesDocument,
    "mutation DashboardPauseSchedule($id: ID!) { pauseSchedule(id: $id) { ...DashboardScheduleRow } }": typeof types.DashboardPauseScheduleDocument,
    "mutation DashboardResumeSchedule($id: ID!) { resumeSchedule(id: $id) { ...DashboardScheduleRow } }": typeof types.DashboardResumeScheduleDocument,
};
const documents: Documents = {
    "\n  fragment DashboardJobRow on Job {\n    id type state attempts maxAttempts createdAt startedAt finishedAt\n    progress { processed total fraction message }\n    lastError { code message }\n  }\n": types.DashboardJobRowFragmentDoc,
    "\n  fragment DashboardJobDetail on Job {\n    ...DashboardJobRow\n    input priority result checkpoint retryAt runAt\n    errors { code message attempt at stack }\n  }\n": types.DashboardJobDetailFragmentDoc,
    "query DashboardJobs($filter: JobFilter, $first: Int) {\n  jobs(filter: $filter, first: $first) { nodes { ...DashboardJobRow } pageInfo { hasNextPage } }\n}": types.DashboardJobsDocument,
    "query DashboardJobTypes { jobTypes { name description inputSchema } }": types.DashboardJobTypesDocument,
    "subscription DashboardJobEvents($filter: JobFilter) {\n  jobEvents(filter: $filter) { position kind at gap job { ...DashboardJobRow } }\n}": types.DashboardJobEventsDocument,
    "mutation DashboardCreateJob($input: CreateJobInput!) { createJob(input: $input) { ...DashboardJobRow } }": types.DashboardCreateJobDocument,
    "query DashboardJob($id: ID!) { job(id: $id) { ...DashboardJobDetail } }": types.DashboardJobDocument,
    "query DashboardJobLogs($id: ID!, $last: Int) { job(id: $id) { id logs(last: $last) { at level message attempt } } }": types.DashboardJobLogsDocument,
    "subscription DashboardWatchJob($id: ID!, $after: String) {\n  jobProgress(id: $id, after: $after) { position kind at gap job { ...DashboardJobDetail } }\n}": types.DashboardWatchJobDocument,
    "mutation DashboardCancelJob($id: ID!) { cancelJob(id: $id) { ...DashboardJobDetail } }": types.DashboardCancelJobDocument,
    "mutation DashboardRetryJob($id: ID!) { retryJob(id: $id) { ...DashboardJobDetail } }": types.DashboardRetryJobDocument,
    "query DashboardZombies { monitoring { zombies(includeResolved: true) {\n  id reason since detectedAt workerId attempt action resolvedAt\n  lastProgress { processed total fraction message }\n  job { id type state }\n} } }": types.DashboardZombiesDocument,
    "query DashboardDebugQueue($first: Int) { monitoring { debugQueue(first: $first) { nodes {\n  ...DashboardJobRow\n  debugActions { kind at by reason }\n} } } }": types.DashboardDebugQueueDocument,
    "query DashboardWorkers { monitoring { workers {\n  id host pid role version startedAt lastHeartbeatAt alive stoppedAt rssBytes\n  eventLoopDelay { meanMs p50Ms p99Ms maxMs }\n  runningJobs { id type }\n} } }": types.DashboardWorkersDocument,
    "query DashboardQueueStats($windowMinutes: Int) { monitoring {\n  queueStats(windowMinutes: $windowMinutes) {\n    byState { state count }\n    byType { type state count }\n    oldestQueuedAgeSeconds\n    throughput { start succeeded failed }\n  }\n  failureRate(windowMinutes: $windowMinutes) { windowMinutes finished failed rate }\n} }": types.DashboardQueueStatsDocument,
    "query DashboardAlerts { monitoring { alerts { id kind rule key message firedAt resolvedAt delivered } } }": types.DashboardAlertsDocument,
    "subscription DashboardMonitoringEvents { monitoringEvents { position kind at message } }": types.DashboardMonitoringEventsDocument,
    "mutation DashboardRerunInDebug($id: ID!) { rerunInDebug(id: $id) { id state } }": types.DashboardRerunInDebugDocument,
    "mutation DashboardRequeueFromDebug($id: ID!) { requeueFromDebug(id: $id) { id state } }": types.DashboardRequeueFromDebugDocument,
    "mutation DashboardDiscardDebugJob($id: ID!, $reason: String!) { discardDebugJob(id: $id, reason: $reason) { id state } }": types.DashboardDiscardDebugJobDocument,
    "query DashboardOrgs { orgs {\n  id name authFlow instanceUrl username salesforceOrgId status statusDetail checkedAt createdAt\n  apiBudget { max remaining checkedAt }\n} }": types.DashboardOrgsDocument,
    "query DashboardBackupPolicy($orgId: ID!) { backupPolicy(orgId: $orgId) {\n  orgId objects at timezone cron fullEvery enabled createdAt updatedAt\n  retention { daily weekly monthly keepDays }\n} }": types.DashboardBackupPolicyDocument,
    "query DashboardBackupHistory($orgId: ID!) { backups(orgId: $orgId) {\n  id mode status createdAt startedAt finishedAt durationMs\n  records bytes estimatedRecords objectsDone objectsTotal\n  keptBy expiresAt\n  job { id state }\n  errors { name error { code message } }\n  changes { object previousBackupId previousRecords created updated deleted }\n} }": types.DashboardBackupHistoryDocument,
    "query DashboardOrgAlerts { monitoring { alerts(includeResolved: true) {\n  id kind rule key message firedAt resolvedAt delivered details\n} } }": types.DashboardOrgAlertsDocument,
    "\n  fragment DashboardScheduleRow on Schedule {\n    id name jobType cron every timezone overlap catchUp enabled owner nextRunAt createdAt\n    nextRuns(count: 5)\n    lastRun { occurrenceAt job { id state } }\n  }\n": types.DashboardScheduleRowFragmentDoc,
    "query DashboardSchedules($filter: ScheduleFilter, $first: Int, $after: String) {\n  schedules(filter: $filter, first: $first, after: $after) { nodes { ...DashboardScheduleRow } pageInfo { hasNextPage endCursor } }\n}": types.DashboardSchedulesDocument,
    "mutation DashboardPauseSchedule($id: ID!) { pauseSchedule(id: $id) { ...DashboardScheduleRow } }": types.DashboardPauseScheduleDocument,
    "mutation DashboardResumeSchedule($id: ID!) { resumeSchedule(id: $id) { ...DashboardScheduleRow } }": types.DashboardResumeScheduleDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DashboardJobRow on Job {\n    id type state attempts maxAttempts createdAt startedAt finishedAt\n    progress { processed total fraction message }\n    lastError { code message }\n  }\n"): typeof import('./graphql.ts').DashboardJobRowFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DashboardJobDetail on Job {\n    ...DashboardJobRow\n    input priority result checkpoint retryAt runAt\n    errors { code message attempt at stack }\n  }\n"): typeof import('./graphql.ts').DashboardJobDetailFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DashboardJobs($filter: JobFilter, $first: Int) {\n  jobs(filter: $filter, first: $first) { nodes { ...DashboardJobRow } pageInfo { hasNextPage } }\n}"): typeof import('./graphql.ts').DashboardJobsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DashboardJobTypes { jobTypes { name description inputSchema } }"): typeof import('./graphql.ts').DashboardJobTypesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription DashboardJobEvents($filter: JobFilter) {\n  jobEvents(filter: $filter) { position kind at gap job { ...DashboardJobRow } }\n}"): typeof import('./graphql.ts').DashboardJobEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DashboardCreateJob($input: CreateJobInput!) { createJob(input: $input) { ...DashboardJobRow } }"): typeof import('./graphql.ts').DashboardCreateJobDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DashboardJob($id: ID!) { job(id: $id) { ...DashboardJobDetail } }"): typeof import('./graphql.ts').DashboardJobDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DashboardJobLogs($id: ID!, $last: Int) { job(id: $id) { id logs(last: $last) { at level message attempt } } }"): typeof import('./graphql.ts').DashboardJobLogsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription DashboardWatchJob($id: ID!, $after: String) {\n  jobProgress(id: $id, after: $after) { position kind at gap job { ...DashboardJobDetail } }\n}"): typeof import('./graphql.ts').DashboardWatchJobDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DashboardCancelJob($id: ID!) { cancelJob(id: $id) { ...DashboardJobDetail } }"): typeof import('./graphql.ts').DashboardCancelJobDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DashboardRetryJob($id: ID!) { retryJob(id: $id) { ...DashboardJobDetail } }"): typeof import('./graphql.ts').DashboardRetryJobDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DashboardZombies { monitoring { zombies(includeResolved: true) {\n  id reason since detectedAt workerId attempt action resolvedAt\n  lastProgress { processed total fraction message }\n  job { id type state }\n} } }"): typeof import('./graphql.ts').DashboardZombiesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DashboardDebugQueue($first: Int) { monitoring { debugQueue(first: $first) { nodes {\n  ...DashboardJobRow\n  debugActions { kind at by reason }\n} } } }"): typeof import('./graphql.ts').DashboardDebugQueueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DashboardWorkers { monitoring { workers {\n  id host pid role version startedAt lastHeartbeatAt alive stoppedAt rssBytes\n  eventLoopDelay { meanMs p50Ms p99Ms maxMs }\n  runningJobs { id type }\n} } }"): typeof import('./graphql.ts').DashboardWorkersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DashboardQueueStats($windowMinutes: Int) { monitoring {\n  queueStats(windowMinutes: $windowMinutes) {\n    byState { state count }\n    byType { type state count }\n    oldestQueuedAgeSeconds\n    throughput { start succeeded failed }\n  }\n  failureRate(windowMinutes: $windowMinutes) { windowMinutes finished failed rate }\n} }"): typeof import('./graphql.ts').DashboardQueueStatsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DashboardAlerts { monitoring { alerts { id kind rule key message firedAt resolvedAt delivered } } }"): typeof import('./graphql.ts').DashboardAlertsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription DashboardMonitoringEvents { monitoringEvents { position kind at message } }"): typeof import('./graphql.ts').DashboardMonitoringEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DashboardRerunInDebug($id: ID!) { rerunInDebug(id: $id) { id state } }"): typeof import('./graphql.ts').DashboardRerunInDebugDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DashboardRequeueFromDebug($id: ID!) { requeueFromDebug(id: $id) { id state } }"): typeof import('./graphql.ts').DashboardRequeueFromDebugDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DashboardDiscardDebugJob($id: ID!, $reason: String!) { discardDebugJob(id: $id, reason: $reason) { id state } }"): typeof import('./graphql.ts').DashboardDiscardDebugJobDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DashboardOrgs { orgs {\n  id name authFlow instanceUrl username salesforceOrgId status statusDetail checkedAt createdAt\n  apiBudget { max remaining checkedAt }\n} }"): typeof import('./graphql.ts').DashboardOrgsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DashboardBackupPolicy($orgId: ID!) { backupPolicy(orgId: $orgId) {\n  orgId objects at timezone cron fullEvery enabled createdAt updatedAt\n  retention { daily weekly monthly keepDays }\n} }"): typeof import('./graphql.ts').DashboardBackupPolicyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DashboardBackupHistory($orgId: ID!) { backups(orgId: $orgId) {\n  id mode status createdAt startedAt finishedAt durationMs\n  records bytes estimatedRecords objectsDone objectsTotal\n  keptBy expiresAt\n  job { id state }\n  errors { name error { code message } }\n  changes { object previousBackupId previousRecords created updated deleted }\n} }"): typeof import('./graphql.ts').DashboardBackupHistoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DashboardOrgAlerts { monitoring { alerts(includeResolved: true) {\n  id kind rule key message firedAt resolvedAt delivered details\n} } }"): typeof import('./graphql.ts').DashboardOrgAlertsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DashboardScheduleRow on Schedule {\n    id name jobType cron every timezone overlap catchUp enabled owner nextRunAt createdAt\n    nextRuns(count: 5)\n    lastRun { occurrenceAt job { id state } }\n  }\n"): typeof import('./graphql.ts').DashboardScheduleRowFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DashboardSchedules($filter: ScheduleFilter, $first: Int, $after: String) {\n  schedules(filter: $filter, first: $first, after: $after) { nodes { ...DashboardScheduleRow } pageInfo { hasNextPage endCursor } }\n}"): typeof import('./graphql.ts').DashboardSchedulesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DashboardPauseSchedule($id: ID!) { pauseSchedule(id: $id) { ...DashboardScheduleRow } }"): typeof import('./graphql.ts').DashboardPauseScheduleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DashboardResumeSchedule($id: ID!) { resumeSchedule(id: $id) { ...DashboardScheduleRow } }"): typeof import('./graphql.ts').DashboardResumeScheduleDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
