import type { Caller, JobService } from '../../../engine/jobService.ts';
import type { JobTransition } from '../../../engine/jobType.ts';
import type { Logger } from '../../../logging/logger.ts';
import type { OrgService } from '../../../salesforce/index.ts';
import { BackupMode, BackupRunningError, type BackupPolicyStore, type BackupPolicyView, type BackupStore } from '../../../storage/index.ts';
import type { BackupService } from '../backup/backupService.ts';
import { POLICY_PERIOD_MS, policyCron, resolveBackupPolicy, type BackupPolicyInput } from './backupPolicyInput.ts';
import { policyScheduleOwner, type OwnedScheduleSpec, type PolicyScheduleRegistry } from './policyScheduleRegistry.ts';
import { planRetention, type RetentionDecision } from './retentionPlan.ts';

/** Name of the internal job type a policy's schedule runs. */
export const POLICY_BACKUP_JOB_TYPE = 'salesforce.policyBackup';
/** Name of the internal job type that prunes an org's backups. */
export const BACKUP_PRUNE_JOB_TYPE = 'salesforce.backupPrune';

/** What a scheduled policy backup did (the result of its `salesforce.policyBackup` job). */
export type PolicyBackupOutcome =
  | { started: true; mode: BackupMode; jobId: string; pruneJobId: string | null }
  | { skipped: 'BACKUP_RUNNING'; jobId: string | null; pruneJobId: string | null }
  | { skipped: 'NO_POLICY' | 'DISABLED' };

/** An org whose policy's window passed without a successful backup (the missed-backup alert rule). */
export interface OverdueOrg {
  tenantId: string;
  orgId: string;
  /** The last successful (or partial) backup's end, or `null` when the org has none. */
  lastSuccessAt: Date | null;
  /** Since when the window counts: the last success, or the policy's last change when later. */
  since: Date;
  windowMs: number;
}

/** Options of {@link BackupPolicyService}. */
export interface BackupPolicyServiceOptions {
  policies: BackupPolicyStore;
  backups: BackupStore;
  backupService: Pick<BackupService, 'start'>;
  orgs: Pick<OrgService, 'require'>;
  /** Creates the prune jobs. */
  jobs: Pick<JobService, 'createInternal'>;
  /** The schedules engine's owned schedules (see {@link PolicyScheduleRegistry}). */
  schedules: PolicyScheduleRegistry;
  logger: Logger;
  /** The missed-backup window as a multiple of the schedule's period; default 1.5. */
  missedWindowFactor?: number;
  /** The clock; default `() => new Date()`. */
  now?: () => Date;
}

/**
 * Backup policies, one per org: store them (with the owned schedule that runs them), run a scheduled backup
 * (FULL when the last FULL is older than `fullEvery` days, else INCREMENTAL; skipped while a backup of the org
 * runs), plan retention (`keptBy`, `expiresAt`) and enqueue the prune after every successful backup. Every call
 * takes the caller's tenant: another tenant's org is `OrgNotFoundError`.
 */
export class BackupPolicyService {
  private readonly now: () => Date;

  constructor(private readonly options: BackupPolicyServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** Sets (creates or replaces) the policy of the caller's org and its owned schedule. Throws `OrgNotFoundError`, `InvalidBackupPolicyError`; nothing is stored then. */
  async set(caller: Caller, orgId: string, input: BackupPolicyInput): Promise<BackupPolicyView> {
    const { policies, orgs, schedules } = this.options;
    const org = await orgs.require(caller.tenantId, orgId);
    const fields = resolveBackupPolicy(input, orgTimezone(org));
    const previous = await policies.get(caller.tenantId, orgId);
    // The schedule first: the engine may refuse it (then nothing is stored); a failed store removes a new schedule.
    await schedules.upsertOwned(policyScheduleOwner(orgId), caller.tenantId, scheduleSpec(org.name, orgId, fields));
    try {
      return await policies.put(caller.tenantId, orgId, fields);
    } catch (error) {
      const undo = previous === null ? schedules.removeOwned(policyScheduleOwner(orgId), caller.tenantId) : schedules.upsertOwned(policyScheduleOwner(orgId), caller.tenantId, scheduleSpec(org.name, orgId, previous));
      await undo.catch((undoError: unknown) => this.options.logger.error({ err: undoError, orgId }, 'could not put the policy schedule back'));
      throw error;
    }
  }

  /** The policy of the caller's org, or `null`. Throws `OrgNotFoundError`. */
  async get(caller: Caller, orgId: string): Promise<BackupPolicyView | null> {
    await this.options.orgs.require(caller.tenantId, orgId);
    return this.options.policies.get(caller.tenantId, orgId);
  }

  /** Removes the policy of the caller's org and its schedule; returns whether there was one. Backups stay. Throws `OrgNotFoundError`. */
  async remove(caller: Caller, orgId: string): Promise<boolean> {
    await this.options.orgs.require(caller.tenantId, orgId);
    await this.options.schedules.removeOwned(policyScheduleOwner(orgId), caller.tenantId);
    return this.options.policies.remove(caller.tenantId, orgId);
  }

  /**
   * A scheduled occurrence (the `salesforce.policyBackup` job, in the job's tenant): starts the backup the
   * policy says, or skips it while another backup of the org runs; then enqueues a prune.
   */
  async runScheduled(tenantId: string, orgId: string): Promise<PolicyBackupOutcome> {
    const { policies, backups, backupService, logger } = this.options;
    const policy = await policies.get(tenantId, orgId);
    if (policy === null) return { skipped: 'NO_POLICY' };
    if (!policy.enabled) return { skipped: 'DISABLED' };
    const caller: Caller = { tenantId, operator: false };
    const lastFull = await backups.lastFinished(tenantId, orgId, BackupMode.Full);
    const fullDue = lastFull === null || this.now().getTime() - lastFull.createdAt.getTime() >= policy.fullEveryDays * 24 * 3600_000;
    const mode = fullDue ? BackupMode.Full : BackupMode.Incremental;
    try {
      const job = await backupService.start(caller, { orgId, objects: policy.objects, mode });
      return { started: true, mode, jobId: job.id, pruneJobId: null };
    } catch (error) {
      if (!(error instanceof BackupRunningError)) throw error;
      logger.info({ tenantId, orgId, runningJobId: error.jobId }, 'scheduled backup skipped: a backup of the org is running');
      return { skipped: 'BACKUP_RUNNING', jobId: error.jobId, pruneJobId: await this.enqueuePrune(tenantId, orgId) };
    }
  }

  /** Enqueues a prune of the org's backups (`salesforce.backupPrune`); returns its job id. */
  async enqueuePrune(tenantId: string, orgId: string): Promise<string> {
    const job = await this.options.jobs.createInternal({ tenantId, operator: false }, { type: BACKUP_PRUNE_JOB_TYPE, input: { orgId } });
    return job.id;
  }

  /** The `salesforce.backup` type's transition hook: a backup that succeeded under a policy is followed by a prune. */
  async followBackup(transition: JobTransition): Promise<void> {
    if (transition.kind !== 'SUCCEEDED') return;
    const orgId = (transition.input as { orgId?: unknown } | null)?.orgId;
    if (typeof orgId !== 'string') return;
    try {
      if ((await this.options.policies.get(transition.tenantId, orgId)) === null) return;
      await this.enqueuePrune(transition.tenantId, orgId);
    } catch (error) {
      this.options.logger.error({ err: error, jobId: transition.jobId, orgId }, 'could not enqueue the prune after a backup');
    }
  }

  /**
   * The retention plan of the tenant's org as of now: one decision per backup (`keptBy`, `expiresAt`). Without a
   * policy nothing is pruned: every backup is kept, by no rule, and never expires (an empty map).
   */
  async retention(tenantId: string, orgId: string): Promise<Map<string, RetentionDecision>> {
    const policy = await this.options.policies.get(tenantId, orgId);
    if (policy === null) return new Map();
    const backups = await this.options.backups.listAllByOrg(tenantId, orgId);
    const plan = planRetention(backups, { ...policy.retention, timezone: policy.timezone }, this.now());
    return new Map(plan.map((d) => [d.backupId, d]));
  }

  /** Every enabled policy's org without a successful backup within its window (`missedWindowFactor` × the daily period), as of `now`. */
  async overdue(now: Date = this.now()): Promise<OverdueOrg[]> {
    const windowMs = POLICY_PERIOD_MS * (this.options.missedWindowFactor ?? 1.5);
    const overdue: OverdueOrg[] = [];
    for (const policy of await this.options.policies.listEnabledAnyTenant()) {
      const last = await this.options.backups.lastFinished(policy.tenantId, policy.orgId);
      const lastSuccessAt = last === null ? null : (last.finishedAt ?? last.createdAt);
      const since = lastSuccessAt !== null && lastSuccessAt > policy.updatedAt ? lastSuccessAt : policy.updatedAt;
      if (now.getTime() - since.getTime() > windowMs) overdue.push({ tenantId: policy.tenantId, orgId: policy.orgId, lastSuccessAt, since, windowMs });
    }
    return overdue;
  }
}

/** The owned schedule of a policy: its daily backup at `at` in its zone. */
function scheduleSpec(orgName: string, orgId: string, policy: { at: string; timezone: string; enabled: boolean }): OwnedScheduleSpec {
  return {
    name: `backup policy of ${orgName}`.slice(0, 200),
    jobType: POLICY_BACKUP_JOB_TYPE,
    input: { orgId },
    cron: policyCron(policy.at),
    timezone: policy.timezone,
    overlap: 'SKIP',
    catchUp: 'LATEST',
    enabled: policy.enabled,
  };
}

/** The org's IANA zone when its record knows it (orgs do not record one yet: then `null`, and policies default to UTC). */
function orgTimezone(org: unknown): string | null {
  const zone = (org as { timezone?: unknown }).timezone;
  return typeof zone === 'string' && zone !== '' ? zone : null;
}
