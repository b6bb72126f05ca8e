/** How many backups a policy keeps: grandfather-father-son counts and/or every backup younger than `keepDays`. */
export interface BackupRetention {
  /** The newest backup of each of the last `daily` days that have one. */
  daily: number;
  /** The newest backup of each of the last `weekly` ISO weeks (Monday first) that have one. */
  weekly: number;
  /** The newest backup of each of the last `monthly` calendar months that have one. */
  monthly: number;
  /** Every backup younger than this many days; `null`: no such rule. */
  keepDays: number | null;
}

/** A backup policy as stored in `backupPolicies`: one per org, `_id` the org id. */
export interface BackupPolicyDocument {
  _id: string;
  tenantId: string;
  /** Objects to back up; `null`: every queryable, replicateable object. */
  objects: string[] | null;
  /** Local time of the daily backup, `HH:MM`. */
  at: string;
  /** IANA zone of `at` and of the retention's days, weeks and months. */
  timezone: string;
  /** A FULL backup when the last one is older than this many days (else INCREMENTAL). */
  fullEveryDays: number;
  retention: BackupRetention;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** A backup policy as the domain hands it out. */
export type BackupPolicyView = Omit<BackupPolicyDocument, '_id'> & { orgId: string };

export function toBackupPolicyView(doc: BackupPolicyDocument): BackupPolicyView {
  const { _id, ...rest } = doc;
  return { orgId: _id, ...rest };
}
