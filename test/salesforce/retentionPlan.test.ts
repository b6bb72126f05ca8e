import { describe, expect, it } from 'vitest';
import { expiredBackups, planRetention, type RetentionCandidate, type RetentionSettings } from '../../src/jobs/salesforce/index.ts';

const OBJECTS = ['Account', 'Contact'];

/** A finished backup of `OBJECTS` created at `iso`: FULL, or INCREMENTAL on `base`. */
function backup(id: string, iso: string, base: string | null, status: RetentionCandidate['status'] = 'SUCCEEDED'): RetentionCandidate {
  const createdAt = new Date(iso);
  const mode = base === null ? ('FULL' as const) : ('INCREMENTAL' as const);
  return { id, status, createdAt, finishedAt: status === 'RUNNING' || status === 'QUEUED' ? null : new Date(createdAt.getTime() + 600_000), objects: OBJECTS.map((name) => ({ name, status: status === 'SUCCEEDED' ? 'SUCCEEDED' : 'RUNNING', mode, baseBackupId: base })) };
}

/** March 2026, one backup a day at 02:00 UTC: FULL on Sundays (1, 8, 15, 22, 29), INCREMENTAL on the day before otherwise. */
function marchOfDailyBackups(): RetentionCandidate[] {
  const list: RetentionCandidate[] = [];
  for (let day = 1; day <= 31; day++) {
    const dd = String(day).padStart(2, '0');
    const sunday = (day - 1) % 7 === 0;
    list.push(backup(`m${dd}`, `2026-03-${dd}T02:00:00Z`, sunday ? null : `m${String(day - 1).padStart(2, '0')}`));
  }
  return list;
}

function keptMap(backups: RetentionCandidate[], settings: RetentionSettings, now: Date): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const d of planRetention(backups, settings, now)) if (d.keptBy.length > 0) out[d.backupId] = d.keptBy;
  return out;
}

describe('retention plan', () => {
  const now = new Date('2026-03-31T12:00:00Z');

  it('should keep exactly the grandfather-father-son set of a month of daily incrementals and weekly fulls, and the chains they need', () => {
    const settings: RetentionSettings = { daily: 7, weekly: 4, monthly: 3, keepDays: null, timezone: 'UTC' };
    // Written from the rules, by hand: the 7 newest days (25-31); the newest backup of the 4 newest ISO weeks
    // (Mon 30 - Sun 5: the 31st; 23-29: the 29th; 16-22: the 22nd; 9-15: the 15th); the newest month (March: the
    // 31st); the latest (31st). Chains: 31 → 30 → 29 (FULL); 28 → 27 → 26 → 25 → 24 → 23 → 22 (FULL); 15 is FULL.
    expect(keptMap(marchOfDailyBackups(), settings, now)).toEqual({
      m31: ['LATEST', 'DAILY', 'WEEKLY', 'MONTHLY'],
      m30: ['DAILY', 'CHAIN_BASE'],
      m29: ['DAILY', 'WEEKLY', 'CHAIN_BASE'],
      m28: ['DAILY'],
      m27: ['DAILY', 'CHAIN_BASE'],
      m26: ['DAILY', 'CHAIN_BASE'],
      m25: ['DAILY', 'CHAIN_BASE'],
      m24: ['CHAIN_BASE'],
      m23: ['CHAIN_BASE'],
      m22: ['WEEKLY', 'CHAIN_BASE'],
      m15: ['WEEKLY'],
    });
    const plan = planRetention(marchOfDailyBackups(), settings, now);
    // The other 20 go at the next prune: March 1-14 and 16-21.
    const expected = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14', '16', '17', '18', '19', '20', '21'].map((d) => `m${d}`);
    expect(expiredBackups(plan, now).sort()).toEqual(expected);
    for (const d of plan.filter((p) => p.keptBy.length === 0)) expect(d.expiresAt).toEqual(now);
    for (const d of plan.filter((p) => p.keptBy.length > 0)) expect(d.expiresAt).toBeNull();
  });

  it('should count days and weeks in the policy time zone', () => {
    // Sunday 29 March 20:00 UTC is Monday 30 March 05:00 in Tokyo: a new ISO week there, not in UTC.
    const backups = [backup('sun', '2026-03-28T20:00:00Z', null), backup('late', '2026-03-29T20:00:00Z', null)];
    const at = new Date('2026-03-30T12:00:00Z');
    expect(keptMap(backups, { daily: 0, weekly: 2, monthly: 0, keepDays: null, timezone: 'UTC' }, at)).toEqual({ late: ['LATEST', 'WEEKLY'] });
    expect(keptMap(backups, { daily: 0, weekly: 2, monthly: 0, keepDays: null, timezone: 'Asia/Tokyo' }, at)).toEqual({ late: ['LATEST', 'WEEKLY'], sun: ['WEEKLY'] });
  });

  it('should keep every backup younger than keepDays and say when each expires', () => {
    const backups = [backup('old', '2026-03-20T02:00:00Z', null), backup('a', '2026-03-28T02:00:00Z', null), backup('b', '2026-03-30T02:00:00Z', 'a')];
    const plan = planRetention(backups, { daily: 0, weekly: 0, monthly: 0, keepDays: 5, timezone: 'UTC' }, now);
    expect(plan).toEqual([
      { backupId: 'old', keptBy: [], expiresAt: now },
      { backupId: 'a', keptBy: ['KEEP_DAYS', 'CHAIN_BASE'], expiresAt: null },
      { backupId: 'b', keptBy: ['LATEST', 'KEEP_DAYS'], expiresAt: null },
    ]);
    const onlyKeepDays = planRetention([backup('x', '2026-03-29T02:00:00Z', null), backup('y', '2026-03-30T02:00:00Z', null)], { daily: 0, weekly: 0, monthly: 0, keepDays: 5, timezone: 'UTC' }, now);
    expect(onlyKeepDays[0]).toEqual({ backupId: 'x', keptBy: ['KEEP_DAYS'], expiresAt: new Date('2026-04-03T02:00:00Z') });
  });

  it('should keep running backups and their bases, and give failed ones a day before they go', () => {
    const backups = [
      backup('full', '2026-03-01T02:00:00Z', null),
      backup('base', '2026-03-02T02:00:00Z', 'full'),
      backup('newest', '2026-03-30T02:00:00Z', null),
      backup('running', '2026-03-31T02:00:00Z', 'base', 'RUNNING'),
      backup('failed', '2026-03-31T01:00:00Z', null, 'FAILED'),
    ];
    const plan = new Map(planRetention(backups, { daily: 1, weekly: 0, monthly: 0, keepDays: null, timezone: 'UTC' }, now).map((d) => [d.backupId, d]));
    expect(plan.get('running')!.keptBy).toEqual(['IN_PROGRESS']);
    expect(plan.get('base')!.keptBy).toEqual(['CHAIN_BASE']);
    expect(plan.get('full')!.keptBy).toEqual(['CHAIN_BASE']);
    expect(plan.get('newest')!.keptBy).toEqual(['LATEST', 'DAILY']);
    expect(plan.get('failed')).toEqual({ backupId: 'failed', keptBy: [], expiresAt: new Date('2026-04-01T01:10:00Z') });
    expect(expiredBackups([...plan.values()], now)).toEqual([]);
  });

  it('should keep, per object, the newest backup holding it even when a newer one failed that object', () => {
    const whole = backup('whole', '2026-03-29T02:00:00Z', null);
    const partial: RetentionCandidate = { ...backup('partial', '2026-03-30T02:00:00Z', null), status: 'PARTIAL' };
    partial.objects = [{ name: 'Account', status: 'SUCCEEDED', mode: 'FULL' }, { name: 'Contact', status: 'FAILED', mode: 'FULL' }];
    expect(keptMap([whole, partial], { daily: 0, weekly: 0, monthly: 0, keepDays: null, timezone: 'UTC' }, now)).toEqual({ partial: ['LATEST'], whole: ['LATEST'] });
  });
});
