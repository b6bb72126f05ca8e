import { RestoreOutcome, type RestoreResult } from '../../../storage/index.ts';
import type { SentRecord } from './createReconciler.ts';
import type { InFlightBatchRecovery } from './inFlightBatchRecovery.ts';
import { COLLECTION_SIZE, toRestoreResults, type WriteOutcome } from './recordBatchWriter.ts';
import { buildPayload } from './recordPayloadBuilder.ts';
import type { ReferenceContext } from './referenceResolver.ts';
import { emptyPlannedCounts, emptyRestoreCounts, type RestoreCheckpoint } from './restoreCheckpoint.ts';
import type { RestorePassContext } from './restorePassContext.ts';
import type { ObjectWork } from './restorePlanBuilder.ts';

/**
 * Pass 1 of a restore, one object at a time: each batch of backed-up records is sorted into creates
 * (not in the target), updates (in it) and skips (what the mode does not allow), lookups resolved and
 * deferred ones left out, then written (a dry run only counts), with a result per record, the new
 * Ids in the Id map, and a checkpoint after the batch. A create batch is marked in flight while sent.
 */
export class RecordWritePass {
  constructor(
    private readonly run: RestorePassContext,
    private readonly inFlight: InFlightBatchRecovery,
  ) {}

  /** Writes object `w` batch after batch from the checkpoint; returns the checkpoint after its last batch. */
  async writeObject(w: ObjectWork, start: RestoreCheckpoint): Promise<RestoreCheckpoint> {
    const { ctx, records, total } = this.run;
    let cp = start;
    const name = w.plan.name;
    for await (const batch of records.batches(name, cp.offset, w.batchSize)) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      cp = await this.writeBatch(w, batch.records, cp, batch.offset);
      ctx.progress({ processed: cp.done, total: Math.max(total, cp.done), message: `${name}: ${cp.planned[name]?.records ?? 0} records` });
    }
    return cp;
  }

  private async writeBatch(w: ObjectWork, records: Record<string, unknown>[], cp: RestoreCheckpoint, nextOffset: number): Promise<RestoreCheckpoint> {
    const { ctx, deps, writer } = this.run;
    const { tenantId, input } = ctx;
    const { sameOrg } = this.run.refs;
    const name = w.plan.name;
    const sourceIds = records.map((r) => String(r.Id));
    const referenced = records.flatMap((r) => w.referenceFields.map((f) => r[f]).filter((v): v is string => typeof v === 'string' && v !== ''));
    const restored = await deps.idMap.targetsOf(tenantId, input.restoreId, [...sourceIds, ...referenced]);
    const candidates = sourceIds.map((id) => {
      const mapped = restored.get(id);
      return typeof mapped === 'string' ? mapped : sameOrg ? id : null;
    });
    const existing = await this.existingIds(name, candidates.filter((c): c is string => c !== null));
    const refs: ReferenceContext = { ...this.run.refs, restored };
    const planned = { ...(cp.planned[name] ?? emptyPlannedCounts()) };
    planned.unmapped = { ...planned.unmapped };
    const creates: SentRecord[] = [];
    const updates: SentRecord[] = [];
    const skipped: RestoreResult[] = [];
    const now = new Date();
    records.forEach((record, i) => {
      const target = candidates[i]!;
      const sourceId = sourceIds[i]!;
      const exists = target !== null && existing.has(target);
      const allowed = exists ? input.mode !== 'INSERT_MISSING' : input.mode !== 'OVERWRITE';
      if (!allowed) {
        const code = exists ? 'EXISTS' : 'MISSING';
        skipped.push({ object: name, sourceId, targetId: exists ? target : null, outcome: RestoreOutcome.Skipped, pass: 1, errors: [{ code, message: exists ? `exists in the target; mode ${input.mode} does not overwrite` : `missing in the target; mode ${input.mode} does not create`, fields: [] }], at: now });
        return;
      }
      const payload = buildPayload(record, exists ? w.plan.updateFields : w.plan.createFields, w.deferred, exists ? 'update' : 'create', w.resolver, refs);
      for (const field of payload.unmapped) planned.unmapped[field] = (planned.unmapped[field] ?? 0) + 1;
      if (exists) updates.push({ sourceId, values: { Id: target, ...payload.values } });
      else creates.push({ sourceId, values: payload.values });
    });
    planned.records += records.length;
    planned.toCreate += creates.length;
    planned.toUpdate += updates.length;
    planned.toSkip += skipped.length;

    const counts = { ...(cp.counts[name] ?? emptyRestoreCounts()) };
    counts.skipped += skipped.length;
    if (input.dryRun) {
      await deps.idMap.put(tenantId, input.restoreId, name, creates.map((c) => ({ sourceId: c.sourceId, targetId: null })));
    } else {
      const createOutcomes = await this.create(w, creates, cp.offset);
      const updateOutcomes = await writer.update(name, w.plan.method, updates);
      const results = [...toRestoreResults(name, createOutcomes, RestoreOutcome.Created, 1), ...toRestoreResults(name, updateOutcomes, RestoreOutcome.Updated, 1), ...skipped];
      // Both are written before the checkpoint moves past the batch (a crash before it sends the batch again,
      // reconciled through its in-flight mark); neither needs the other, so they go to the database together.
      await Promise.all([
        deps.idMap.put(tenantId, input.restoreId, name, createOutcomes.filter((o) => o.success && o.targetId !== null).map((o) => ({ sourceId: o.sourceId, targetId: o.targetId! }))),
        deps.results.record(tenantId, input.restoreId, results),
      ]);
      for (const o of createOutcomes) o.success ? counts.created++ : counts.failed++;
      for (const o of updateOutcomes) o.success ? counts.updated++ : counts.failed++;
    }
    const next: RestoreCheckpoint = {
      ...cp,
      offset: nextOffset,
      done: cp.done + records.length,
      counts: { ...cp.counts, [name]: counts },
      planned: { ...cp.planned, [name]: planned },
    };
    await ctx.saveCheckpoint(next);
    // The in-flight mark ends only once the checkpoint is past the batch; the counts shown can go with it.
    await Promise.all([input.dryRun ? undefined : deps.inFlight.end(tenantId, input.restoreId), deps.restores.update(tenantId, input.restoreId, { counts: next.counts })]);
    return next;
  }

  /** Sends creates, first reconciling the batch a dead attempt left in flight; the batch is in flight while sent. */
  private async create(w: ObjectWork, creates: SentRecord[], offset: number): Promise<WriteOutcome[]> {
    const { ctx, deps, writer } = this.run;
    const name = w.plan.name;
    const { outcomes, toSend } = await this.inFlight.recover(name, offset, creates);
    if (toSend.length === 0) return outcomes;
    const sentAt = new Date();
    await deps.inFlight.begin(ctx.tenantId, ctx.input.restoreId, { object: name, offset, sentAt, bulkJobId: null });
    outcomes.push(...(await writer.create(name, w.plan.method, toSend, sentAt)));
    return outcomes;
  }

  /** Which of `ids` exist (not deleted) in the target. */
  private async existingIds(object: string, ids: string[]): Promise<Set<string>> {
    const { client, caller } = this.run;
    const found = new Set<string>();
    for (let i = 0; i < ids.length; i += COLLECTION_SIZE) {
      const chunk = ids.slice(i, i + COLLECTION_SIZE);
      const soql = `SELECT Id FROM ${object} WHERE Id IN (${chunk.map((id) => `'${id}'`).join(', ')})`;
      let page = await caller.call(`check ${object}`, () => client.query(soql));
      for (;;) {
        for (const r of page.records) found.add(String(r.Id));
        if (page.done || page.nextRecordsUrl === null) break;
        const next = page.nextRecordsUrl;
        page = await caller.call(`check ${object}`, () => client.queryMore(next));
      }
    }
    // Ids are compared as sent: 18-character Ids from the backup, 18-character Ids from the query.
    return found;
  }
}
