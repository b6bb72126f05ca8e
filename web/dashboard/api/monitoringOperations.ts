/**
 * The GraphQL documents of the monitoring view (see `schema/monitoring.graphql`). One query per panel: a field that
 * errors nulls the whole non-null `monitoring`, so each panel asks on its own and shows its own error.
 */
import type { JobProgress, JobRow } from './jobOperations.ts';

/** `ZombieReason` of the schema. */
export type ZombieReason = 'WORKER_LOST' | 'HEARTBEAT_STALLED' | 'NO_PROGRESS';

/** A zombie incident as the zombies panel selects it. */
export interface Zombie {
  id: string;
  reason: ZombieReason;
  since: string;
  detectedAt: string;
  workerId: string | null;
  attempt: number;
  action: string | null;
  resolvedAt: string | null;
  lastProgress: JobProgress;
  job: Pick<JobRow, 'id' | 'type' | 'state'>;
}

/** A job of the debug queue with how it entered and left it. */
export interface DebugJob extends JobRow {
  debugActions: { kind: string; at: string; by: string | null; reason: string | null }[];
}

/** A registered process as the workers panel selects it. */
export interface Worker {
  id: string;
  host: string;
  pid: number;
  role: string;
  version: string;
  startedAt: string;
  lastHeartbeatAt: string;
  alive: boolean;
  stoppedAt: string | null;
  rssBytes: number | null;
  eventLoopDelay: { meanMs: number; p50Ms: number; p99Ms: number; maxMs: number } | null;
  runningJobs: { id: string; type: string }[];
}

/** Jobs finished in one minute. */
export interface ThroughputBucket {
  start: string;
  succeeded: number;
  failed: number;
}

/** `QueueStats` of the schema. */
export interface QueueStats {
  byState: { state: string; count: number }[];
  byType: { type: string; state: string; count: number }[];
  oldestQueuedAgeSeconds: number | null;
  throughput: ThroughputBucket[];
}

/** `FailureRate` of the schema. */
export interface FailureRate {
  windowMinutes: number;
  finished: number;
  failed: number;
  rate: number;
}

/** An alert incident. */
export interface Alert {
  id: string;
  kind: string;
  rule: string;
  key: string;
  message: string;
  firedAt: string;
  resolvedAt: string | null;
  delivered: number;
}

/** One `monitoringEvents` event as the feed shows it. */
export interface MonitoringEvent {
  position: string;
  kind: string;
  at: string;
  message: string;
}

/** Every zombie incident, open and resolved. */
export const ZOMBIES = `query DashboardZombies { monitoring { zombies(includeResolved: true) {
  id reason since detectedAt workerId attempt action resolvedAt
  lastProgress { processed total fraction message }
  job { id type state }
} } }`;

/** The first page of the debug queue. */
export const DEBUG_QUEUE = `query DashboardDebugQueue($first: Int) { monitoring { debugQueue(first: $first) { nodes {
  id type state attempts maxAttempts createdAt startedAt finishedAt
  progress { processed total fraction message }
  lastError { code message }
  debugActions { kind at by reason }
} } } }`;

/** Live workers with heartbeat, event-loop delay and running jobs. */
export const WORKERS = `query DashboardWorkers { monitoring { workers {
  id host pid role version startedAt lastHeartbeatAt alive stoppedAt rssBytes
  eventLoopDelay { meanMs p50Ms p99Ms maxMs }
  runningJobs { id type }
} } }`;

/** Queue statistics and the failure rate over one window. */
export const QUEUE_STATS = `query DashboardQueueStats($windowMinutes: Int) { monitoring {
  queueStats(windowMinutes: $windowMinutes) {
    byState { state count }
    byType { type state count }
    oldestQueuedAgeSeconds
    throughput { start succeeded failed }
  }
  failureRate(windowMinutes: $windowMinutes) { windowMinutes finished failed rate }
} }`;

/** Open alert incidents. */
export const ALERTS = `query DashboardAlerts { monitoring { alerts { id kind rule key message firedAt resolvedAt delivered } } }`;

/** `monitoringEvents`: what makes the panels query again. */
export const MONITORING_EVENTS = `subscription DashboardMonitoringEvents { monitoringEvents { position kind at message } }`;

/** Operator: `rerunInDebug(id)`. */
export const RERUN_IN_DEBUG = `mutation DashboardRerunInDebug($id: ID!) { rerunInDebug(id: $id) { id state } }`;
/** Operator: `requeueFromDebug(id)`. */
export const REQUEUE_FROM_DEBUG = `mutation DashboardRequeueFromDebug($id: ID!) { requeueFromDebug(id: $id) { id state } }`;
/** Operator: `discardDebugJob(id, reason)`. */
export const DISCARD_DEBUG_JOB = `mutation DashboardDiscardDebugJob($id: ID!, $reason: String!) { discardDebugJob(id: $id, reason: $reason) { id state } }`;
