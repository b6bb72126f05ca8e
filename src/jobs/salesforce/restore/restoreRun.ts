import type { JobContext } from '../../../engine/jobContext.ts';
import { openTenantClient, requireJobRecord } from '../jobRecords.ts';
import { RecoveryFailedError, RecoveryFailureCode } from '../errors/index.ts';
import { RetryingCaller } from '../../../salesforce/index.ts';
import { BackupObjectStatus, RestoreStatus, type RestoreCounts } from '../../../storage/index.ts';
import { CreateReconciler } from './createReconciler.ts';
import { DeferredLookupPass } from './deferredLookupPass.ts';
import { InFlightBatchRecovery } from './inFlightBatchRecovery.ts';
import { RecordBatchWriter } from './recordBatchWriter.ts';
import { RecordWritePass } from './recordWritePass.ts';
import { emptyRestoreCounts, initialRestoreCheckpoint, type RestoreCheckpoint } from './restoreCheckpoint.ts';
import type { RestoreJobDependencies } from './restoreJobDependencies.ts';
import type { RestoreJobInput } from './restoreJobInput.ts';
import { buildRestorePlan, unmappedReferencesMessage, walkedPlan } from './restorePlanBuilder.ts';
import { RestoreRecordSource } from './restoreRecordSource.ts';

/** Result of a restore job. */
export interface RestoreJobResult extends RestoreCounts {
  restoreId: string;
  dryRun: boolean;
  status: RestoreStatus;
  order: string[];
}

/**
 * One attempt of a `salesforce.restore` job (see `createRestoreJobType`): checks the records, opens the
 * target session, plans (`buildRestorePlan`), refuses a cross-org plan with unmapped owners or record
 * types, then runs pass 1 (`RecordWritePass`) and pass 2 (`DeferredLookupPass`) object by object from the
 * checkpoint, and ends the restore. A create batch a dead attempt left in flight is reconciled first
 * (`InFlightBatchRecovery`).
 */
export class RestoreRun {
  private readonly caller: RetryingCaller;
  private readonly input: RestoreJobInput;
  /** The job's tenant: every record is read and written in it. */
  private readonly tenantId: string;

  constructor(
    private readonly ctx: JobContext<RestoreJobInput, RestoreCheckpoint>,
    private readonly deps: RestoreJobDependencies,
  ) {
    this.caller = new RetryingCaller({ signal: ctx.signal, logger: ctx.logger, tries: deps.callTries, backoffMs: deps.callBackoffMs });
    this.input = ctx.input;
    this.tenantId = ctx.tenantId;
  }

  async run(): Promise<RestoreJobResult> {
    const { ctx, deps, input, tenantId, caller } = this;
    const { restoreId, backupId, targetOrgId } = input;
    // The restore, the backup and the target org must be the job tenant's, checked before anything is written or called.
    requireJobRecord(await deps.restores.get(tenantId, restoreId), 'restore', restoreId, (r) => r.backupId === backupId && r.targetOrgId === targetOrgId);
    const backup = requireJobRecord(await deps.backups.get(tenantId, backupId), 'backup', backupId);
    const client = await caller.call('open session', () => openTenantClient(deps.orgs, tenantId, targetOrgId));
    const reconciler = new CreateReconciler(client, deps.idMap, caller, tenantId);
    const writer = new RecordBatchWriter(client, caller, reconciler, deps.inFlight, tenantId, restoreId, deps.bulkPollMs ?? 1000);
    await deps.restores.markRunning(tenantId, restoreId, { startedAt: new Date() });

    const backedUp = backup.objects.filter((o) => o.status === BackupObjectStatus.Succeeded).map((o) => o.name);
    const names = input.objects ?? backedUp;
    const missing = names.filter((n) => !backedUp.includes(n));
    if (missing.length > 0) return this.fail(RecoveryFailureCode.ObjectNotInBackup, `the backup holds no complete copy of: ${missing.join(', ')}`);

    const records = new RestoreRecordSource(deps, tenantId, backupId, input.recordIds);
    const { work, plan, refs, sourceNames } = await buildRestorePlan({
      client,
      caller,
      logger: ctx.logger,
      backups: deps.backups,
      files: deps.files,
      tenantId,
      backupId,
      names,
      backedUp: new Set(backedUp),
      sameOrg: backup.orgId === targetOrgId,
      ownerMappings: input.ownerMappings,
      recordTypeMappings: input.recordTypeMappings,
      records: (object) => records.records(object),
      bulkThreshold: deps.bulkThreshold,
      bulkBatchSize: deps.bulkBatchSize,
    });
    await deps.restores.update(tenantId, restoreId, { plan });
    const unmapped = input.dryRun ? null : unmappedReferencesMessage(plan, sourceNames, new Set(backedUp));
    if (unmapped !== null) return this.fail(RecoveryFailureCode.UnmappedReferences, unmapped);

    let cp: RestoreCheckpoint = ctx.checkpoint() ?? initialRestoreCheckpoint();
    if (cp.done > 0) ctx.logger.info(`resuming at pass ${cp.pass}, object ${cp.index + 1}/${work.length}, record ${cp.offset}`);
    const inFlight = new InFlightBatchRecovery(input.dryRun ? null : await deps.inFlight.get(tenantId, restoreId), client, caller, reconciler, ctx.logger, restoreId, deps.bulkPollMs);
    const pass = { ctx, deps, client, caller, writer, records, refs, total: work.reduce((sum, w) => sum + w.plan.records, 0) };
    const writePass = new RecordWritePass(pass, inFlight);
    const lookupPass = new DeferredLookupPass(pass);

    while (cp.pass === 1 && cp.index < work.length) {
      cp = await writePass.writeObject(work[cp.index]!, cp);
      cp = { ...cp, index: cp.index + 1, offset: 0 };
      await ctx.saveCheckpoint(cp);
    }
    if (cp.pass === 1) cp = { ...cp, pass: 2, index: 0, offset: 0 };
    while (cp.index < work.length) {
      if (work[cp.index]!.deferred.size > 0) cp = await lookupPass.fillObject(work[cp.index]!, cp);
      cp = { ...cp, index: cp.index + 1, offset: 0 };
      await ctx.saveCheckpoint(cp);
    }

    const finalPlan = walkedPlan(plan, work, cp.planned);
    const totals = Object.values(cp.counts).reduce((sum, c) => ({ created: sum.created + c.created, updated: sum.updated + c.updated, failed: sum.failed + c.failed, skipped: sum.skipped + c.skipped }), emptyRestoreCounts());
    if (input.dryRun) await deps.idMap.clear(tenantId, restoreId);
    if (!input.dryRun && totals.created + totals.updated === 0 && totals.failed > 0) {
      await deps.restores.update(tenantId, restoreId, { plan: finalPlan, counts: cp.counts });
      return this.fail(RecoveryFailureCode.NothingWritten, `nothing could be written: ${totals.failed} records failed (see results)`);
    }
    await deps.restores.update(tenantId, restoreId, { status: RestoreStatus.Succeeded, plan: finalPlan, counts: cp.counts, finishedAt: new Date() });
    ctx.progress({ processed: cp.done, total: cp.done, message: `done: ${totals.created} created, ${totals.updated} updated, ${totals.failed} failed, ${totals.skipped} skipped` });
    return { restoreId, dryRun: input.dryRun, status: RestoreStatus.Succeeded, order: plan.order, ...totals };
  }

  /** Ends the restore FAILED with a reason the client can read, and fails the job without retries (no retry changes a plan). */
  private async fail(code: RecoveryFailureCode, message: string): Promise<never> {
    await this.deps.restores.update(this.tenantId, this.input.restoreId, { status: RestoreStatus.Failed, error: { code, message }, finishedAt: new Date() });
    throw new RecoveryFailedError(code, message);
  }
}
