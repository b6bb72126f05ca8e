/**
 * The GraphQL documents of the monitoring view (see `schema/monitoring.graphql`). One query per panel: a field that
 * errors nulls the whole non-null `monitoring`, so each panel asks on its own and shows its own error. Their result
 * and variable types are generated from the SDL into `./generated/` (`npm run codegen`).
 */
import { graphql } from './generated/gql.ts';
import type {
  DashboardAlertsQuery,
  DashboardDebugQueueQuery,
  DashboardMonitoringEventsSubscription,
  DashboardQueueStatsQuery,
  DashboardWorkersQuery,
  DashboardZombiesQuery,
} from './generated/graphql.ts';

/** A zombie incident as the zombies panel selects it. */
export type Zombie = DashboardZombiesQuery['monitoring']['zombies'][number];

/** A job of the debug queue with how it entered and left it. */
export type DebugJob = DashboardDebugQueueQuery['monitoring']['debugQueue']['nodes'][number];

/** A registered process as the workers panel selects it. */
export type Worker = DashboardWorkersQuery['monitoring']['workers'][number];

/** `QueueStats` of the schema. */
export type QueueStats = DashboardQueueStatsQuery['monitoring']['queueStats'];

/** Jobs finished in one minute. */
export type ThroughputBucket = QueueStats['throughput'][number];

/** `FailureRate` of the schema. */
export type FailureRate = DashboardQueueStatsQuery['monitoring']['failureRate'];

/** An alert incident. */
export type Alert = DashboardAlertsQuery['monitoring']['alerts'][number];

/** One `monitoringEvents` event as the feed shows it. */
export type MonitoringEvent = DashboardMonitoringEventsSubscription['monitoringEvents'];

/** Every zombie incident, open and resolved. */
export const ZOMBIES = graphql(`query DashboardZombies { monitoring { zombies(includeResolved: true) {
  id reason since detectedAt workerId attempt action resolvedAt
  lastProgress { processed total fraction message }
  job { id type state }
} } }`);

/** The first page of the debug queue. */
export const DEBUG_QUEUE = graphql(`query DashboardDebugQueue($first: Int) { monitoring { debugQueue(first: $first) { nodes {
  ...DashboardJobRow
  debugActions { kind at by reason }
} } } }`);

/** Live workers with heartbeat, event-loop delay and running jobs. */
export const WORKERS = graphql(`query DashboardWorkers { monitoring { workers {
  id host pid role version startedAt lastHeartbeatAt alive stoppedAt rssBytes
  eventLoopDelay { meanMs p50Ms p99Ms maxMs }
  runningJobs { id type }
} } }`);

/** Queue statistics and the failure rate over one window. */
export const QUEUE_STATS = graphql(`query DashboardQueueStats($windowMinutes: Int) { monitoring {
  queueStats(windowMinutes: $windowMinutes) {
    byState { state count }
    byType { type state count }
    oldestQueuedAgeSeconds
    throughput { start succeeded failed }
  }
  failureRate(windowMinutes: $windowMinutes) { windowMinutes finished failed rate }
} }`);

/** Open alert incidents. */
export const ALERTS = graphql(`query DashboardAlerts { monitoring { alerts { id kind rule key message firedAt resolvedAt delivered } } }`);

/** `monitoringEvents`: what makes the panels query again. */
export const MONITORING_EVENTS = graphql(`subscription DashboardMonitoringEvents { monitoringEvents { position kind at message } }`);

/** Operator: `rerunInDebug(id)`. */
export const RERUN_IN_DEBUG = graphql(`mutation DashboardRerunInDebug($id: ID!) { rerunInDebug(id: $id) { id state } }`);
/** Operator: `requeueFromDebug(id)`. */
export const REQUEUE_FROM_DEBUG = graphql(`mutation DashboardRequeueFromDebug($id: ID!) { requeueFromDebug(id: $id) { id state } }`);
/** Operator: `discardDebugJob(id, reason)`. */
export const DISCARD_DEBUG_JOB = graphql(`mutation DashboardDiscardDebugJob($id: ID!, $reason: String!) { discardDebugJob(id: $id, reason: $reason) { id state } }`);
