import { RestoreOutcome } from '../../../storage/index.ts';
import type { SentRecord } from './createReconciler.ts';
import { toRestoreResults } from './recordBatchWriter.ts';
import type { ReferenceContext } from './referenceResolver.ts';
import { emptyRestoreCounts, type RestoreCheckpoint } from './restoreCheckpoint.ts';
import type { RestorePassContext } from './restorePassContext.ts';
import type { ObjectWork } from './restorePlanBuilder.ts';

/**
 * Pass 2 of a restore: fills the lookups that closed a cycle (written empty by pass 1), now that every
 * parent exists, by updating the restored records batch after batch, with a checkpoint after each.
 * A value whose parent has no target Id stays empty. A dry run only walks.
 */
export class DeferredLookupPass {
  constructor(private readonly run: RestorePassContext) {}

  /** Fills the deferred lookups of object `w` from the checkpoint; returns the checkpoint after its last batch. */
  async fillObject(w: ObjectWork, start: RestoreCheckpoint): Promise<RestoreCheckpoint> {
    const { ctx, deps, records, writer, total } = this.run;
    const { tenantId, input } = ctx;
    const { sameOrg } = this.run.refs;
    const name = w.plan.name;
    let cp = start;
    for await (const batch of records.batches(name, cp.offset, w.batchSize)) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      const ids = batch.records.map((r) => String(r.Id));
      const referenced = batch.records.flatMap((r) => [...w.deferred].map((f) => r[f]).filter((v): v is string => typeof v === 'string' && v !== ''));
      const restored = await deps.idMap.targetsOf(tenantId, input.restoreId, [...ids, ...referenced]);
      const refs: ReferenceContext = { ...this.run.refs, restored };
      const updates: SentRecord[] = [];
      batch.records.forEach((record, i) => {
        const mapped = restored.get(ids[i]!);
        const target = typeof mapped === 'string' ? mapped : sameOrg ? ids[i]! : null;
        if (target === null) return;
        const values: Record<string, unknown> = { Id: target };
        for (const field of w.deferred) {
          const value = record[field];
          if (typeof value !== 'string' || value === '') continue;
          const resolved = w.resolver.resolve(field, value, refs);
          if (resolved.kind === 'mapped' && resolved.value !== null) values[field] = resolved.value;
        }
        if (Object.keys(values).length > 1) updates.push({ sourceId: ids[i]!, values });
      });
      const counts = { ...(cp.counts[name] ?? emptyRestoreCounts()) };
      if (!input.dryRun) {
        const outcomes = await writer.update(name, w.plan.method, updates);
        await deps.results.record(tenantId, input.restoreId, toRestoreResults(name, outcomes, RestoreOutcome.Updated, 2));
        counts.failed += outcomes.filter((o) => !o.success).length;
      }
      cp = { ...cp, offset: batch.offset, done: cp.done + batch.records.length, counts: { ...cp.counts, [name]: counts } };
      await ctx.saveCheckpoint(cp);
      ctx.progress({ processed: cp.done, total: Math.max(total, cp.done), message: `${name}: deferred lookups` });
    }
    return cp;
  }
}
