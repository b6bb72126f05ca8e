import { InvalidBackupPolicyError, type BackupPolicyDocument, type BackupRetention } from '../../../storage/index.ts';

/** What a client gives `setBackupPolicy`; every field optional. */
export interface BackupPolicyInput {
  /** Default: every queryable, replicateable object. */
  objects?: string[] | null;
  /** Local time of the daily backup, `HH:MM`; default `02:00`. */
  at?: string | null;
  /** IANA zone; default the org's zone when known, else `UTC`. */
  timezone?: string | null;
  /** Days between FULL backups (1-365); default 7. */
  fullEvery?: number | null;
  /** Default: `daily` 7, `weekly` 4, `monthly` 12, no `keepDays`; counts not given are 0 once any is given. */
  retention?: { daily?: number | null; weekly?: number | null; monthly?: number | null; keepDays?: number | null } | null;
  /** Default `true`. */
  enabled?: boolean | null;
}

/** Defaults of a policy. */
export const BACKUP_POLICY_DEFAULTS = { at: '02:00', timezone: 'UTC', fullEveryDays: 7, retention: { daily: 7, weekly: 4, monthly: 12, keepDays: null } satisfies BackupRetention } as const;

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const OBJECT_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;

/** Whether `zone` is an IANA zone this runtime knows. */
export function isKnownTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The stored fields of a policy from a client's input, every default resolved with `??`; throws
 * {@link InvalidBackupPolicyError} naming every bad field (nothing is stored then).
 */
export function resolveBackupPolicy(input: BackupPolicyInput, orgTimezone: string | null): Omit<BackupPolicyDocument, '_id' | 'tenantId' | 'createdAt' | 'updatedAt'> {
  const issues: { path: string; message: string }[] = [];
  const at = input.at ?? BACKUP_POLICY_DEFAULTS.at;
  if (!TIME.test(at)) issues.push({ path: 'at', message: 'must be a local time HH:MM (00:00 to 23:59)' });
  const timezone = input.timezone ?? orgTimezone ?? BACKUP_POLICY_DEFAULTS.timezone;
  if (!isKnownTimezone(timezone)) issues.push({ path: 'timezone', message: `unknown time zone "${timezone}" (an IANA zone such as Europe/Paris)` });
  const fullEveryDays = input.fullEvery ?? BACKUP_POLICY_DEFAULTS.fullEveryDays;
  if (!Number.isInteger(fullEveryDays) || fullEveryDays < 1 || fullEveryDays > 365) issues.push({ path: 'fullEvery', message: 'must be a whole number of days from 1 to 365' });
  const objects = input.objects ?? null;
  if (objects !== null) {
    if (objects.length === 0 || objects.length > 2000) issues.push({ path: 'objects', message: 'must name 1 to 2000 objects (or be left out: every object)' });
    for (const name of objects) if (!OBJECT_NAME.test(name)) issues.push({ path: 'objects', message: `"${name.slice(0, 100)}" is not an sObject name` });
  }
  const given = input.retention;
  const anyGiven = given !== undefined && given !== null && [given.daily, given.weekly, given.monthly, given.keepDays].some((v) => v !== undefined && v !== null);
  const base = anyGiven ? { daily: 0, weekly: 0, monthly: 0, keepDays: null } : BACKUP_POLICY_DEFAULTS.retention;
  const retention: BackupRetention = {
    daily: given?.daily ?? base.daily,
    weekly: given?.weekly ?? base.weekly,
    monthly: given?.monthly ?? base.monthly,
    keepDays: given?.keepDays ?? base.keepDays,
  };
  for (const field of ['daily', 'weekly', 'monthly'] as const) {
    const v = retention[field];
    if (!Number.isInteger(v) || v < 0 || v > 1000) issues.push({ path: `retention.${field}`, message: 'must be a whole number from 0 to 1000' });
  }
  if (retention.keepDays !== null && (!Number.isInteger(retention.keepDays) || retention.keepDays < 1 || retention.keepDays > 36_500)) {
    issues.push({ path: 'retention.keepDays', message: 'must be a whole number of days from 1 to 36500' });
  }
  if (issues.length > 0) throw new InvalidBackupPolicyError(issues);
  return { objects, at, timezone, fullEveryDays, retention, enabled: input.enabled ?? true };
}

/** The cron expression of a policy's daily backup at `at` (`HH:MM`). */
export function policyCron(at: string): string {
  const [hours, minutes] = at.split(':').map(Number);
  return `${minutes} ${hours} * * *`;
}

/** The period of a policy's schedule (daily). */
export const POLICY_PERIOD_MS = 24 * 3600_000;
