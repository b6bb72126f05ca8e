/** What a policy asks the schedules engine to run: one owned schedule per policy. */
export interface OwnedScheduleSpec {
  name: string;
  /** An internal job type (`salesforce.policyBackup`). */
  jobType: string;
  input: unknown;
  /** 5-field cron (`MM HH * * *`). */
  cron: string;
  /** IANA zone of `cron`. */
  timezone: string;
  overlap: 'SKIP';
  catchUp: 'LATEST';
  enabled: boolean;
}

/**
 * The port a backup policy schedules its backups through: the schedules engine's owned schedules (one per
 * owner, created or replaced by `upsertOwned`, gone with `removeOwned`). The composition root plugs the
 * engine's `ScheduleService` in; tests use an in-memory one and run `salesforce.policyBackup` directly.
 */
export interface PolicyScheduleRegistry {
  /** Creates or replaces the schedule `owner` owns in `tenantId`. */
  upsertOwned(owner: string, tenantId: string, spec: OwnedScheduleSpec): Promise<unknown>;
  /** Removes the schedule `owner` owns in `tenantId`, if any. */
  removeOwned(owner: string, tenantId: string): Promise<unknown>;
}

/** The owner name of an org's policy schedule. */
export function policyScheduleOwner(orgId: string): string {
  return `backupPolicy:${orgId}`;
}
