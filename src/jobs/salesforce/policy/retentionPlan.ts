import type { BackupRetention } from '../../../storage/index.ts';

/** Why a backup is kept. */
export const RetentionRule = {
  /** The newest finished backup, and for each object the newest backup holding it: the next INCREMENTAL builds on them. */
  Latest: 'LATEST',
  Daily: 'DAILY',
  Weekly: 'WEEKLY',
  Monthly: 'MONTHLY',
  KeepDays: 'KEEP_DAYS',
  /** A backup a kept (or running) INCREMENTAL builds on: dropping it would break the chain. */
  ChainBase: 'CHAIN_BASE',
  /** Queued or running: never pruned. */
  InProgress: 'IN_PROGRESS',
} as const;
export type RetentionRule = (typeof RetentionRule)[keyof typeof RetentionRule];

/** What a retention plan needs of a backup. */
export interface RetentionCandidate {
  id: string;
  status: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'PARTIAL' | 'FAILED' | 'CANCELLED';
  createdAt: Date;
  finishedAt: Date | null;
  objects: readonly { name: string; status: string; mode?: 'FULL' | 'INCREMENTAL'; baseBackupId?: string | null }[];
}

/** The retention settings and the zone whose days, weeks and months count. */
export interface RetentionSettings extends BackupRetention {
  timezone: string;
}

/** The plan's word on one backup: the rules that keep it (none: it goes), and when it goes. */
export interface RetentionDecision {
  backupId: string;
  keptBy: RetentionRule[];
  /**
   * When the backup is deleted: for one kept by nothing, the plan's `now` (the next prune deletes it; a failed
   * or cancelled backup waits {@link FAILED_GRACE_MS} after it ended, for a retry); for one kept only by
   * `KEEP_DAYS`, when it gets too old; `null` while another rule keeps it (that depends on backups to come).
   */
  expiresAt: Date | null;
}

/** How long a FAILED or CANCELLED backup stays (for a retry of its job) before the prune deletes it: 1 day. */
export const FAILED_GRACE_MS = 24 * 3600_000;

const DAY_MS = 24 * 3600_000;

/**
 * Which backups of one org a policy keeps, as of `now` (the injected clock). Rules, over the finished
 * (`SUCCEEDED` or `PARTIAL`) backups by creation time, in `settings.timezone`:
 * - `DAILY` / `WEEKLY` / `MONTHLY` (grandfather-father-son): the newest backup of each of the last `n` days /
 *   ISO weeks / calendar months that have a backup;
 * - `KEEP_DAYS`: every backup created less than `keepDays` days before `now`;
 * - `LATEST`: the newest finished backup, and per object the newest backup whose copy of it succeeded;
 * - `IN_PROGRESS`: queued and running backups;
 * - `CHAIN_BASE`: every backup an object of a kept backup builds on, transitively (chains are never broken).
 * Every other backup is deleted by the next prune (failed and cancelled ones after {@link FAILED_GRACE_MS}).
 * Pure: the same input gives the same plan. Returns one decision per backup, in the input's order.
 */
export function planRetention(backups: readonly RetentionCandidate[], settings: RetentionSettings, now: Date): RetentionDecision[] {
  const kept = new Map<string, Set<RetentionRule>>(backups.map((b) => [b.id, new Set<RetentionRule>()]));
  const keep = (id: string, rule: RetentionRule): void => void kept.get(id)?.add(rule);
  const finished = backups.filter((b) => b.status === 'SUCCEEDED' || b.status === 'PARTIAL').sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));

  const local = localCalendar(settings.timezone);
  const buckets: [RetentionRule, number, (d: Date) => string][] = [
    [RetentionRule.Daily, settings.daily, (d) => local(d).day],
    [RetentionRule.Weekly, settings.weekly, (d) => local(d).week],
    [RetentionRule.Monthly, settings.monthly, (d) => local(d).month],
  ];
  for (const [rule, count, bucketOf] of buckets) {
    let last: string | null = null;
    let taken = 0;
    for (const b of finished) {
      if (taken >= count) break;
      const bucket = bucketOf(b.createdAt);
      if (bucket === last) continue;
      last = bucket;
      taken += 1;
      keep(b.id, rule);
    }
  }
  if (settings.keepDays !== null) {
    for (const b of finished) if (now.getTime() - b.createdAt.getTime() < settings.keepDays * DAY_MS) keep(b.id, RetentionRule.KeepDays);
  }
  if (finished.length > 0) keep(finished[0]!.id, RetentionRule.Latest);
  const heads = new Set<string>();
  for (const b of finished) {
    for (const o of b.objects) {
      if (o.status !== 'SUCCEEDED' || heads.has(o.name)) continue;
      heads.add(o.name);
      keep(b.id, RetentionRule.Latest);
    }
  }
  for (const b of backups) if (b.status === 'QUEUED' || b.status === 'RUNNING') keep(b.id, RetentionRule.InProgress);

  // Chains: every base of every object of a kept backup, followed to its FULL.
  const byId = new Map(backups.map((b) => [b.id, b]));
  const pending = backups.filter((b) => kept.get(b.id)!.size > 0).map((b) => b.id);
  const visited = new Set<string>();
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (visited.has(id)) continue;
    visited.add(id);
    for (const o of byId.get(id)?.objects ?? []) {
      if (o.mode !== 'INCREMENTAL' || o.baseBackupId === undefined || o.baseBackupId === null || !byId.has(o.baseBackupId)) continue;
      keep(o.baseBackupId, RetentionRule.ChainBase);
      pending.push(o.baseBackupId);
    }
  }

  const order: RetentionRule[] = Object.values(RetentionRule);
  return backups.map((b) => {
    const rules = [...kept.get(b.id)!].sort((x, y) => order.indexOf(x) - order.indexOf(y));
    let expiresAt: Date | null = null;
    if (rules.length === 0) {
      const failed = b.status === 'FAILED' || b.status === 'CANCELLED';
      expiresAt = failed ? new Date(Math.max(now.getTime(), (b.finishedAt ?? b.createdAt).getTime() + FAILED_GRACE_MS)) : now;
    } else if (rules.length === 1 && rules[0] === RetentionRule.KeepDays) {
      expiresAt = new Date(b.createdAt.getTime() + settings.keepDays! * DAY_MS);
    }
    return { backupId: b.id, keptBy: rules, expiresAt };
  });
}

/** The backups a plan deletes now: kept by nothing, and expired. */
export function expiredBackups(plan: readonly RetentionDecision[], now: Date): string[] {
  return plan.filter((d) => d.keptBy.length === 0 && d.expiresAt !== null && d.expiresAt.getTime() <= now.getTime()).map((d) => d.backupId);
}

/** The local day (`YYYY-MM-DD`), ISO week (its Monday's date) and month (`YYYY-MM`) of an instant in `timezone`. */
function localCalendar(timezone: string): (d: Date) => { day: string; week: string; month: string } {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return (d) => {
    const parts = Object.fromEntries(format.formatToParts(d).map((p) => [p.type, p.value]));
    const day = `${parts.year}-${parts.month}-${parts.day}`;
    const noon = new Date(`${day}T12:00:00Z`);
    const monday = new Date(noon.getTime() - ((noon.getUTCDay() + 6) % 7) * DAY_MS);
    return { day, week: monday.toISOString().slice(0, 10), month: day.slice(0, 7) };
  };
}
