/** The GraphQL document `longhaul monitoring` sends, and the shapes of what it selects (see `schema/monitoring.graphql`). */
import type { JobStateName } from './jobOperations.ts';

/** `ZombieReason` of the schema. */
export type ZombieReasonName = 'WORKER_LOST' | 'HEARTBEAT_STALLED' | 'NO_PROGRESS';

/** A zombie incident as the CLI selects it. */
export interface ZombieSummary {
  id: string;
  reason: ZombieReasonName;
  since: string;
  detectedAt: string;
  workerId: string | null;
  attempt: number;
  action: 'REQUEUED' | 'ABORTED' | 'MOVED_TO_DEBUG' | null;
  resolvedAt: string | null;
  lastProgress: { processed: number; total: number | null };
  job: { id: string; type: string; state: JobStateName };
}

/** A job of the debug queue as the CLI selects it. */
export interface DebugJobSummary {
  id: string;
  type: string;
  state: JobStateName;
  attempts: number;
  maxAttempts: number;
  createdAt: string;
  lastError: { code: string; message: string; attempt: number; at: string } | null;
  debugActions: { kind: string; at: string; by: string | null; reason: string | null }[];
}

/** What `MONITORING_OVERVIEW` answers. */
export interface MonitoringOverview {
  monitoring: {
    zombies: ZombieSummary[];
    debugQueue: { nodes: DebugJobSummary[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  };
}

/** Zombies (open ones, or every incident with `$includeResolved`) and a page of the debug queue, in one request. */
export const MONITORING_OVERVIEW = `query MonitoringOverview($includeResolved: Boolean, $first: Int, $after: String) {
  monitoring {
    zombies(includeResolved: $includeResolved) {
      id reason since detectedAt workerId attempt action resolvedAt
      lastProgress { processed total }
      job { id type state }
    }
    debugQueue(first: $first, after: $after) {
      nodes {
        id type state attempts maxAttempts createdAt
        lastError { code message attempt at }
        debugActions { kind at by reason }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;
