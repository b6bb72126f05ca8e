export type AlertKind = 'ZOMBIE_DETECTED' | 'DEBUG_QUEUE_ENTERED' | 'FAILURE_RATE' | 'QUEUE_AGE' | 'NO_LIVE_WORKER' | 'MASS_DELETION' | 'MASS_UPDATE' | 'BACKUP_PARTIAL' | 'MISSED_BACKUP';

/**
 * One alert incident in the `alerts` collection. `_id` is `<rule>:<key>:<n>`-like and unique per open
 * incident, so that one incident fires once however many processes evaluate the rules.
 */
export interface AlertDocument {
  _id: string;
  kind: AlertKind;
  rule: string;
  key: string;
  /** Tenant of the job it is about, if any (tenant keys see only their own). */
  tenantId: string | null;
  message: string;
  firedAt: Date;
  resolvedAt: Date | null;
  delivered: number;
  /** What the incident is about, for receivers (data-change alerts: counts and where the changed Ids are); absent on most kinds. */
  details?: Record<string, unknown> | null;
}
