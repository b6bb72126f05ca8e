import type { JobContext } from '../../../engine/jobContext.ts';
import { RetryingCaller, SalesforceRequestRejectedError, type SalesforceClient, type SObjectDescribe } from '../../../salesforce/index.ts';
import { BackupMode, BackupObjectStatus, BackupReadMethod, BackupStatus, CHANGE_KINDS, type BackupObjectChanges, type BackupObjectEntry, type BackupView } from '../../../storage/index.ts';
import { BackupChangeTracker, emptyChanges } from './backupChangeTracker.ts';
import { ApiBudgetGovernor } from './apiBudgetGovernor.ts';
import { initialCheckpoint, nextObjectCheckpoint, type BackupCheckpoint } from './backupCheckpoint.ts';
import type { BackupJobDependencies, BackupJobInput, BackupJobResult } from './backupJobType.ts';
import { planBackupObjects } from './backupPlanner.ts';
import { BulkPageSource } from './bulkPageSource.ts';
import type { ObjectPageSource } from './objectPageSource.ts';
import { objectQueryOf, ObjectPreparation } from './objectPreparation.ts';
import { readPagesAhead } from './pageReadAhead.ts';
import { RestPageSource } from './restPageSource.ts';
import { settledTogether } from './settledTogether.ts';
import { openTenantClient, requireJobRecord } from '../jobRecords.ts';

/** One attempt of a backup job: plans the objects (first attempt), then stores them page by page from the checkpoint. */
export class BackupRun {
  private readonly calls: RetryingCaller;
  private readonly budget: { governor: ApiBudgetGovernor | null; paused: boolean } = { governor: null, paused: false };
  private objects: BackupObjectEntry[] = [];
  private total = 0;
  private backup: BackupView | null = null;

  constructor(
    private readonly ctx: JobContext<BackupJobInput, BackupCheckpoint>,
    private readonly deps: BackupJobDependencies,
  ) {
    this.calls = new RetryingCaller({
      tries: deps.callTries,
      backoffMs: deps.callBackoffMs,
      signal: ctx.signal,
      logger: ctx.logger,
      beforeCall: () => this.budget.governor?.beforeCall() ?? Promise.resolve(),
    });
  }

  async run(): Promise<BackupJobResult> {
    const { ctx, deps } = this;
    const { tenantId } = ctx;
    const { backupId, orgId } = ctx.input;
    // Every record the input names must be the job tenant's, checked before anything is written or called.
    const backup = requireJobRecord(await deps.backups.get(tenantId, backupId), 'backup', backupId, (b) => b.orgId === orgId);
    this.backup = backup;
    let cp: BackupCheckpoint = { ...initialCheckpoint(), ...ctx.checkpoint() };
    const cpNow = () => cp;
    const client = await this.calls.call('open session', () => openTenantClient(deps.orgs, tenantId, orgId));
    const governor = new ApiBudgetGovernor({
      client,
      share: deps.budgetShare,
      checkMs: deps.budgetCheckMs,
      record: (budget) => deps.orgs.recordBudget(tenantId, orgId, budget),
      onPause: (paused) => {
        this.budget.paused = paused;
        this.report(cpNow());
      },
      signal: ctx.signal,
      logger: ctx.logger,
    });
    this.budget.governor = governor;
    await governor.refresh().catch((error: unknown) => ctx.logger.warn(`could not read the org's API budget: ${(error as Error).name}`));

    this.objects = backup.objects;
    if (this.objects.length === 0) {
      this.objects = await planBackupObjects({
        client,
        calls: this.calls,
        backups: deps.backups,
        tenantId,
        backup,
        objects: ctx.input.objects,
        bulkThreshold: deps.bulkThreshold ?? 10_000,
        clockSkewMs: deps.clockSkewMs ?? 300_000,
        now: new Date(),
      });
      await deps.backups.markRunning(tenantId, backupId, { objects: this.objects, startedAt: new Date() });
    } else if (backup.status !== BackupStatus.Running) {
      await deps.backups.markRunning(tenantId, backupId);
    }
    this.total = this.objects.reduce((sum, o) => sum + (o.estimatedRecords ?? 0), 0);
    if (cp.index > 0 || cp.part > 0) ctx.logger.info(`resuming at object ${cp.index + 1}/${this.objects.length}, part ${cp.part}`);

    const preparation = new ObjectPreparation(client, this.calls);
    try {
      while (cp.index < this.objects.length) {
        this.throwIfAborted();
        const entry = this.objects[cp.index]!;
        this.report(cp);
        try {
          cp = await this.backupObject(client, preparation, cp);
        } catch (error) {
          if (!(error instanceof SalesforceRequestRejectedError)) throw error;
          ctx.logger.warn(`${entry.name} failed: ${error.sfErrorCode}`, { object: entry.name, code: error.sfErrorCode });
          this.objects[cp.index] = { ...this.objects[cp.index]!, status: BackupObjectStatus.Failed, error: { code: error.sfErrorCode, message: error.message }, finishedAt: new Date(), changes: null };
          cp = nextObjectCheckpoint(cp);
          // Ids a failed object had counted so far are not its changes.
          await deps.changes.removeObject(ctx.tenantId, backupId, entry.name);
          await deps.backups.update(ctx.tenantId, backupId, { objects: this.objects });
          await ctx.saveCheckpoint(cp);
        }
      }
    } finally {
      await preparation.settle();
    }

    const failed = this.objects.filter((o) => o.status === BackupObjectStatus.Failed).map((o) => o.name);
    const status = failed.length === 0 ? BackupStatus.Succeeded : failed.length === this.objects.length ? BackupStatus.Failed : BackupStatus.Partial;
    await deps.backups.update(tenantId, backupId, { status, objects: this.objects, finishedAt: new Date() });
    await governor.refresh().catch(() => undefined);
    ctx.progress({ processed: cp.done, total: Math.max(this.total, cp.done), message: `done: ${cp.done} records, ${this.objects.length - failed.length}/${this.objects.length} objects` });
    return { backupId, status, records: cp.done, objects: this.objects.length, failedObjects: failed };
  }

  /** Stores the rest of the current object page by page; returns the checkpoint of the next object. */
  private async backupObject(client: SalesforceClient, preparation: ObjectPreparation, start: BackupCheckpoint): Promise<BackupCheckpoint> {
    const { ctx, deps } = this;
    const { backupId } = ctx.input;
    const entry = this.objects[start.index]!;
    if (entry.status === BackupObjectStatus.Failed || entry.status === BackupObjectStatus.Succeeded) return nextObjectCheckpoint(start);

    // What was prepared while the previous object was read fits only a read from the object's start.
    const fresh = start.part === 0 && start.lastId === null && (start.bulkJobId ?? null) === null && start.complete !== true;
    const prepared = preparation.take(start.index);
    let describe: SObjectDescribe;
    let bulkJobId: string | null = null;
    if (prepared !== null && fresh) {
      ({ describe, bulkJobId } = await prepared);
    } else {
      describe = await this.calls.call(`describe ${entry.name}`, () => client.describe(entry.name));
    }
    const { query, fieldTypes } = objectQueryOf(entry, describe);
    this.prepareNext(preparation, start.index);
    // Independent writes and reads, side by side. A run that died after storing a part but before its checkpoint
    // left that part behind: it is rewritten.
    const [, , changesAtStart] = await settledTogether([
      start.part === 0 ? deps.files.writeSchema(ctx.tenantId, backupId, entry.name, describe.raw) : Promise.resolve(),
      deps.files.removePartsFrom(ctx.tenantId, backupId, entry.name, start.part),
      this.changesAtStart(entry, start),
    ]);
    this.objects[start.index] = { ...entry, status: BackupObjectStatus.Running, startedAt: entry.startedAt ?? new Date() };

    const source: ObjectPageSource =
      entry.method === BackupReadMethod.Bulk
        ? new BulkPageSource(client, this.calls, query, ctx.logger, {
            pageSize: deps.bulkPageSize,
            pollMs: deps.bulkPollMs,
            createdJobId: bulkJobId,
            fieldTypes,
            signal: ctx.signal,
          })
        : new RestPageSource(client, this.calls, query, ctx.logger);

    let cp: BackupCheckpoint = { ...start, changes: changesAtStart };
    const tracker = await this.openTracker(entry, cp);
    let changes: BackupObjectChanges | null;
    try {
      if (cp.complete !== true) {
        for await (const page of readPagesAhead(source.pages(cp))) {
          this.throwIfAborted();
          if (page.count > 0) {
            let deleted = 0;
            let lastId = cp.lastId;
            const records = tracker === null ? page.records : tracker.observe(page.records);
            const stored = await deps.files.writePart(ctx.tenantId, backupId, entry.name, cp.part, records, (record) => {
              const r = record as Record<string, unknown>;
              if (r.IsDeleted === true) deleted += 1;
              lastId = String(r.Id);
            });
            cp = {
              ...cp,
              part: cp.part + 1,
              records: cp.records + stored.records,
              deleted: (cp.deleted ?? 0) + deleted,
              bytes: cp.bytes + stored.bytes,
              lastId,
              done: cp.done + stored.records,
            };
          }
          cp = { ...cp, ...page.position, complete: page.last, changes: tracker === null ? cp.changes : await tracker.flush() };
          this.objects[cp.index] = { ...this.objects[cp.index]!, records: cp.records, deletedRecords: cp.deleted ?? 0, bytes: cp.bytes, parts: cp.part, changes: cp.changes ?? null };
          // The checkpoint decides where a resumed run starts; the backup's entry follows it (a resumed run rewrites it).
          await settledTogether([deps.backups.update(ctx.tenantId, backupId, { objects: this.objects }), ctx.saveCheckpoint(cp)]);
          this.report(cp);
        }
      }
      changes = tracker === null ? (cp.changes ?? null) : await tracker.finish();
    } finally {
      await tracker?.close();
    }
    const end = cp;
    const [, , sha256] = await settledTogether([
      // Chunks a run that stopped before its checkpoint wrote past the end do not belong to the object.
      (async () => {
        if (changes !== null) for (const kind of CHANGE_KINDS) await deps.changes.removeFrom(ctx.tenantId, backupId, entry.name, kind, changes.chunks[kind]);
      })(),
      // Parts a fenced older run may have added past the end do not belong to the object.
      deps.files.removePartsFrom(ctx.tenantId, backupId, entry.name, end.part),
      deps.files.objectSha256(ctx.tenantId, backupId, entry.name, end.part),
    ]);
    this.objects[cp.index] = { ...this.objects[cp.index]!, records: cp.records, deletedRecords: cp.deleted ?? 0, bytes: cp.bytes, parts: cp.part, status: BackupObjectStatus.Succeeded, sha256, finishedAt: new Date(), changes };
    const after = nextObjectCheckpoint(cp);
    await settledTogether([deps.backups.update(ctx.tenantId, backupId, { objects: this.objects }), ctx.saveCheckpoint(after)]);
    ctx.logger.info(`${entry.name}: ${cp.records} records in ${cp.part} parts (${entry.method ?? BackupReadMethod.Rest}, ${entry.mode ?? BackupMode.Full})`, { object: entry.name, records: cp.records });
    return after;
  }

  /** Starts preparing the next object to read after the one at `index` (see {@link ObjectPreparation}), if one is left. */
  private prepareNext(preparation: ObjectPreparation, index: number): void {
    const next = this.objects.findIndex((o, i) => i > index && o.status !== BackupObjectStatus.Failed && o.status !== BackupObjectStatus.Succeeded);
    if (next !== -1) preparation.prepare(next, this.objects[next]!);
  }

  /**
   * The change count an object starts (or resumes) with: the checkpoint's; at the object's start, a fresh
   * count against its previous backup (an incremental object's base, else the last backup in which it
   * succeeded), or `null` when there is none; `null` too for a checkpoint written before changes were counted.
   */
  private async changesAtStart(entry: BackupObjectEntry, start: BackupCheckpoint): Promise<BackupObjectChanges | null> {
    if (start.changes !== undefined) return start.changes;
    if (start.part > 0 || start.complete === true) return null;
    const backup = this.backup!;
    const previous =
      (entry.mode ?? BackupMode.Full) === BackupMode.Incremental
        ? (entry.baseBackupId ?? null)
        : ((await this.deps.backups.lastSucceededObject(this.ctx.tenantId, backup.orgId, entry.name, backup.createdAt))?.backup.id ?? null);
    return previous === null ? null : emptyChanges(previous);
  }

  /** A tracker of the object's changes from `cp` on, or `null` when they are not counted. */
  private async openTracker(entry: BackupObjectEntry, cp: BackupCheckpoint): Promise<BackupChangeTracker | null> {
    if (cp.changes === undefined || cp.changes === null) return null;
    const { ctx, deps } = this;
    return BackupChangeTracker.open(
      { backups: deps.backups, files: deps.files, changes: deps.changes },
      { tenantId: ctx.tenantId, backupId: ctx.input.backupId, object: entry.name, mode: entry.mode ?? BackupMode.Full, state: cp.changes, resumeAfterId: cp.lastId, logger: ctx.logger },
    );
  }

  /** Progress: records done of the estimated total, the current object, objects done of all. */
  private report(cp: BackupCheckpoint): void {
    const entry = this.objects[cp.index];
    const finished = this.objects.filter((o) => o.status === BackupObjectStatus.Succeeded || o.status === BackupObjectStatus.Failed).length;
    const current = entry === undefined ? '' : `${entry.name} ${cp.records}/${entry.estimatedRecords ?? '?'} (${entry.method ?? BackupReadMethod.Rest}); `;
    const paused = this.budget.paused ? 'paused for API budget; ' : '';
    this.ctx.progress({
      processed: cp.done,
      total: Math.max(this.total, cp.done),
      message: `${paused}${current}${finished}/${this.objects.length} objects done`,
    });
  }

  private throwIfAborted(): void {
    if (this.ctx.signal.aborted) throw this.ctx.signal.reason;
  }
}
