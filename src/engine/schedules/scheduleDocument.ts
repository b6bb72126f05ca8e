/** What a schedule does when its previous job has not ended at its next occurrence. */
export type ScheduleOverlap = 'SKIP' | 'QUEUE' | 'CANCEL_RUNNING';

/** What a schedule does with occurrences missed while every process was down. */
export type ScheduleCatchUp = 'LATEST' | 'NONE' | 'ALL';

/** A stored schedule (collection `schedules`). */
export interface ScheduleDocument {
  /** A random record id, or for an owned schedule one derived from its tenant and owner. */
  _id: string;
  tenantId: string;
  /** The domain service's key of an owned schedule (e.g. `backupPolicy:<orgId>`), or `null`. */
  owner: string | null;
  name: string;
  jobType: string;
  /** The job input, as validated by the type's schema when the schedule was written. */
  input: unknown;
  cron: string | null;
  every: string | null;
  /** Milliseconds of `every`. */
  everyMs: number | null;
  timezone: string;
  overlap: ScheduleOverlap;
  catchUp: ScheduleCatchUp;
  enabled: boolean;
  /** Origin of an `every` period (when it was set). */
  anchorAt: Date;
  /** The next occurrence not yet claimed; `null` when the schedule never fires again. */
  nextRunAt: Date | null;
  /**
   * Occurrences a ticker claimed and has not yet confirmed the job of: occurrence ms → when claimed. A map, not an
   * array (FerretDB 1.x cannot `$pull` by a field of an embedded document): `$set`/`$unset` one key.
   */
  pending: Record<string, Date>;
  /** When the latest claim with occurrences was made, until they are all confirmed; stale claims are recovered by it. */
  pendingSince: Date | null;
  lastRun: { occurrenceAt: Date; jobId: string } | null;
  createdAt: Date;
  updatedAt: Date;
}

/** One job a schedule created (collection `scheduleRuns`, `_id` `<scheduleId>:<occurrence ms>`). */
export interface ScheduleRunDocument {
  _id: string;
  scheduleId: string;
  tenantId: string;
  occurrenceAt: Date;
  jobId: string;
  createdAt: Date;
}
