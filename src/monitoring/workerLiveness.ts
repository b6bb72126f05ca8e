import type { WorkerDocument } from './workerDocument.ts';

/** What {@link WorkerLiveness} is built from (`config.liveness`). */
export interface WorkerLivenessSettings {
  /** How often every process heartbeats in the `workers` registry (`LONGHAUL_WORKER_HEARTBEAT_MS`). */
  workerHeartbeatMs: number;
  /** Missed registry heartbeats after which a process counts as lost (`LONGHAUL_WORKER_LOST_INTERVALS`). */
  workerLostIntervals: number;
}

/**
 * The one definition of "alive" for a registered process: not deregistered (`stoppedAt` unset) and
 * heartbeating within `heartbeat interval × lost intervals`. The zombie detector, the API's `workers`,
 * the metrics and the `NO_LIVE_WORKER` alert rule all ask this class, so they cannot disagree.
 */
export class WorkerLiveness {
  /** A process whose last heartbeat is older than this counts as lost, in ms. */
  readonly lostAfterMs: number;

  constructor(settings: WorkerLivenessSettings | { lostAfterMs: number }) {
    this.lostAfterMs = 'lostAfterMs' in settings ? settings.lostAfterMs : settings.workerHeartbeatMs * settings.workerLostIntervals;
    if (!(this.lostAfterMs > 0)) throw new Error(`worker liveness: lostAfterMs must be positive, got ${this.lostAfterMs}`);
  }

  /** Whether `doc` counts as alive at `now` (ms since the epoch). */
  isAlive(doc: Pick<WorkerDocument, 'stoppedAt' | 'heartbeatAt'>, now: number): boolean {
    return (doc.stoppedAt ?? null) === null && now - doc.heartbeatAt.getTime() <= this.lostAfterMs;
  }

  /** The oldest heartbeat of a process alive at `now`: {@link isAlive} as a bound a store's query can use (with `stoppedAt: null`). */
  oldestAliveHeartbeat(now: Date): Date {
    return new Date(now.getTime() - this.lostAfterMs);
  }
}
