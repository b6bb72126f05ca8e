import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTestDatabase, type TestDatabase } from '../support/database.ts';
import { eventually } from '../support/eventually.ts';
import { InMemoryPolicySchedules } from '../support/inMemoryPolicySchedules.ts';
import type { Bus } from '../../src/bus/bus.ts';
import { AgendaJobRepository } from '../../src/engine/agenda/agendaJobRepository.ts';
import { JobEventPublisher } from '../../src/engine/jobEventPublisher.ts';
import { JobLogStore } from '../../src/engine/jobLogStore.ts';
import { JobService } from '../../src/engine/jobService.ts';
import { JobTypeRegistry } from '../../src/engine/jobTypeRegistry.ts';
import { TenantQuotaStore } from '../../src/engine/tenantQuotaStore.ts';
import {
  BACKUP_JOB_TYPE,
  BACKUP_PRUNE_JOB_TYPE,
  BackupJobInput,
  BackupPolicyService,
  BackupPruneJobInput,
  BackupService,
  POLICY_BACKUP_JOB_TYPE,
  PolicyBackupJobInput,
} from '../../src/jobs/salesforce/index.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { AlertEvaluator } from '../../src/monitoring/alerts/alertEvaluator.ts';
import { AlertIncidentStore } from '../../src/monitoring/alerts/alertIncidentStore.ts';
import { MissedBackupRule } from '../../src/monitoring/alerts/missedBackupRule.ts';
import { OrgNotFoundError } from '../../src/salesforce/index.ts';
import { BackupLeaseStore, BackupPolicyStore, BackupRunningError, BackupStore, InvalidBackupPolicyError } from '../../src/storage/index.ts';

const ORG_A = 'orgAAAAAAAAAAAAAAAAAAA';
const ORG_A2 = 'orgA2AAAAAAAAAAAAAAAAA';
const ORG_A3 = 'orgA3AAAAAAAAAAAAAAAAA';
const ORG_B = 'orgBBBBBBBBBBBBBBBBBBB';
const ORGS: Record<string, { tenantId: string; name: string }> = { [ORG_A]: { tenantId: 'tenantA', name: 'A' }, [ORG_A2]: { tenantId: 'tenantA', name: 'A2' }, [ORG_A3]: { tenantId: 'tenantA', name: 'A3' }, [ORG_B]: { tenantId: 'tenantB', name: 'B' } };
const A = { tenantId: 'tenantA', operator: false };
const B = { tenantId: 'tenantB', operator: false };
const DAY = 24 * 3600_000;

/** The services of one "process" over the shared database (jobs are stored, never run here). */
function services(db: TestDatabase['db'], schedules = new InMemoryPolicySchedules(), now?: () => Date) {
  const stub = () => Promise.reject(new Error('not run here'));
  const registry = new JobTypeRegistry()
    .register({ name: BACKUP_JOB_TYPE, description: '', visibility: 'internal', input: BackupJobInput, run: stub })
    .register({ name: BACKUP_PRUNE_JOB_TYPE, description: '', visibility: 'internal', input: BackupPruneJobInput, run: stub })
    .register({ name: POLICY_BACKUP_JOB_TYPE, description: '', visibility: 'internal', input: PolicyBackupJobInput, run: stub });
  const silentBus = { publish: async () => undefined } as unknown as Bus;
  const repository = new AgendaJobRepository(db);
  const jobs = new JobService(repository, new JobLogStore(db, repository), new TenantQuotaStore(db), silentBus, registry, new JobEventPublisher(silentBus));
  const orgs = {
    require: async (tenantId: string, id: string) => {
      const org = ORGS[id];
      if (org === undefined || org.tenantId !== tenantId) throw new OrgNotFoundError(`org ${id} not found`);
      return { id, ...org } as never;
    },
  };
  const logger = createLogger({ level: 'silent' });
  const backups = new BackupStore(db);
  const backupService = new BackupService({ jobs, orgs, backups, leases: new BackupLeaseStore(db), logger });
  const policies = new BackupPolicyService({ policies: new BackupPolicyStore(db), backups, backupService, orgs, jobs, schedules, logger, now });
  return { jobs, backups, backupService, policies, schedules };
}

describe('backup policies (service)', () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await withTestDatabase('policysvc');
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('should store a policy with its defaults and put its owned schedule in the engine', async () => {
    const { policies, schedules } = services(t.db);
    const policy = await policies.set(A, ORG_A, { at: '03:15', timezone: 'Europe/Paris', retention: { daily: 3 } });
    expect(policy).toMatchObject({ orgId: ORG_A, tenantId: 'tenantA', objects: null, at: '03:15', timezone: 'Europe/Paris', fullEveryDays: 7, retention: { daily: 3, weekly: 0, monthly: 0, keepDays: null }, enabled: true });
    expect(schedules.get(`backupPolicy:${ORG_A}`, 'tenantA')).toEqual({
      name: 'backup policy of A',
      jobType: POLICY_BACKUP_JOB_TYPE,
      input: { orgId: ORG_A },
      cron: '15 3 * * *',
      timezone: 'Europe/Paris',
      overlap: 'SKIP',
      catchUp: 'LATEST',
      enabled: true,
    });
    const defaults = await policies.set(A, ORG_A2, {});
    expect(defaults).toMatchObject({ at: '02:00', timezone: 'UTC', fullEveryDays: 7, retention: { daily: 7, weekly: 4, monthly: 12, keepDays: null } });
    expect(await policies.remove(A, ORG_A2)).toBe(true);
    expect(schedules.get(`backupPolicy:${ORG_A2}`, 'tenantA')).toBeUndefined();
    expect(await policies.get(A, ORG_A2)).toBeNull();
  });

  it('should refuse bad fields, naming each, and store nothing', async () => {
    const { policies, schedules } = services(t.db);
    const error = await policies.set(A, ORG_A2, { at: '25:00', timezone: 'Mars/Olympus', fullEvery: 0, retention: { daily: -1, keepDays: 0 }, objects: ['not a name'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidBackupPolicyError);
    expect((error as InvalidBackupPolicyError).issues.map((i) => i.path).sort()).toEqual(['at', 'fullEvery', 'objects', 'retention.daily', 'retention.keepDays', 'timezone']);
    expect(await policies.get(A, ORG_A2)).toBeNull();
    expect(schedules.schedules.size).toBe(0);
  });

  it('should store nothing when the schedules engine refuses the schedule', async () => {
    const refusing = new InMemoryPolicySchedules();
    refusing.upsertOwned = () => Promise.reject(new Error('refused by the engine'));
    const { policies } = services(t.db, refusing);
    await expect(policies.set(A, ORG_A2, { at: '04:00' })).rejects.toThrow('refused by the engine');
    expect(await policies.get(A, ORG_A2)).toBeNull();
  });

  it("should answer another tenant's org as not found", async () => {
    const { policies } = services(t.db);
    await expect(policies.set(B, ORG_A, {})).rejects.toBeInstanceOf(OrgNotFoundError);
    await expect(policies.get(B, ORG_A)).rejects.toBeInstanceOf(OrgNotFoundError);
    await expect(policies.remove(B, ORG_A)).rejects.toBeInstanceOf(OrgNotFoundError);
    expect(await policies.get(A, ORG_A)).not.toBeNull();
  });

  it('should let one of many concurrent starts of two processes through, answer the others with the running job, and skip the scheduled one', async () => {
    const one = services(t.db);
    const two = services(t.db);
    const starts = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? one : two).backupService.start(A, { orgId: ORG_A, objects: ['Account'] })));
    const started = starts.filter((s) => s.status === 'fulfilled');
    expect(started).toHaveLength(1);
    const jobId = (started[0] as PromiseFulfilledResult<{ id: string }>).value.id;
    for (const s of starts.filter((x) => x.status === 'rejected')) {
      expect(s.reason).toBeInstanceOf(BackupRunningError);
      expect([jobId, null]).toContain((s.reason as BackupRunningError).jobId);
    }
    // Once the winner has its job, every refusal names it.
    const late = await one.backupService.start(A, { orgId: ORG_A }).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(BackupRunningError);
    expect((late as BackupRunningError).jobId).toBe(jobId);
    // Only the winner's backup record exists.
    expect((await one.backups.listByOrg('tenantA', ORG_A)).map((b) => b.jobId)).toEqual([jobId]);
    // A scheduled occurrence is skipped, with the running job.
    expect(await two.policies.runScheduled('tenantA', ORG_A)).toMatchObject({ skipped: 'BACKUP_RUNNING', jobId });
    // Another org is not held up.
    await one.backupService.start(A, { orgId: ORG_A2, objects: ['Account'] });
    // When the backup ends (its job's transition), the org is free again.
    const running = (await one.backups.listByOrg('tenantA', ORG_A))[0]!;
    await one.backups.update('tenantA', running.id, { status: 'SUCCEEDED', finishedAt: new Date() });
    await one.backupService.followJob({ kind: 'SUCCEEDED', tenantId: 'tenantA', jobId, input: { backupId: running.id, orgId: ORG_A }, lastError: null });
    await two.policies.set(A, ORG_A, {});
    // (a FULL backup ended moments ago: the policy's next one is INCREMENTAL)
    expect(await two.policies.runScheduled('tenantA', ORG_A)).toMatchObject({ started: true, mode: 'INCREMENTAL' });
  });

  it('should take over a lease whose backup ended without releasing it', async () => {
    const { backupService, backups } = services(t.db);
    const org = ORG_B;
    const first = await backupService.start(B, { orgId: org, objects: ['Account'] });
    const record = (await backups.listByOrg('tenantB', org))[0]!;
    // The run ended the backup, but the process died before the job's transition released the lease.
    await backups.update('tenantB', record.id, { status: 'FAILED', finishedAt: new Date() });
    const second = await backupService.start(B, { orgId: org, objects: ['Account'] });
    expect(second.id).not.toBe(first.id);
  });

  it('should choose FULL when the last FULL is older than fullEvery days, INCREMENTAL otherwise', async () => {
    let now = new Date();
    const { policies, backups, backupService } = services(t.db, new InMemoryPolicySchedules(), () => now);
    await policies.set(A, ORG_A3, { fullEvery: 2 });
    const finish = async () => {
      for (const b of await backups.listByOrg('tenantA', ORG_A3)) {
        if (b.status !== 'QUEUED') continue;
        await backups.update('tenantA', b.id, { status: 'SUCCEEDED', finishedAt: now });
        await backupService.followJob({ kind: 'SUCCEEDED', tenantId: 'tenantA', jobId: b.jobId!, input: { backupId: b.id, orgId: ORG_A3 }, lastError: null });
      }
    };
    expect(await policies.runScheduled('tenantA', ORG_A3)).toMatchObject({ started: true, mode: 'FULL' });
    await finish();
    now = new Date(now.getTime() + DAY);
    expect(await policies.runScheduled('tenantA', ORG_A3)).toMatchObject({ started: true, mode: 'INCREMENTAL' });
    await finish();
    now = new Date(now.getTime() + DAY + 1000);
    expect(await policies.runScheduled('tenantA', ORG_A3)).toMatchObject({ started: true, mode: 'FULL' });
  });

  it('should fire one MISSED_BACKUP alert when a policy window passes without a successful backup, and resolve it after one', async () => {
    const db = (await withTestDatabase('missed')).db;
    try {
      const { policies, backups } = services(db);
      await policies.set(B, ORG_B, {});
      // The injected clock: the rule sees the world 2 days ahead (window 1.5 × 1 day).
      let shiftMs = 2 * DAY;
      const store = new AlertIncidentStore(db);
      const evaluator = new AlertEvaluator({
        rules: [new MissedBackupRule({ overdue: (now) => policies.overdue(new Date(now.getTime() + shiftMs)) })],
        store,
        bus: { subscribe: () => () => undefined } as unknown as Bus,
        logger: createLogger({ level: 'silent' }),
        everyMs: 3_600_000,
        deliver: false,
        onChange: () => undefined,
      });
      const rule = new MissedBackupRule({ overdue: (now) => policies.overdue(now) });
      expect(await rule.active({ now: new Date(), evaluatingSince: new Date() })).toEqual([]);
      evaluator.start();
      try {
        const [fired] = await eventually('the alert to fire', async () => ((await store.open('missed-backup')).length === 1 ? await store.open('missed-backup') : null));
        expect(fired).toMatchObject({ kind: 'MISSED_BACKUP', key: ORG_B, tenantId: 'tenantB', resolvedAt: null });
        await evaluator.evaluate();
        expect(await store.history('missed-backup', ORG_B)).toHaveLength(1);
        // A successful backup inside the (shifted) window clears it.
        const b = await backups.create({ tenantId: 'tenantB', orgId: ORG_B, mode: 'FULL', objects: null });
        await backups.update('tenantB', b.id, { status: 'SUCCEEDED', finishedAt: new Date(Date.now() + shiftMs) });
        shiftMs = 2 * DAY + 1000;
        await evaluator.evaluate();
        expect(await store.open('missed-backup')).toEqual([]);
        const history = await store.history('missed-backup', ORG_B);
        expect(history).toHaveLength(1);
        expect(history[0]!.resolvedAt).not.toBeNull();
      } finally {
        await evaluator.stop();
      }
    } finally {
      await db.dropDatabase();
    }
  });
});
